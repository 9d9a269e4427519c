/** Report payloads: custom ids that carry their state within 100 characters, and views within Discord's limits. */
import { describe, expect, it } from 'vitest';
import { embedLength } from 'discord.js';
import { renderHelp } from '../../src/discord/render/scores.ts';
import { renderPracticeResult } from '../../src/discord/render/practice.ts';
import {
  REPORTS_PAGE_SIZE,
  dismissId,
  parseQuestionsCustomId,
  parseReportReason,
  renderDismissPrompt,
  renderReportReasons,
  renderReportSaved,
  renderReportsList,
  renderRetirePrompt,
  reportButtonId,
  reportReasonId,
  reportsPageId,
  retireId,
  type ReportsListEntry,
} from '../../src/discord/render/reports.ts';
import { LIMITS } from '../../src/discord/render/limits.ts';
import type { MessagePayload } from '../../src/discord/render/common.ts';
import type { Question } from '../../src/quiz/schema.ts';
import { REPORT_REASONS } from '../../src/store/types.ts';
import { NOW, question } from '../practice/fixtures.ts';

const longId = 'q'.repeat(64);
const longest: Question = {
  ...question(longId, 'T'.repeat(300)),
  stem: 'S'.repeat(4000),
  options: Array.from({ length: 6 }, (_, i) => `${i}`.repeat(1000)),
};

function componentsOf(p: MessagePayload) {
  return p.components.flatMap((r) => r.components as unknown as Array<{ type: number; custom_id: string; label?: string; options?: Array<{ label: string; value: string; description?: string }> }>);
}

function checkLimits(p: MessagePayload): void {
  expect(p.flags).toBe(64);
  expect(p.allowedMentions).toEqual({ parse: [] });
  expect(p.embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(LIMITS.embedTotal);
  for (const e of p.embeds) {
    expect((e.title ?? '').length).toBeLessThanOrEqual(LIMITS.embedTitle);
    expect((e.description ?? '').length).toBeLessThanOrEqual(LIMITS.embedDescription);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeLessThanOrEqual(LIMITS.embedFieldName);
      expect(f.value.length).toBeLessThanOrEqual(LIMITS.embedFieldValue);
    }
  }
  expect(p.components.length).toBeLessThanOrEqual(LIMITS.actionRows);
  const ids = componentsOf(p).map((c) => c.custom_id);
  expect(new Set(ids).size).toBe(ids.length); // Discord refuses two components with one custom id
  for (const c of componentsOf(p)) {
    expect(c.custom_id.length).toBeLessThanOrEqual(LIMITS.customId);
    if (c.label) expect(c.label.length).toBeLessThanOrEqual(LIMITS.buttonLabel);
    for (const o of c.options ?? []) {
      expect(o.label.length).toBeLessThanOrEqual(LIMITS.selectLabel);
      expect((o.description ?? '').length).toBeLessThanOrEqual(LIMITS.selectDescription);
    }
  }
}

describe('report custom ids', () => {
  it('carry the origin and the question, within 100 characters, and round-trip', () => {
    const daily = { kind: 'daily', quizId: 999_999_999_999_999 } as const;
    for (const id of [reportButtonId(daily, longId), reportReasonId(daily, longId), reportButtonId({ kind: 'practice' }, longId), retireId(longId, true), dismissId(longId, true)]) {
      expect(id.length).toBeLessThanOrEqual(100);
    }
    expect(parseQuestionsCustomId(reportButtonId(daily, longId))).toEqual({ kind: 'report', origin: daily, questionId: longId });
    expect(parseQuestionsCustomId(reportReasonId({ kind: 'practice' }, 'q_1'))).toEqual({ kind: 'reason', origin: { kind: 'practice' }, questionId: 'q_1' });
    expect(parseQuestionsCustomId(reportsPageId(3, 'next'))).toEqual({ kind: 'page', page: 3 });
    expect(parseQuestionsCustomId(retireId('q_1'))).toEqual({ kind: 'retire', questionId: 'q_1' });
    expect(parseQuestionsCustomId(retireId('q_1', true))).toEqual({ kind: 'retire-confirmed', questionId: 'q_1' });
    expect(parseQuestionsCustomId(dismissId('q_1'))).toEqual({ kind: 'dismiss', questionId: 'q_1' });
    expect(parseQuestionsCustomId(dismissId('q_1', true))).toEqual({ kind: 'dismiss-confirmed', questionId: 'q_1' });
    expect(parseQuestionsCustomId('questions:no')).toEqual({ kind: 'cancel' });
  });

  it('reject anything the bot could not have made', () => {
    for (const bad of [
      'questions:rb:d0:q_1',
      'questions:rb:d-1:q_1',
      'questions:rb:x:q_1',
      'questions:rb:p:',
      `questions:rb:p:${'q'.repeat(65)}`,
      'questions:rb:p:q 1',
      'questions:rb:p:q_1:extra',
      'questions:pg:-1:x',
      'questions:pg:1',
      'questions:rt:',
      'questions:zz:q_1',
      'practice:n:',
    ]) {
      expect(parseQuestionsCustomId(bad), bad).toEqual({ kind: 'invalid' });
    }
    expect(parseReportReason(['ambiguous'])).toBe('ambiguous');
    expect(parseReportReason(['ambiguous', 'outdated'])).toBeUndefined();
    expect(parseReportReason(['boring'])).toBeUndefined();
  });
});

describe('report views', () => {
  it('the reason menu offers the four reasons, privately, for the longest question', () => {
    const view = renderReportReasons(longest, { kind: 'daily', quizId: 42 });
    checkLimits(view);
    const [menu] = componentsOf(view);
    expect(menu!.custom_id).toBe(`questions:rr:d42:${longId}`);
    expect(menu!.options!.map((o) => o.value)).toEqual([...REPORT_REASONS]);
    expect(menu!.options!.map((o) => o.label)).toEqual(['Wrong answer', 'Ambiguous', 'Outdated', 'Typo or wording']);
  });

  it('the thanks says whether the member’s one report was recorded or changed', () => {
    const report = { guildId: 'g', questionId: 'q', userId: 'u', reason: 'outdated', origin: 'daily', reportedAt: NOW } as const;
    expect(renderReportSaved({ status: 'recorded', report }).embeds[0]!.description).toMatch(/reported as \*\*Outdated\*\*/);
    expect(renderReportSaved({ status: 'updated', report, previous: 'ambiguous' }).embeds[0]!.description).toMatch(
      /already reported this question \(as \*\*Ambiguous\*\*\); your report now says \*\*Outdated\*\*/,
    );
    expect(renderReportSaved({ status: 'updated', report, previous: 'outdated' }).embeds[0]!.description).toMatch(/still counts once/);
  });

  it('a full page of the longest questions stays within limits: one row of decisions each, paging, distinct ids', () => {
    const entries: ReportsListEntry[] = Array.from({ length: REPORTS_PAGE_SIZE }, (_, i) => ({
      report: { questionId: `${'q'.repeat(63)}${i}`, reporters: 1000 + i, byReason: { 'wrong-answer': 1, ambiguous: 2, outdated: 3, wording: 994 + i }, lastReportedAt: NOW },
      question: i === 1 ? undefined : { ...longest, id: `${'q'.repeat(63)}${i}` },
      held: i < 2,
    }));
    const view = renderReportsList({ entries, total: 50, page: 2, holdAfter: 3 });
    checkLimits(view);
    const fields = view.embeds[0]!.fields!;
    expect(fields).toHaveLength(REPORTS_PAGE_SIZE);
    expect(fields[0]!.name).toMatch(/^9\. .* — reported by 1000 members · ⏸ held from the daily quiz/);
    expect(fields[1]!.value).toMatch(/no longer in the question bank/);
    expect(fields[3]!.value).toMatch(/Wrong answer 1 · Ambiguous 2 · Outdated 3 · Typo or wording 997/);
    expect(view.components).toHaveLength(REPORTS_PAGE_SIZE + 1);
    expect(view.embeds[0]!.footer?.text).toBe('Page 3 of 13');
    expect(componentsOf(view).map((c) => c.label)).toEqual([
      'Retire #9', 'Dismiss reports #9', 'Retire #10', 'Dismiss reports #10', 'Retire #11', 'Dismiss reports #11', 'Retire #12', 'Dismiss reports #12', 'Previous', 'Next',
    ]);
  });

  it('no reports: a short private note and no buttons; confirmations within limits', () => {
    const empty = renderReportsList({ entries: [], total: 0, page: 0, holdAfter: 3 });
    checkLimits(empty);
    expect(empty.components).toEqual([]);
    expect(empty.embeds[0]!.description).toMatch(/No open reports/);
    const report = { questionId: longId, reporters: 3, byReason: { 'wrong-answer': 3, ambiguous: 0, outdated: 0, wording: 0 }, lastReportedAt: NOW };
    for (const view of [renderRetirePrompt({ questionId: longId, question: longest, report }), renderDismissPrompt({ questionId: longId, question: undefined, report: undefined })]) {
      checkLimits(view);
      expect(componentsOf(view).map((c) => c.label)).toHaveLength(2);
    }
  });

  it('a practice result offers Report question in a server, not in DMs', () => {
    const view = { question: question('q_s3a', 'S3'), choices: [0], correct: true, partial: false, nextDue: NOW, dueCount: 0, topic: null };
    expect(componentsOf(renderPracticeResult(view)).map((c) => [c.label, c.custom_id])).toEqual([
      ['Next question', 'practice:n:'],
      ['Report question', 'questions:rb:p:q_s3a'],
    ]);
    expect(componentsOf(renderPracticeResult({ ...view, reportable: false })).map((c) => c.label)).toEqual(['Next question']);
  });

  it('/help names /questions and the Report button', () => {
    const help = renderHelp('## Rules\n- one').embeds[0]!.description!;
    expect(help).toContain('`/questions reports`');
    expect(help).toContain('Report question');
  });
});
