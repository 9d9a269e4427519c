/**
 * Reports and retirements reach the daily quiz through its one choosing path (`chooseAndClaim`), used by the
 * scheduled post and by `/daily now`: a question retired in a server is never posted there again, and one reported
 * by HOLD_AFTER_REPORTS members waits for an admin. Both dialects.
 */
import { describe, expect, it } from 'vitest';
import { postQuizNow } from '../../src/discord/dailyRuntime.ts';
import type { Question } from '../../src/quiz/schema.ts';
import { HOLD_AFTER_REPORTS } from '../../src/schedule/postQuiz.ts';
import { backends, CHANNEL_A, CHANNEL_B, GUILD_A, GUILD_B, makeQuestion, POOL, useWorld, type World } from './support.ts';

const START = '2026-03-01T12:00:00Z';
const guildA = { guildId: GUILD_A, channelId: CHANNEL_A, postTime: '09:00', timeZone: 'UTC' };
const guildB = { guildId: GUILD_B, channelId: CHANNEL_B, postTime: '09:00', timeZone: 'UTC' };

/** Runs the scheduler day after day (post at 09:00, reveal when the window ends) and returns each guild's questions. */
async function playDays(w: World, days: number): Promise<Map<string, string[]>> {
  const start = w.bot.publisher.posts.length;
  for (let d = 0; d < days; d++) {
    const day = new Date(Date.UTC(2026, 2, 2 + d, 9, 0, 0));
    w.clock.set(day.toISOString());
    await w.bot.scheduler.sweep();
  }
  const byGuild = new Map<string, string[]>();
  for (const p of w.bot.publisher.posts.slice(start)) byGuild.set(p.guildId, [...(byGuild.get(p.guildId) ?? []), p.questionId]);
  return byGuild;
}

const report = (w: World, guildId: string, questionId: string, members: number, from = 0) =>
  Promise.all(
    Array.from({ length: members }, (_, i) =>
      w.bot.store.reportQuestion({ guildId, questionId, userId: `70000000000000000${from + i}`, reason: 'wrong-answer', origin: 'daily' }),
    ),
  );

for (const backend of backends) {
  describe(`reported and retired questions in the daily quiz (${backend.name})`, () => {
    const world = useWorld(backend, START);
    const retiredQ = POOL[0]!;

    it('report → retire → never posted in that server again, through several cycles; other servers still get it', async () => {
      const w = world();
      await w.configure(guildA);
      await w.configure(guildB);
      await report(w, GUILD_A, retiredQ.id, 1);
      expect(await w.bot.store.retireQuestion(GUILD_A, retiredQ.id, 'admin')).toEqual({ status: 'retired' });

      const asked = await playDays(w, POOL.length * 3);
      expect(asked.get(GUILD_A)).toHaveLength(POOL.length * 3);
      expect(asked.get(GUILD_A)).not.toContain(retiredQ.id);
      expect(new Set(asked.get(GUILD_A))).toEqual(new Set(POOL.slice(1).map((q) => q.id)));
      expect(asked.get(GUILD_B)).toContain(retiredQ.id);
    });

    it(`a question reported by ${HOLD_AFTER_REPORTS} members waits for an admin; fewer reports do not hold it; dismissing releases it`, async () => {
      const w = world();
      await w.configure(guildA);
      const held = POOL[5]!; // S3, the only question of its topic
      const reportedTwice = POOL[3]!;
      await report(w, GUILD_A, held.id, HOLD_AFTER_REPORTS);
      await report(w, GUILD_A, reportedTwice.id, HOLD_AFTER_REPORTS - 1);
      // The same member reporting again is still one report.
      await report(w, GUILD_A, reportedTwice.id, 1);

      const before = (await playDays(w, POOL.length * 2)).get(GUILD_A) ?? [];
      expect(before).not.toContain(held.id);
      expect(before).toContain(reportedTwice.id);

      expect(await w.bot.store.dismissReports(GUILD_A, held.id, 'admin')).toBe(HOLD_AFTER_REPORTS);
      w.clock.set('2026-03-20T00:00:00Z');
      const after: string[] = [];
      for (let d = 0; d < POOL.length; d++) {
        w.clock.set(new Date(Date.UTC(2026, 2, 20 + d, 9, 0, 0)).toISOString());
        await w.bot.scheduler.sweep();
        after.push(w.bot.publisher.posts.at(-1)!.questionId);
      }
      expect(after).toContain(held.id);
    });

    it('/daily now chooses through the same path: only what is neither retired nor held', async () => {
      const w = world();
      await w.configure({ ...guildA, postTime: '23:00' });
      const [keep, ...others] = POOL as [Question, ...Question[]];
      for (const q of others.slice(0, 3)) await w.bot.store.retireQuestion(GUILD_A, q.id, 'admin');
      for (const q of others.slice(3)) await report(w, GUILD_A, q.id, HOLD_AFTER_REPORTS);

      w.clock.set('2026-03-02T10:00:00Z');
      const outcome = await postQuizNow(w.bot.scheduler.deps, GUILD_A);
      expect(outcome).toMatchObject({ status: 'posted', quiz: { questionId: keep.id } });
      w.clock.set('2026-03-03T10:00:00Z');
      expect(await postQuizNow(w.bot.scheduler.deps, GUILD_A)).toMatchObject({ status: 'posted', quiz: { questionId: keep.id } });

      await w.bot.store.retireQuestion(GUILD_A, keep.id, 'admin');
      w.clock.set('2026-03-04T10:00:00Z');
      expect(await postQuizNow(w.bot.scheduler.deps, GUILD_A)).toMatchObject({ status: 'no-question', reason: expect.stringMatching(/retired or held/) });
    });

    it('curated first in the scheduled post: generated questions only once the curated ones are used', async () => {
      const generated = [1, 2].map((n) => ({ ...makeQuestion('Glossary', n), kind: 'glossary', quality: n / 4 }));
      const pool = [...generated, ...POOL.slice(0, 2)];
      const w = world();
      const bot = await w.process({ questions: () => pool });
      await bot.store.upsertGuildConfig(guildA);
      const ids: string[] = [];
      for (let d = 0; d < 4; d++) {
        w.clock.set(new Date(Date.UTC(2026, 2, 2 + d, 9, 0, 0)).toISOString());
        await bot.scheduler.sweep();
        ids.push(bot.publisher.posts.at(-1)!.questionId);
      }
      expect(new Set(ids.slice(0, 2))).toEqual(new Set(POOL.slice(0, 2).map((q) => q.id)));
      expect(ids.slice(2)).toEqual([generated[1]!.id, generated[0]!.id]);
    });
  });
}
