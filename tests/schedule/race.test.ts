import { describe, expect, it } from 'vitest';
import { submitDailyAnswer } from '../../src/quiz/daily/answer.ts';
import { leaseKey } from '../../src/schedule/leases.ts';
import { backends, CHANNEL_A, GUILD_A, POOL, useWorld } from './support.ts';

const START = '2026-03-02T07:00:00Z';
const berlinGuild = { guildId: GUILD_A, channelId: CHANNEL_A, postTime: '09:00', timeZone: 'Europe/Berlin' };

// In-process racing needs a database whose driver waits asynchronously: better-sqlite3 waits for another
// connection's lock synchronously, freezing the event loop that would release it. SQLite racing is covered with
// real processes in processRace.test.ts.
for (const backend of backends.filter((b) => b.name === 'postgres')) {
  describe(`two schedulers in one process on one database (${backend.name})`, () => {
    const world = useWorld(backend, START);

    it('starting together after the post time: one quiz row, one post', async () => {
      const w = world();
      await w.configure(berlinGuild);
      const b = await w.process({ publisher: w.bot.publisher });
      w.clock.set('2026-03-02T08:00:00Z');
      const [ra, rb] = await Promise.all([w.bot.scheduler.start(), b.scheduler.start()]);
      expect([...ra.errors, ...rb.errors]).toEqual([]);
      await Promise.all([w.bot.scheduler.sweep(), b.scheduler.sweep(), w.bot.scheduler.runGuild(GUILD_A), b.scheduler.runGuild(GUILD_A)]);
      expect(w.bot.publisher.posts).toHaveLength(1);
      const statuses = [ra, rb].map((r) => r.posts[0]?.outcome.status).sort();
      expect(statuses).toContain('posted');
      expect(statuses.filter((s) => s === 'posted')).toHaveLength(1);
    });

    it('a pending row left by a crash is taken over by exactly one of them', async () => {
      const w = world();
      await w.configure(berlinGuild);
      const q = POOL[2];
      if (!q) throw new Error('fixture');
      await w.bot.store.claimDailyQuiz({
        guildId: GUILD_A,
        localDate: '2026-03-02',
        questionId: q.id,
        topic: q.topic,
        channelId: CHANNEL_A,
        opensAt: new Date('2026-03-02T08:00:00Z'),
        closesAt: new Date('2026-03-03T07:00:00Z'),
      });
      const b = await w.process({ publisher: w.bot.publisher });
      const c = await w.process({ publisher: w.bot.publisher });
      w.clock.set('2026-03-02T08:10:00Z');
      const reports = await Promise.all([w.bot.scheduler.sweep(), b.scheduler.sweep(), c.scheduler.sweep(), b.scheduler.sweep()]);
      expect(reports.flatMap((r) => r.errors)).toEqual([]);
      expect(w.bot.publisher.posts).toHaveLength(1);
      expect(w.bot.publisher.postCalls).toBe(1);
    });

    it('many guilds, three processes sweeping at once for a simulated hour: every guild posted exactly once', async () => {
      const w = world();
      const guilds = Array.from({ length: 6 }, (_, i) => `30000000000000000${i}`);
      for (const guildId of guilds) await w.configure({ ...berlinGuild, guildId, channelId: `4${guildId.slice(1)}`, openForMinutes: 30 });
      const others = [await w.process({ publisher: w.bot.publisher }), await w.process({ publisher: w.bot.publisher })];
      const all = [w.bot, ...others];
      w.clock.set('2026-03-02T08:00:00Z');
      for (let minute = 0; minute < 60; minute += 5) {
        const reports = await Promise.all(all.map((p) => p.scheduler.sweep()));
        expect(reports.flatMap((r) => r.errors)).toEqual([]);
        w.clock.advance(5 * 60_000);
      }
      const perGuild = guilds.map((g) => w.bot.publisher.posts.filter((p) => p.guildId === g).length);
      expect(perGuild).toEqual(guilds.map(() => 1));
      // And each quiz was revealed once.
      expect(w.bot.publisher.reveals).toHaveLength(guilds.length);
      expect(new Set(w.bot.publisher.reveals.map((r) => r.quizId)).size).toBe(guilds.length);
    });

    it('revealing together: one announcement, one award set', async () => {
      const w = world();
      await w.configure({ ...berlinGuild, openForMinutes: 60 });
      w.clock.set('2026-03-02T08:00:00Z');
      await w.bot.scheduler.runGuild(GUILD_A);
      const quiz = await w.bot.store.getQuizByDate(GUILD_A, '2026-03-02');
      const question = POOL.find((q) => q.id === quiz?.questionId);
      if (!quiz || !question) throw new Error('no quiz');
      for (const [i, user] of ['u1', 'u2', 'u3', 'u4'].entries()) {
        await submitDailyAnswer(w.bot.store, question, { quizId: quiz.id, userId: user, choices: question.answers, answeredAt: new Date(Date.UTC(2026, 2, 2, 8, 10 + i)) });
      }
      const b = await w.process({ publisher: w.bot.publisher });
      w.clock.set('2026-03-02T09:00:00Z');
      const reports = await Promise.all([w.bot.scheduler.sweep(), b.scheduler.sweep(), b.scheduler.sweep(), w.bot.scheduler.sweep()]);
      expect(reports.flatMap((r) => r.errors)).toEqual([]);
      expect(w.bot.publisher.reveals).toHaveLength(1);
      const board = await w.bot.store.leaderboard({ guildId: GUILD_A, limit: 10 });
      expect(board.entries.map((e) => [e.userId, e.points])).toEqual([
        ['u1', 13],
        ['u2', 12],
        ['u3', 11],
        ['u4', 10],
      ]);
      expect(await w.bot.store.checkRollups()).toEqual([]);
    });
  });
}

for (const backend of backends) {
  describe(`post and reveal leases in the store (${backend.name})`, () => {
    const world = useWorld(backend, START);

    it('a post lease left by a dead process holds off posting until it expires, and posting releases its own', async () => {
      const w = world();
      await w.configure(berlinGuild);
      const q = POOL[1];
      if (!q) throw new Error('fixture');
      const { quiz } = await w.bot.store.claimDailyQuiz({
        guildId: GUILD_A,
        localDate: '2026-03-02',
        questionId: q.id,
        topic: q.topic,
        channelId: CHANNEL_A,
        opensAt: new Date('2026-03-02T08:00:00Z'),
        closesAt: new Date('2026-03-03T07:00:00Z'),
      });
      w.clock.set('2026-03-02T08:00:00Z');
      const key = leaseKey(quiz.id, 'post');
      expect(await w.bot.store.acquireLease(key, 'dead-host:1', 5 * 60_000, w.clock.now())).toBeDefined();

      const blocked = await w.bot.scheduler.sweep();
      expect(blocked.posts.map((p) => p.outcome.status)).toEqual(['busy']);
      expect(w.bot.publisher.posts).toEqual([]);

      w.clock.advance(5 * 60_000);
      const after = await w.bot.scheduler.sweep();
      expect(after.posts.map((p) => p.outcome.status)).toEqual(['posted']);
      expect(w.bot.publisher.posts).toHaveLength(1);
      expect(await w.bot.store.getLease(key)).toBeUndefined();
    });
  });
}
