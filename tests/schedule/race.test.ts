import { describe, expect, it } from 'vitest';
import { submitDailyAnswer } from '../../src/quiz/daily/answer.ts';
import { connect } from '../../src/store/connect.ts';
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
  describe(`job leases (${backend.name})`, () => {
    const world = useWorld(backend, START);

    it('one holder at a time; free again after release or expiry', async () => {
      const w = world();
      const b = await w.process();
      const first = await w.bot.leases.acquire(1, 'post', 60_000);
      expect(first).toBeDefined();
      expect(await b.leases.acquire(1, 'post', 60_000)).toBeUndefined();
      expect(await b.leases.acquire(1, 'reveal', 60_000)).toBeDefined(); // another step of the same quiz
      await first?.release();
      const second = await b.leases.acquire(1, 'post', 60_000);
      expect(second).toBeDefined();
      w.clock.advance(59_999);
      expect(await w.bot.leases.acquire(1, 'post', 60_000)).toBeUndefined();
      w.clock.advance(1);
      expect(await w.bot.leases.acquire(1, 'post', 60_000)).toBeDefined();
      // The old holder's release no longer touches the new holder's lease.
      await second?.release();
      expect(await b.leases.acquire(1, 'post', 60_000)).toBeUndefined();
    });

    it('twenty concurrent acquires from two processes: exactly one wins', async () => {
      const w = world();
      const b = await w.process();
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? b : w.bot).leases.acquire(42, 'post', 60_000)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });
}

describe('job leases on SQLite beside an open store transaction in the same process', () => {
  const sqlite = backends.find((b) => b.name === 'sqlite');
  if (!sqlite) throw new Error('sqlite backend missing');
  const world = useWorld(sqlite, START);

  it('a lease taken while the store holds the write lock succeeds once that transaction commits, without errors', async () => {
    const w = world();
    const other = await connect(w.url);
    try {
      let steps: string[] = [];
      // Another connection in this process holds the write lock across awaits, as the store's claim transaction does.
      const transaction = other.db.transaction().execute(async (trx) => {
        await trx.insertInto('guild_config').values({ guild_id: 'g', channel_id: 'c', post_time: '09:00', time_zone: 'UTC', paused: 0, updated_at: 0 }).execute();
        steps.push('locked');
        await new Promise((resolve) => setTimeout(resolve, 50));
        steps.push('committing');
      });
      await new Promise((resolve) => setImmediate(resolve));
      const lease = await w.bot.leases.acquire(7, 'post', 60_000);
      steps.push('leased');
      await transaction;
      expect(lease).toBeDefined();
      expect(steps).toEqual(['locked', 'committing', 'leased']);
      steps = [];
    } finally {
      await other.db.destroy();
    }
  });
});
