import { describe, expect, it } from 'vitest';
import { submitDailyAnswer } from '../../src/quiz/daily/answer.ts';
import { silentLogger } from '../../src/logger.ts';
import { startDailyQuizScheduler } from '../../src/schedule/open.ts';
import { permanentError, postNonce, retryableError } from '../../src/schedule/publisher.ts';
import type { DailyQuiz } from '../../src/store/types.ts';
import { backends, CHANNEL_A, CHANNEL_B, FakeCron, FakePublisher, GUILD_A, GUILD_B, POOL, useWorld, type Bot, type World } from './support.ts';

// Monday 2026-03-02, 07:00 UTC = 08:00 in Berlin, 02:00 in New York.
const START = '2026-03-02T07:00:00Z';
const berlinGuild = { guildId: GUILD_A, channelId: CHANNEL_A, postTime: '09:00', timeZone: 'Europe/Berlin' };
const newYorkGuild = { guildId: GUILD_B, channelId: CHANNEL_B, postTime: '09:00', timeZone: 'America/New_York' };

const question = (q: DailyQuiz) => {
  const found = POOL.find((p) => p.id === q.questionId);
  if (!found) throw new Error(`quiz ${q.id} has unknown question ${q.questionId}`);
  return found;
};

async function answer(bot: Bot, quiz: DailyQuiz, userId: string, right: boolean, at: Date) {
  const q = question(quiz);
  const wrong = q.options.findIndex((_, i) => !q.answers.includes(i));
  return submitDailyAnswer(bot.store, q, { quizId: quiz.id, userId, choices: right ? q.answers : [wrong], answeredAt: at });
}

async function quizOf(w: World, guildId: string, localDate: string): Promise<DailyQuiz> {
  const quiz = await w.bot.store.getQuizByDate(guildId, localDate);
  if (!quiz) throw new Error(`no quiz for ${guildId} on ${localDate}`);
  return quiz;
}

for (const backend of backends) {
  describe(`posting on time (${backend.name})`, () => {
    const world = useWorld(backend, START);

    it('schedules one job per guild at its local time in its zone, and the job posts once', async () => {
      const w = world();
      await w.configure(berlinGuild);
      await w.configure(newYorkGuild);
      const report = await w.bot.scheduler.start();
      expect(w.bot.publisher.posts).toEqual([]);
      expect(report.posts.map((p) => p.outcome.status)).toEqual(['not-due', 'not-due']);
      expect(w.bot.cron.live(`daily-quiz:${GUILD_A}`)).toMatchObject({ expression: '0 9 * * *', timezone: 'Europe/Berlin' });
      expect(w.bot.cron.live(`daily-quiz:${GUILD_B}`)).toMatchObject({ expression: '0 9 * * *', timezone: 'America/New_York' });
      expect(w.bot.cron.live('daily-quiz-sweep')?.expression).toBe('* * * * *');

      w.clock.set('2026-03-02T08:00:00Z');
      await w.bot.cron.live(`daily-quiz:${GUILD_A}`)?.run();
      await w.bot.cron.live(`daily-quiz:${GUILD_A}`)?.run();
      await w.bot.scheduler.sweep();
      expect(w.bot.publisher.posts.map((p) => p.guildId)).toEqual([GUILD_A]);

      const quiz = await quizOf(w, GUILD_A, '2026-03-02');
      expect(quiz).toMatchObject({ state: 'posted', messageId: w.bot.publisher.posts[0]?.messageId, channelId: CHANNEL_A });
      expect(quiz.opensAt.toISOString()).toBe('2026-03-02T08:00:00.000Z');
      expect(quiz.closesAt.toISOString()).toBe('2026-03-03T07:00:00.000Z');
    });

    it('honours open_for', async () => {
      const w = world();
      await w.configure({ ...berlinGuild, openForMinutes: 90 });
      w.clock.set('2026-03-02T08:00:30Z');
      await w.bot.scheduler.runGuild(GUILD_A);
      expect((await quizOf(w, GUILD_A, '2026-03-02')).closesAt.toISOString()).toBe('2026-03-02T09:30:00.000Z');
    });

    it('reveals once after closing: answers graded, awards written once, the reveal announced once', async () => {
      const w = world();
      await w.configure({ ...berlinGuild, openForMinutes: 60 });
      w.clock.set('2026-03-02T08:00:00Z');
      await w.bot.scheduler.runGuild(GUILD_A);
      const quiz = await quizOf(w, GUILD_A, '2026-03-02');
      await answer(w.bot, quiz, 'alice', true, new Date('2026-03-02T08:01:00Z'));
      await answer(w.bot, quiz, 'bob', false, new Date('2026-03-02T08:02:00Z'));
      await answer(w.bot, quiz, 'carol', true, new Date('2026-03-02T08:03:00Z'));

      w.clock.set('2026-03-02T08:59:00Z');
      expect((await w.bot.scheduler.sweep()).reveals).toEqual([]);
      w.clock.set('2026-03-02T09:00:00Z');
      const report = await w.bot.scheduler.sweep();
      expect(report.reveals.map((r) => r.outcome.status)).toEqual(['revealed']);
      await w.bot.scheduler.sweep();

      expect(w.bot.publisher.reveals).toHaveLength(1);
      expect(w.bot.publisher.reveals[0]?.results).toMatchObject({ answered: 3, correct: 2 });
      expect((await w.bot.store.leaderboard({ guildId: GUILD_A, limit: 10 })).entries).toEqual([
        { rank: 1, userId: 'alice', points: 13 },
        { rank: 2, userId: 'carol', points: 12 },
      ]);
      expect((await quizOf(w, GUILD_A, '2026-03-02')).state).toBe('revealed');
    });

    it('adds the streak bonus from earlier days', async () => {
      const w = world();
      await w.configure({ ...berlinGuild, openForMinutes: 60 });
      for (const [day, date] of [
        [2, '2026-03-02'],
        [3, '2026-03-03'],
        [4, '2026-03-04'],
      ] as const) {
        w.clock.set(`2026-03-0${day}T08:00:00Z`);
        await w.bot.scheduler.runGuild(GUILD_A);
        await answer(w.bot, await quizOf(w, GUILD_A, date), 'alice', true, new Date(`2026-03-0${day}T08:10:00Z`));
        w.clock.set(`2026-03-0${day}T09:00:00Z`);
        await w.bot.scheduler.sweep();
      }
      const ledger = await w.bot.store.ledgerFor(GUILD_A, 'alice');
      expect(ledger.filter((e) => e.reason === 'streak').map((e) => [e.localDate, e.points])).toEqual([
        ['2026-03-03', 1],
        ['2026-03-04', 2],
      ]);
    });
  });

  describe(`catch-up after downtime (${backend.name})`, () => {
    const world = useWorld(backend, START);

    it('a post missed while the bot was down is posted once at start, with a window starting then', async () => {
      const w = world();
      await w.configure({ ...berlinGuild, openForMinutes: 120 });
      w.clock.set('2026-03-02T12:00:00Z');
      await w.bot.scheduler.start();
      await w.bot.scheduler.stop();
      const again = await w.process({ publisher: w.bot.publisher });
      await again.scheduler.start();
      expect(w.bot.publisher.posts).toHaveLength(1);
      const quiz = await quizOf(w, GUILD_A, '2026-03-02');
      expect([quiz.opensAt.toISOString(), quiz.closesAt.toISOString()]).toEqual(['2026-03-02T12:00:00.000Z', '2026-03-02T14:00:00.000Z']);
    });

    it('a reveal missed while down is revealed once, and today’s post still happens', async () => {
      const w = world();
      await w.configure(berlinGuild);
      w.clock.set('2026-03-02T08:00:00Z');
      await w.bot.scheduler.runGuild(GUILD_A);
      const monday = await quizOf(w, GUILD_A, '2026-03-02');
      await answer(w.bot, monday, 'alice', true, new Date('2026-03-02T10:00:00Z'));
      // Down from Monday 10:00 to Tuesday 12:00: Monday's quiz closed at 07:00, Tuesday's post was at 08:00.
      w.clock.set('2026-03-03T12:00:00Z');
      const report = await w.bot.scheduler.start();
      await w.bot.scheduler.sweep();
      expect(report.reveals).toEqual([{ quizId: monday.id, outcome: expect.objectContaining({ status: 'revealed' }) }]);
      expect(w.bot.publisher.reveals.map((r) => r.quizId)).toEqual([monday.id]);
      expect(w.bot.publisher.posts.map((p) => p.quizId)).toEqual([monday.id, (await quizOf(w, GUILD_A, '2026-03-03')).id]);
      expect((await w.bot.store.rankOf(GUILD_A, 'alice')).points).toBe(13);
    });

    it('a quiz claimed but never posted (crash after the claim) is posted once, with its question', async () => {
      const w = world();
      await w.configure(berlinGuild);
      const q = POOL[4];
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
      w.clock.set('2026-03-02T08:20:00Z');
      await w.bot.scheduler.start();
      await w.bot.scheduler.sweep();
      expect(w.bot.publisher.posts).toEqual([expect.objectContaining({ quizId: quiz.id, questionId: q.id })]);
      expect((await w.bot.store.getQuiz(quiz.id))?.state).toBe('posted');
    });

    it('answers recorded before a crash count in the reveal after restart', async () => {
      const w = world();
      await w.configure({ ...berlinGuild, openForMinutes: 30 });
      w.clock.set('2026-03-02T08:00:00Z');
      await w.bot.scheduler.runGuild(GUILD_A);
      const quiz = await quizOf(w, GUILD_A, '2026-03-02');
      await answer(w.bot, quiz, 'alice', true, new Date('2026-03-02T08:05:00Z'));
      await w.bot.scheduler.stop(); // the process dies; a new one starts with fresh connections
      const restarted = await w.process();
      w.clock.set('2026-03-02T09:00:00Z');
      await restarted.scheduler.start();
      expect((await restarted.store.rankOf(GUILD_A, 'alice')).points).toBe(13);
      expect(restarted.publisher.reveals).toHaveLength(1);
    });

    it('a crash mid-reveal (announced, not recorded) reveals again after the lease expires and awards once', async () => {
      const w = world();
      await w.configure({ ...berlinGuild, openForMinutes: 30 });
      w.clock.set('2026-03-02T08:00:00Z');
      await w.bot.scheduler.runGuild(GUILD_A);
      const quiz = await quizOf(w, GUILD_A, '2026-03-02');
      await answer(w.bot, quiz, 'alice', true, new Date('2026-03-02T08:05:00Z'));
      // The process dies inside revealQuiz: after announcing, before the transaction commits.
      w.bot.store.revealQuiz = async () => {
        throw new Error('killed');
      };
      w.clock.set('2026-03-02T08:30:00Z');
      const crashed = await w.bot.scheduler.sweep();
      expect(crashed.errors.map((e) => e.error)).toEqual(['killed']);
      expect(w.bot.publisher.reveals).toHaveLength(1);
      expect((await quizOf(w, GUILD_A, '2026-03-02')).state).toBe('posted');

      const restarted = await w.process({ publisher: w.bot.publisher });
      await restarted.scheduler.start();
      // The dead process still holds the reveal lease: nothing happens until it expires.
      expect(w.bot.publisher.reveals).toHaveLength(1);
      w.clock.advance(5 * 60_000);
      await restarted.scheduler.sweep();
      await restarted.scheduler.sweep();
      expect(w.bot.publisher.reveals).toHaveLength(2); // announced again: the publisher edits the same message
      expect((await restarted.store.ledgerFor(GUILD_A, 'alice')).map((e) => e.reason).sort()).toEqual(['correct', 'first']);
    });

    it('a crash after the reveal committed neither re-awards nor re-announces', async () => {
      const w = world();
      await w.configure({ ...berlinGuild, openForMinutes: 30 });
      w.clock.set('2026-03-02T08:00:00Z');
      await w.bot.scheduler.runGuild(GUILD_A);
      const quiz = await quizOf(w, GUILD_A, '2026-03-02');
      await answer(w.bot, quiz, 'alice', true, new Date('2026-03-02T08:05:00Z'));
      w.clock.set('2026-03-02T08:30:00Z');
      await w.bot.scheduler.sweep();
      const restarted = await w.process({ publisher: w.bot.publisher });
      w.clock.advance(10 * 60_000);
      await restarted.scheduler.start();
      expect(w.bot.publisher.reveals).toHaveLength(1);
      expect(await restarted.store.ledgerFor(GUILD_A, 'alice')).toHaveLength(2);
      expect(await restarted.store.checkRollups()).toEqual([]);
    });

    it('yesterday’s quiz is not posted a day late, and a pending quiz whose window ended is failed, not posted', async () => {
      const w = world();
      await w.configure({ ...berlinGuild, openForMinutes: 60 });
      const q = POOL[0];
      if (!q) throw new Error('fixture');
      await w.bot.store.claimDailyQuiz({
        guildId: GUILD_A,
        localDate: '2026-03-02',
        questionId: q.id,
        topic: q.topic,
        channelId: CHANNEL_A,
        opensAt: new Date('2026-03-02T08:00:00Z'),
        closesAt: new Date('2026-03-02T09:00:00Z'),
      });
      w.clock.set('2026-03-02T09:30:00Z');
      const report = await w.bot.scheduler.start();
      expect(w.bot.publisher.posts).toEqual([]);
      expect(report.posts[0]?.outcome).toMatchObject({ status: 'failed', permanent: true });
      expect(await quizOf(w, GUILD_A, '2026-03-02')).toMatchObject({
        failReason: 'Its answer window ended before it could be posted.',
        failPermanent: true,
      });
      w.clock.set('2026-03-03T07:30:00Z'); // Tuesday 08:30 Berlin: before Tuesday's post
      await w.bot.scheduler.sweep();
      expect(w.bot.publisher.posts).toEqual([]);
    });
  });

  describe(`failures (${backend.name})`, () => {
    const world = useWorld(backend, '2026-03-02T14:30:00Z'); // after both guilds' 09:00 posts

    it('retries 429 (honouring Retry-After) and 5xx with backoff, then posts', async () => {
      const w = world();
      w.clock.set('2026-03-02T07:00:00Z');
      await w.configure(berlinGuild);
      w.clock.set('2026-03-02T08:00:00Z');
      w.bot.publisher.postScript.set(CHANNEL_A, [retryableError('429 rate limited', 2_500), retryableError('503 Service Unavailable')]);
      const outcome = await w.bot.scheduler.runGuild(GUILD_A);
      expect(outcome.status).toBe('posted');
      expect(w.bot.sleeps).toEqual([2_500, 2_000]);
      expect(w.bot.publisher.posts).toHaveLength(1);
    });

    it('a permanent failure marks the quiz failed with its reason, is not retried, and other guilds still post', async () => {
      const w = world();
      w.clock.set('2026-03-02T07:00:00Z');
      await w.configure(berlinGuild);
      await w.configure(newYorkGuild);
      w.bot.publisher.postScript.set(CHANNEL_A, [permanentError('Missing Access (50001): channel deleted or bot removed')]);
      w.clock.set('2026-03-02T14:30:00Z');
      await w.bot.scheduler.start();
      expect(w.bot.publisher.posts.map((p) => p.guildId)).toEqual([GUILD_B]);
      const failed = await quizOf(w, GUILD_A, '2026-03-02');
      expect(failed).toMatchObject({
        state: 'failed',
        failReason: 'Discord refused the post: Missing Access (50001): channel deleted or bot removed.',
        failPermanent: true,
        attempts: 1,
      });
      const calls = w.bot.publisher.postCalls;
      w.clock.advance(60_000);
      await w.bot.scheduler.sweep();
      expect(w.bot.publisher.postCalls).toBe(calls);
    });

    it('when retries run out the quiz is failed as retryable and the next sweep posts it', async () => {
      const w = world();
      w.clock.set('2026-03-02T07:00:00Z');
      await w.configure(berlinGuild);
      w.bot.publisher.postScript.set(CHANNEL_A, Array.from({ length: 4 }, () => retryableError('502 Bad Gateway')));
      w.clock.set('2026-03-02T08:00:00Z');
      expect(await w.bot.scheduler.runGuild(GUILD_A)).toMatchObject({ status: 'failed', permanent: false });
      expect(await quizOf(w, GUILD_A, '2026-03-02')).toMatchObject({
        state: 'failed',
        failReason: 'Posting to Discord failed (4 tries): 502 Bad Gateway.',
        failPermanent: false,
        attempts: 1,
      });
      w.clock.advance(60_000);
      await w.bot.scheduler.sweep();
      expect(await quizOf(w, GUILD_A, '2026-03-02')).toMatchObject({ state: 'posted', attempts: 2, failReason: null, failPermanent: false });
    });

    it('an unexpected error (a bug, a network reset) counts as retryable', async () => {
      const w = world();
      w.clock.set('2026-03-02T07:00:00Z');
      await w.configure(berlinGuild);
      w.bot.publisher.postScript.set(CHANNEL_A, [new Error('socket hang up')]);
      w.clock.set('2026-03-02T08:00:00Z');
      expect((await w.bot.scheduler.runGuild(GUILD_A)).status).toBe('posted');
    });

    it('gives up after the maximum number of posting attempts', async () => {
      const w = world();
      w.clock.set('2026-03-02T07:00:00Z');
      await w.configure(berlinGuild);
      w.bot.publisher.postScript.set(CHANNEL_A, Array.from({ length: 100 }, () => retryableError('500')));
      w.clock.set('2026-03-02T08:00:00Z');
      for (let i = 0; i < 8; i++) {
        await w.bot.scheduler.sweep();
        w.clock.advance(60_000);
      }
      expect(await quizOf(w, GUILD_A, '2026-03-02')).toMatchObject({ state: 'failed', attempts: 5 });
      expect(w.bot.publisher.postCalls).toBe(5 * 4);
    });

    it('a failing reveal announcement is retried on the next sweep; points wait, then are awarded once', async () => {
      const w = world();
      w.clock.set('2026-03-02T07:00:00Z');
      await w.configure({ ...berlinGuild, openForMinutes: 30 });
      w.clock.set('2026-03-02T08:00:00Z');
      await w.bot.scheduler.runGuild(GUILD_A);
      await answer(w.bot, await quizOf(w, GUILD_A, '2026-03-02'), 'alice', true, new Date('2026-03-02T08:01:00Z'));
      w.bot.publisher.revealScript.push(...Array.from({ length: 4 }, () => retryableError('503')));
      w.clock.set('2026-03-02T08:30:00Z');
      expect((await w.bot.scheduler.sweep()).reveals[0]?.outcome.status).toBe('retry-later');
      expect((await w.bot.store.rankOf(GUILD_A, 'alice')).points).toBe(0);
      w.clock.advance(60_000);
      expect((await w.bot.scheduler.sweep()).reveals[0]?.outcome).toMatchObject({ status: 'revealed', announced: true });
      expect((await w.bot.store.rankOf(GUILD_A, 'alice')).points).toBe(13);
    });

    it('a reveal that cannot be announced (message deleted) still awards points', async () => {
      const w = world();
      w.clock.set('2026-03-02T07:00:00Z');
      await w.configure({ ...berlinGuild, openForMinutes: 30 });
      w.clock.set('2026-03-02T08:00:00Z');
      await w.bot.scheduler.runGuild(GUILD_A);
      await answer(w.bot, await quizOf(w, GUILD_A, '2026-03-02'), 'alice', true, new Date('2026-03-02T08:01:00Z'));
      w.bot.publisher.revealScript.push(permanentError('Unknown Message (10008)'));
      w.clock.set('2026-03-02T08:30:00Z');
      expect((await w.bot.scheduler.sweep()).reveals[0]?.outcome).toMatchObject({ status: 'revealed', announced: false });
      expect((await w.bot.store.rankOf(GUILD_A, 'alice')).points).toBe(13);
    });

    it('a question removed from the bank fails the post permanently', async () => {
      const w = world();
      w.clock.set('2026-03-02T07:00:00Z');
      await w.configure(berlinGuild);
      const q = POOL[0];
      if (!q) throw new Error('fixture');
      await w.bot.store.claimDailyQuiz({
        guildId: GUILD_A,
        localDate: '2026-03-02',
        questionId: 'q_removedquestion',
        topic: q.topic,
        channelId: CHANNEL_A,
        opensAt: new Date('2026-03-02T08:00:00Z'),
        closesAt: new Date('2026-03-03T07:00:00Z'),
      });
      w.clock.set('2026-03-02T08:00:00Z');
      await w.bot.scheduler.sweep();
      expect(await quizOf(w, GUILD_A, '2026-03-02')).toMatchObject({
        failReason: 'Its question q_removedquestion is no longer in the question bank.',
        failPermanent: true,
      });
    });
  });

  describe(`configuration changes without restart (${backend.name})`, () => {
    const world = useWorld(backend, START);

    it('pause removes the job and stops posting; resume brings it back at the new time', async () => {
      const w = world();
      await w.configure(berlinGuild);
      await w.bot.scheduler.start();
      await w.bot.store.setPaused(GUILD_A, true);
      expect(await w.bot.scheduler.reschedule(GUILD_A)).toBeNull();
      expect(w.bot.cron.live(`daily-quiz:${GUILD_A}`)).toBeUndefined();
      w.clock.set('2026-03-02T08:00:00Z');
      await w.bot.scheduler.sweep();
      expect(w.bot.publisher.posts).toEqual([]);

      w.clock.set('2026-03-02T09:00:00Z');
      await w.configure({ ...berlinGuild, postTime: '11:30' });
      expect((await w.bot.scheduler.reschedule(GUILD_A))?.toISOString()).toBe('2026-03-02T10:30:00.000Z');
      expect(w.bot.cron.live(`daily-quiz:${GUILD_A}`)?.expression).toBe('30 11 * * *');
      w.clock.set('2026-03-02T10:30:00Z');
      await w.bot.cron.live(`daily-quiz:${GUILD_A}`)?.run();
      expect(w.bot.publisher.posts).toHaveLength(1);
    });

    it('a guild set up after today’s post time gets its first quiz tomorrow', async () => {
      const w = world();
      w.clock.set('2026-03-02T10:00:00Z');
      await w.configure(berlinGuild);
      await w.bot.scheduler.start();
      expect(w.bot.publisher.posts).toEqual([]);
      w.clock.set('2026-03-03T08:00:00Z');
      await w.bot.scheduler.sweep();
      expect(w.bot.publisher.posts).toHaveLength(1);
    });

    it('a topic filter applies to the next quiz', async () => {
      const w = world();
      await w.configure({ ...berlinGuild, topicFilter: 'SQS' });
      await w.bot.scheduler.reschedule(GUILD_A);
      for (const day of ['02', '03', '04']) {
        w.clock.set(`2026-03-${day}T08:00:00Z`);
        await w.bot.scheduler.sweep();
      }
      const topics = w.bot.publisher.posts.map((p) => POOL.find((q) => q.id === p.questionId)?.topic);
      expect(topics).toEqual(['SQS', 'SQS', 'SQS']);
    });

    it('daily questions do not repeat until the pool is used up, and topics rotate', async () => {
      const w = world();
      await w.configure({ ...berlinGuild, openForMinutes: 60 });
      for (let day = 2; day < 2 + POOL.length; day++) {
        w.clock.set(`2026-03-${String(day).padStart(2, '0')}T08:00:00Z`);
        await w.bot.scheduler.sweep();
      }
      const ids = w.bot.publisher.posts.map((p) => p.questionId);
      expect(new Set(ids).size).toBe(POOL.length);
      const topics = ids.map((id) => POOL.find((q) => q.id === id)?.topic);
      expect(topics.filter((t, i) => i > 0 && topics[i - 1] === t)).toEqual([]);
    });
  });

  describe(`DST days (${backend.name})`, () => {
    const world = useWorld(backend, '2026-03-28T12:00:00Z');

    it('Berlin spring-forward: a 02:30 post time (skipped hour) is posted at 03:30 CEST by the sweep', async () => {
      const w = world();
      await w.configure({ ...berlinGuild, postTime: '02:30', openForMinutes: 60 });
      await w.bot.scheduler.start();
      w.clock.set('2026-03-29T01:29:00Z'); // 03:29 CEST
      await w.bot.scheduler.sweep();
      expect(w.bot.publisher.posts).toEqual([]);
      w.clock.set('2026-03-29T01:30:00Z'); // 03:30 CEST: node-cron does not fire (02:30 never happens), the sweep posts
      await w.bot.scheduler.sweep();
      const quiz = await quizOf(w, GUILD_A, '2026-03-29');
      expect([quiz.opensAt.toISOString(), quiz.closesAt.toISOString()]).toEqual(['2026-03-29T01:30:00.000Z', '2026-03-29T02:30:00.000Z']);
    });

    it('Berlin fall-back: the job fires at both 02:30s; only the first posts', async () => {
      const w = world();
      w.clock.set('2026-10-24T12:00:00Z');
      await w.configure({ ...berlinGuild, postTime: '02:30' });
      await w.bot.scheduler.start();
      const job = w.bot.cron.live(`daily-quiz:${GUILD_A}`);
      w.clock.set('2026-10-25T00:30:00Z'); // 02:30 CEST
      await job?.run();
      w.clock.set('2026-10-25T01:30:00Z'); // 02:30 CET
      await job?.run();
      expect(w.bot.publisher.posts).toHaveLength(1);
      const quiz = await quizOf(w, GUILD_A, '2026-10-25');
      expect(quiz.opensAt.toISOString()).toBe('2026-10-25T00:30:00.000Z');
      expect(quiz.closesAt.toISOString()).toBe('2026-10-26T00:30:00.000Z'); // 01:30 CET next day: a 25-hour day
    });

    it('New York spring-forward: 09:00 EDT posts at 13:00 UTC, not 14:00', async () => {
      const w = world();
      w.clock.set('2026-03-07T20:00:00Z');
      await w.configure(newYorkGuild);
      await w.bot.scheduler.start();
      w.clock.set('2026-03-08T12:59:00Z');
      await w.bot.scheduler.sweep();
      expect(w.bot.publisher.posts).toEqual([]);
      w.clock.set('2026-03-08T13:00:00Z');
      await w.bot.scheduler.sweep();
      expect((await quizOf(w, GUILD_B, '2026-03-08')).opensAt.toISOString()).toBe('2026-03-08T13:00:00.000Z');
    });
  });
}

describe('bot wiring: startDailyQuizScheduler', () => {
  const sqlite = backends.find((b) => b.name === 'sqlite');
  if (!sqlite) throw new Error('sqlite backend missing');
  const world = useWorld(sqlite, START);

  it('runs on the given store alone, catches up at start, and closes cleanly', async () => {
    const w = world();
    await w.configure(berlinGuild);
    w.clock.set('2026-03-02T09:00:00Z');
    const publisher = new FakePublisher();
    const running = await startDailyQuizScheduler({
      store: w.bot.store,
      publisher,
      cron: new FakeCron(),
      questions: () => POOL,
      logger: silentLogger,
      now: w.clock.now,
    });
    expect(publisher.posts.map((p) => p.guildId)).toEqual([GUILD_A]);
    expect(running.scheduler.scheduledGuilds()).toEqual([GUILD_A]);
    await running.close();
    expect(running.scheduler.scheduledGuilds()).toEqual([]);
  });
});

describe('postNonce', () => {
  it('is stable per quiz, differs between quizzes, and fits Discord’s 25 characters', () => {
    const a = postNonce({ id: 123456789, guildId: GUILD_A });
    expect(a).toBe(postNonce({ id: 123456789, guildId: GUILD_A }));
    expect(a).not.toBe(postNonce({ id: 123456790, guildId: GUILD_A }));
    expect(a.length).toBeLessThanOrEqual(25);
  });
});
