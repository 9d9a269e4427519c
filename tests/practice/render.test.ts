import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { embedLength } from 'discord.js';
import {
  parsePracticeCustomId,
  practiceAnswerId,
  practiceNextId,
  practiceSelectId,
  renderPracticeQuestion,
  renderPracticeResult,
  topicFromKey,
} from '../../src/discord/render/practice.ts';
import { loadKnowledge } from '../../src/knowledge/index.ts';
import type { QuestionBank } from '../../src/quiz/bank.ts';
import { loadQuestionBank } from '../../src/quiz/loadQuestionBank.ts';
import { question, NOW } from './fixtures.ts';

const KNOWLEDGE_DIR = fileURLToPath(new URL('../../knowledge', import.meta.url));
let bank: QuestionBank;

beforeAll(async () => {
  bank = (await loadQuestionBank(await loadKnowledge(KNOWLEDGE_DIR), KNOWLEDGE_DIR)).bank;
}, 60_000);

describe('practice custom ids', () => {
  it('round-trip, stay within 100 characters even for a 64-character id and long topic, and reject anything else', () => {
    const longId = 'x'.repeat(64);
    const topic = 'A very long top-level heading '.repeat(5);
    const answerId = practiceAnswerId(topic, longId, 123456, 5);
    expect(answerId.length).toBeLessThanOrEqual(100);
    expect(parsePracticeCustomId(answerId)).toMatchObject({ kind: 'answer', questionId: longId, reps: 123456, option: 5 });
    const parsed = parsePracticeCustomId(practiceSelectId(topic, longId, 0));
    expect(parsed).toMatchObject({ kind: 'select', questionId: longId, reps: 0 });
    if (parsed.kind === 'select') expect(topicFromKey(parsed.topicKey, ['other', topic])).toBe(topic);
    expect(parsePracticeCustomId(practiceNextId(null))).toEqual({ kind: 'next', topicKey: '' });
    expect(topicFromKey('', ['S3'])).toBeNull();
    expect(topicFromKey('abcdef12', ['S3'])).toBeUndefined();
    for (const bad of ['practice:a::q1:0:6', 'practice:a::q1:-1:0', 'practice:a::q:1:0:0', 'practice:n:xyz', 'practice:a::q1:01:0', 'daily:a:1:0']) {
      expect(parsePracticeCustomId(bad), bad).toEqual({ kind: 'invalid' });
    }
  });
});

describe('practice payloads', () => {
  it('every question in the bank renders within Discord limits, as a question and as a result', () => {
    for (const q of bank.questions) {
      const pick = { kind: 'due' as const, question: q, card: { questionId: q.id, due: NOW, reps: 42, lastReview: NOW }, dueCount: 3 };
      const views = [
        renderPracticeQuestion(pick, q.topic),
        renderPracticeResult({ question: q, choices: [0, 1], correct: false, partial: true, nextDue: NOW, dueCount: 0, topic: null }),
      ];
      for (const view of views) {
        expect(view.flags).toBe(64);
        expect(view.allowedMentions).toEqual({ parse: [] });
        expect(embedLength(view.embeds[0]!)).toBeLessThanOrEqual(6000);
        for (const row of view.components) {
          for (const c of row.components) {
            if ('custom_id' in c) expect(c.custom_id.length).toBeLessThanOrEqual(100);
            if ('label' in c && c.label) expect(c.label.length).toBeLessThanOrEqual(80);
          }
        }
      }
    }
  });

  it('a six-option question gets two rows of buttons; "choose N" gets one select', () => {
    const six = { ...question('q_six', 'S3'), options: ['a', 'b', 'c', 'd', 'e', 'f'] };
    const view = renderPracticeQuestion({ kind: 'new', question: six, card: undefined, dueCount: 0 }, null);
    expect(view.components.map((r) => r.components.length)).toEqual([5, 1]);
    const multi = renderPracticeQuestion({ kind: 'early', question: question('q_m', 'S3', [0, 2]), card: undefined, dueCount: 0 }, null);
    expect(multi.components.map((r) => r.components.map((c) => c.type))).toEqual([[3]]);
    expect(multi.embeds[0]!.description).toContain("Nothing due — here's an early review.");
    expect(multi.embeds[0]!.description).toContain('Choose 2');
  });
});
