/**
 * Every daily-quiz payload stays within Discord's limits, for every question the bot can draw (the shipped notes'
 * curated and generated questions) and for the longest question the schema allows.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { embedLength, type APIEmbed } from 'discord.js';
import { LIMITS } from '../../src/discord/render/limits.ts';
import type { MessagePayload } from '../../src/discord/render/common.ts';
import { parseQuizCustomId, renderAnswerRecorded, renderQuizClosed, renderQuizPost, renderQuizReveal } from '../../src/discord/render/quiz.ts';
import { parseLeaderboardCustomId, renderHelp, renderLeaderboard, renderStats, weakestTopics } from '../../src/discord/render/scores.ts';
import { loadKnowledge } from '../../src/knowledge/index.ts';
import { computeAwards } from '../../src/quiz/daily/scoring.ts';
import { summarizeResults } from '../../src/quiz/daily/results.ts';
import { SCORING_RULES } from '../../src/quiz/daily/scoring.ts';
import { loadQuestionBank } from '../../src/quiz/loadQuestionBank.ts';
import type { Question } from '../../src/quiz/schema.ts';
import type { Answer, DailyQuiz, UserStats } from '../../src/store/types.ts';

const KNOWLEDGE_DIR = fileURLToPath(new URL('../../knowledge', import.meta.url));

/** Asserts every documented limit on one payload. */
function checkLimits(p: MessagePayload): void {
  expect((p.content ?? '').length).toBeLessThanOrEqual(LIMITS.content);
  expect(p.embeds.length).toBeLessThanOrEqual(LIMITS.embedsPerMessage);
  expect(p.embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(LIMITS.embedTotal);
  for (const e of p.embeds as APIEmbed[]) {
    expect((e.title ?? '').length).toBeLessThanOrEqual(LIMITS.embedTitle);
    expect((e.description ?? '').length).toBeLessThanOrEqual(LIMITS.embedDescription);
    expect((e.fields ?? []).length).toBeLessThanOrEqual(LIMITS.embedFields);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeLessThanOrEqual(LIMITS.embedFieldName);
      expect(f.value.length).toBeLessThanOrEqual(LIMITS.embedFieldValue);
      expect(f.value.length).toBeGreaterThan(0);
    }
  }
  expect(p.components.length).toBeLessThanOrEqual(LIMITS.actionRows);
  for (const row of p.components) {
    const parts = row.components as unknown as Array<{ custom_id?: string; label?: string; options?: Array<{ label: string; value: string }> }>;
    expect(parts.length).toBeLessThanOrEqual(5);
    for (const c of parts) {
      expect((c.custom_id ?? '').length).toBeLessThanOrEqual(LIMITS.customId);
      if (c.label !== undefined) expect(c.label.length).toBeLessThanOrEqual(LIMITS.buttonLabel);
      expect((c.options ?? []).length).toBeLessThanOrEqual(LIMITS.selectOptions);
      for (const o of c.options ?? []) expect(o.label.length).toBeLessThanOrEqual(LIMITS.selectLabel);
    }
  }
}

function quizFor(q: Question, overrides: Partial<DailyQuiz> = {}): DailyQuiz {
  return {
    id: 999_999_999_999,
    guildId: '123456789012345678',
    localDate: '2026-03-01',
    seq: 12345,
    questionId: q.id,
    topic: q.topic,
    channelId: '123456789012345679',
    messageId: '123456789012345680',
    opensAt: new Date('2026-03-01T09:00:00Z'),
    closesAt: new Date('2026-03-02T08:00:00Z'),
    state: 'posted',
    failReason: null,
    failPermanent: false,
    attempts: 1,
    createdAt: new Date('2026-03-01T09:00:00Z'),
    postedAt: new Date('2026-03-01T09:00:00Z'),
    revealedAt: null,
    ...overrides,
  } as DailyQuiz;
}

/** 1,000 answers, everyone right: the reveal's lists must stay short. */
function manyAnswers(q: Question, quiz: DailyQuiz): Answer[] {
  return Array.from({ length: 1000 }, (_, i) => ({
    id: i + 1,
    quizId: quiz.id,
    userId: String(100000000000000000n + BigInt(i)),
    choices: [...q.answers],
    answeredAt: new Date(quiz.opensAt.getTime() + i * 1000),
    correct: true,
    credit: 1,
  }));
}

function renderAll(q: Question): MessagePayload[] {
  const quiz = quizFor(q);
  const answers = manyAnswers(q, quiz);
  const results = summarizeResults(q, answers, computeAwards(quiz, q, answers, new Map()));
  return [
    renderQuizPost(quiz, q, { answered: 1000, roleId: '123456789012345681' }),
    renderQuizReveal({ ...quiz, state: 'revealed' }, q, results),
    renderAnswerRecorded(quiz, q, q.options.map((_, i) => i)),
    renderQuizClosed({ ...quiz, state: 'revealed' }, q, [0]),
  ];
}

let bank: Question[] = [];
beforeAll(async () => {
  const kb = await loadKnowledge(KNOWLEDGE_DIR);
  bank = [...(await loadQuestionBank(kb, KNOWLEDGE_DIR)).bank.questions];
}, 60_000);

describe('quiz payloads within Discord limits', () => {
  it('for every question in the shipped bank', () => {
    expect(bank.length).toBeGreaterThan(50);
    for (const q of bank) for (const p of renderAll(q)) checkLimits(p);
  });

  it('for the longest questions in the bank and the longest the schema allows', () => {
    const longest = [...bank].sort((a, b) => b.stem.length + b.options.join('').length - (a.stem.length + a.options.join('').length)).slice(0, 3);
    const extreme: Question = {
      id: 'q_extreme_0123456789abcdef0123456789abcdef0123456789abcdef012345',
      stem: 'Why '.repeat(2000),
      options: Array.from({ length: 6 }, (_, i) => `${'Option text that goes on and on '.repeat(40)}${i}`),
      answers: [0, 2, 5],
      explanation: 'Because '.repeat(1500),
      source: { file: `${'deep/'.repeat(60)}notes.md`, headingPath: Array.from({ length: 12 }, () => 'A very long heading '.repeat(8)), line: 1 },
      topic: 'T'.repeat(400),
      kind: 'curated',
      sourceHash: '',
    };
    for (const q of [...longest, extreme]) for (const p of renderAll(q)) checkLimits(p);
    const post = renderQuizPost(quizFor(extreme), extreme, { answered: 0 });
    expect((post.components[0]!.components[0] as { custom_id: string }).custom_id).toBe('daily:m:999999999999');
  });

  it('buttons for single-answer questions, one per option, two rows for six', () => {
    const six = bank.find((q) => q.answers.length === 1) ?? bank[0]!;
    const q: Question = { ...six, options: ['a', 'b', 'c', 'd', 'e', 'f'], answers: [4] };
    const post = renderQuizPost(quizFor(q), q, { answered: 0 });
    expect(post.components.map((r) => r.components.length)).toEqual([5, 1]);
    const reveal = renderQuizReveal(quizFor(q), q, summarizeResults(q, [], []));
    const buttons = reveal.components.flatMap((r) => r.components as unknown as Array<{ custom_id: string; style: number; disabled?: boolean; label: string }>);
    const options = buttons.filter((b) => b.custom_id.startsWith('daily:'));
    expect(options.map((b) => b.style)).toEqual([2, 2, 2, 2, 3, 2]);
    expect(options.every((b) => b.disabled)).toBe(true);
    // Under them, in a row of its own, "Report question" naming the quiz and the question; it stays enabled.
    expect(reveal.components).toHaveLength(3);
    expect(buttons.at(-1)).toMatchObject({ label: 'Report question', custom_id: `questions:rb:d${quizFor(q).id}:${q.id}` });
    expect(buttons.at(-1)?.disabled).toBeFalsy();
  });

  it('custom ids round-trip and anything else is rejected', () => {
    expect(parseQuizCustomId('daily:a:42:3')).toEqual({ kind: 'button', quizId: 42, option: 3 });
    expect(parseQuizCustomId('daily:m:42')).toEqual({ kind: 'select', quizId: 42 });
    for (const bad of ['daily:a:42:6', 'daily:a:0:1', 'daily:a:-1:1', 'daily:a:42', 'daily:a:42:1:x', 'daily:m:', 'ask:r:x']) {
      expect(parseQuizCustomId(bad)).toEqual({ kind: 'invalid' });
    }
    expect(parseLeaderboardCustomId('lb:week:3:next')).toEqual({ period: 'week', page: 3 });
    expect(parseLeaderboardCustomId('lb:year:3')).toBeUndefined();
  });
});

describe('score payloads within Discord limits', () => {
  it('a leaderboard page of long ids with streaks, and stats over many long topics', () => {
    const entries = Array.from({ length: 10 }, (_, i) => ({ rank: 1 + i, userId: String(100000000000000000n + BigInt(i)), points: 1_000_000 - i }));
    checkLimits(
      renderLeaderboard({
        period: 'month',
        page: 4,
        board: { entries, total: 1_000_000 },
        range: { from: '2026-03-01', to: '2026-03-31' },
        timeZone: 'America/Argentina/ComodRivadavia',
        streaks: new Map(entries.map((e) => [e.userId, { current: 99, best: 120 }])),
        viewer: { userId: entries[3]!.userId, rank: 44, points: 1 },
      }),
    );
    const byTopic = Array.from({ length: 60 }, (_, i) => ({ topic: `Topic ${i} ${'with a long name '.repeat(10)}`, answered: 10, correct: i % 10, accuracy: (i % 10) / 10 }));
    const stats: UserStats = { points: 5000, rank: 1, answered: 600, correct: 270, accuracy: 0.45, credit: 300, currentStreak: 3, bestStreak: 40, byTopic };
    checkLimits(renderStats('100000000000000000', stats, false));
    expect(weakestTopics(byTopic).map((t) => t.accuracy)).toEqual([0, 0, 0]);
    checkLimits(renderHelp(SCORING_RULES));
  });
});
