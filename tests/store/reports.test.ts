import { describe, expect, it } from 'vitest';
import { StoreError, type ReportQuestionInput } from '../../src/store/index.ts';
import { backends, GUILD, OTHER_GUILD, useStore, type Backend } from './support.ts';

const report = (userId: string, questionId: string, reason: ReportQuestionInput['reason'], guildId = GUILD): ReportQuestionInput => ({
  guildId,
  questionId,
  userId,
  reason,
  origin: 'daily',
});
const none = { 'wrong-answer': 0, ambiguous: 0, outdated: 0, wording: 0 };

describe.each(backends)('question reports on $name', (backend: Backend) => {
  const fx = useStore(backend);

  it('keeps one report per member per question: a second one updates it and says what it was', async () => {
    const { store, clock } = fx();
    const first = await store.reportQuestion(report('u1', 'q_a', 'ambiguous'));
    expect(first).toEqual({
      status: 'recorded',
      report: { guildId: GUILD, questionId: 'q_a', userId: 'u1', reason: 'ambiguous', origin: 'daily', reportedAt: clock.now() },
    });
    clock.set('2026-03-02T09:00:00Z');
    const second = await store.reportQuestion({ ...report('u1', 'q_a', 'outdated'), origin: 'practice' });
    expect(second).toMatchObject({ status: 'updated', previous: 'ambiguous', report: { reason: 'outdated', origin: 'practice' } });
    const same = await store.reportQuestion(report('u1', 'q_a', 'outdated'));
    expect(same).toMatchObject({ status: 'updated', previous: 'outdated' });
    expect(await store.getReportedQuestion(GUILD, 'q_a')).toEqual({
      questionId: 'q_a',
      reporters: 1,
      byReason: { ...none, outdated: 1 },
      lastReportedAt: new Date('2026-03-02T09:00:00Z'),
    });
  });

  it('a member clicking many times at once still leaves one report', async () => {
    const { store, openAnother } = fx();
    // On PostgreSQL the other clicks come through a separate pool, i.e. another process as far as the server can tell.
    const other = backend.name === 'postgres' ? await openAnother() : store;
    const reasons = ['wrong-answer', 'ambiguous', 'outdated', 'wording'] as const;
    await Promise.all(
      reasons.flatMap((reason, i) => [(i % 2 ? other : store).reportQuestion(report('u1', 'q_a', reason)), other.reportQuestion(report('u2', 'q_a', reason))]),
    );
    expect((await store.getReportedQuestion(GUILD, 'q_a'))?.reporters).toBe(2);
  });

  it('counts members per reason, lists the most reported first, pages, and keeps servers apart', async () => {
    const { store, clock } = fx();
    await store.reportQuestion(report('u1', 'q_a', 'wrong-answer'));
    await store.reportQuestion(report('u2', 'q_a', 'wrong-answer'));
    await store.reportQuestion(report('u3', 'q_a', 'wording'));
    await store.reportQuestion(report('u1', 'q_b', 'outdated'));
    clock.set('2026-03-02T10:00:00Z');
    await store.reportQuestion(report('u1', 'q_c', 'ambiguous'));
    await store.reportQuestion(report('u9', 'q_z', 'ambiguous', OTHER_GUILD));

    const all = await store.listReportedQuestions({ guildId: GUILD, limit: 10 });
    expect(all.total).toBe(3);
    // Most reporters first; equal counts: the latest report first.
    expect(all.entries.map((e) => [e.questionId, e.reporters])).toEqual([
      ['q_a', 3],
      ['q_c', 1],
      ['q_b', 1],
    ]);
    expect(all.entries[0]!.byReason).toEqual({ ...none, 'wrong-answer': 2, wording: 1 });
    const page2 = await store.listReportedQuestions({ guildId: GUILD, limit: 2, offset: 2 });
    expect(page2).toMatchObject({ total: 3, entries: [{ questionId: 'q_b' }] });
    expect((await store.listReportedQuestions({ guildId: OTHER_GUILD, limit: 10 })).entries.map((e) => e.questionId)).toEqual(['q_z']);
    expect(await store.getReportedQuestion(GUILD, 'q_z')).toBeUndefined();
  });

  it('holds a question reported by at least N members, per server', async () => {
    const { store } = fx();
    for (const u of ['u1', 'u2', 'u3']) await store.reportQuestion(report(u, 'q_a', 'ambiguous'));
    for (const u of ['u1', 'u2']) await store.reportQuestion(report(u, 'q_b', 'ambiguous'));
    await store.reportQuestion(report('u1', 'q_b', 'outdated')); // the same member again: still 2
    for (const u of ['u1', 'u2', 'u3']) await store.reportQuestion(report(u, 'q_c', 'wording', OTHER_GUILD));
    expect(await store.heldQuestionIds(GUILD, 3)).toEqual(['q_a']);
    expect(await store.heldQuestionIds(GUILD, 2)).toEqual(['q_a', 'q_b']);
    expect(await store.heldQuestionIds(OTHER_GUILD, 3)).toEqual(['q_c']);
  });

  it('retires a question on one server: out of the list and the held set, once, and not elsewhere', async () => {
    const { store, clock } = fx();
    for (const u of ['u1', 'u2', 'u3']) {
      await store.reportQuestion(report(u, 'q_a', 'wrong-answer'));
      await store.reportQuestion(report(u, 'q_a', 'wrong-answer', OTHER_GUILD));
    }
    expect(await store.retireQuestion(GUILD, 'q_a', 'admin1')).toEqual({ status: 'retired' });
    const at = clock.now();
    clock.set('2026-03-03T08:00:00Z');
    expect(await store.retireQuestion(GUILD, 'q_a', 'admin2')).toEqual({ status: 'already-retired', retiredAt: at, retiredBy: 'admin1' });
    expect(await store.retiredQuestionIds(GUILD)).toEqual(['q_a']);
    expect(await store.retiredQuestionIds(OTHER_GUILD)).toEqual([]);
    expect(await store.listReportedQuestions({ guildId: GUILD, limit: 10 })).toEqual({ entries: [], total: 0 });
    expect(await store.heldQuestionIds(GUILD, 3)).toEqual([]);
    expect((await store.listReportedQuestions({ guildId: OTHER_GUILD, limit: 10 })).total).toBe(1);
    // A question need not have been reported to be retired.
    expect(await store.retireQuestion(GUILD, 'q_never_reported', 'admin1')).toEqual({ status: 'retired' });
    expect(await store.retiredQuestionIds(GUILD)).toEqual(['q_a', 'q_never_reported']);
  });

  it('dismisses a question’s open reports: it leaves the list and the held set; a later report starts over', async () => {
    const { store } = fx();
    for (const u of ['u1', 'u2', 'u3']) await store.reportQuestion(report(u, 'q_a', 'ambiguous'));
    expect(await store.dismissReports(GUILD, 'q_a', 'admin1')).toBe(3);
    expect(await store.dismissReports(GUILD, 'q_a', 'admin1')).toBe(0);
    expect(await store.heldQuestionIds(GUILD, 3)).toEqual([]);
    expect(await store.listReportedQuestions({ guildId: GUILD, limit: 10 })).toEqual({ entries: [], total: 0 });
    expect(await store.getReportedQuestion(GUILD, 'q_a')).toBeUndefined();

    // The same member reporting again after the dismissal is a new (open) report, not an update.
    expect(await store.reportQuestion(report('u1', 'q_a', 'outdated'))).toMatchObject({ status: 'recorded' });
    expect(await store.getReportedQuestion(GUILD, 'q_a')).toMatchObject({ reporters: 1, byReason: { ...none, outdated: 1 } });
    expect(await store.retiredQuestionIds(GUILD)).toEqual([]);
  });

  it('refuses an unknown reason or origin with a StoreError naming the field', async () => {
    const { store } = fx();
    await expect(store.reportQuestion({ ...report('u1', 'q_a', 'ambiguous'), reason: 'boring' as never })).rejects.toThrow(/reason/);
    await expect(store.reportQuestion({ ...report('u1', 'q_a', 'ambiguous'), origin: 'dm' as never })).rejects.toThrow(StoreError);
    expect(await store.listReportedQuestions({ guildId: GUILD, limit: 10 })).toEqual({ entries: [], total: 0 });
  });
});
