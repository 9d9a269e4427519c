import { describe, expect, it } from 'vitest';
import { backends, CHANNEL, GUILD, OTHER_GUILD, playDay, postQuiz, useStore, type Backend } from './support.ts';

describe.each(backends)('streaks on $name', (backend: Backend) => {
  const fx = useStore(backend);

  it('count consecutive quizzes answered correctly; a wrong answer breaks the run', async () => {
    const { store } = fx();
    for (const [date, correct] of [
      ['2026-03-02', true],
      ['2026-03-03', true],
      ['2026-03-04', true],
      ['2026-03-05', false],
      ['2026-03-06', true],
      ['2026-03-07', true],
    ] as const) {
      await playDay(store, date, { alice: correct });
    }
    expect(await store.userStats(GUILD, 'alice')).toMatchObject({ currentStreak: 2, bestStreak: 3 });
  });

  it('a day without a quiz, or a quiz that never got posted, does not break a streak', async () => {
    const { store } = fx();
    await playDay(store, '2026-03-02', { alice: true });
    // 03-03: no quiz at all. 03-04: claimed but posting failed for good.
    const { quiz: failed } = await store.claimDailyQuiz({
      guildId: GUILD,
      localDate: '2026-03-04',
      questionId: 'q_fail',
      topic: 'S3',
      channelId: CHANNEL,
      opensAt: new Date('2026-03-04T09:00:00Z'),
      closesAt: new Date('2026-03-04T20:00:00Z'),
    });
    await store.markFailed(failed.id, 'Unknown Channel');
    await playDay(store, '2026-03-05', { alice: true });
    expect(await store.userStats(GUILD, 'alice')).toMatchObject({ currentStreak: 2, bestStreak: 2 });
  });

  it('missing a quiz breaks the streak; quizzes in another guild do not count', async () => {
    const { store } = fx();
    await playDay(store, '2026-03-02', { alice: true, bob: true });
    await playDay(store, '2026-03-03', { bob: true });
    await playDay(store, '2026-03-03', { alice: true }, { guildId: OTHER_GUILD });
    await playDay(store, '2026-03-04', { alice: true, bob: true });
    expect(await store.userStats(GUILD, 'alice')).toMatchObject({ currentStreak: 1, bestStreak: 1 });
    expect(await store.userStats(GUILD, 'bob')).toMatchObject({ currentStreak: 3, bestStreak: 3 });
    expect(await store.userStats(OTHER_GUILD, 'alice')).toMatchObject({ currentStreak: 1, answered: 1 });
  });

  it('streaksOf gives many users the same streaks as userStats, zeros for strangers', async () => {
    const { store } = fx();
    await playDay(store, '2026-03-02', { alice: true, bob: true, carol: false });
    await playDay(store, '2026-03-03', { alice: true, bob: false, carol: true });
    await playDay(store, '2026-03-04', { alice: false, carol: true });
    const users = ['alice', 'bob', 'carol', 'nobody'];
    const many = await store.streaksOf(GUILD, [...users, 'alice']);
    expect([...many.keys()]).toEqual(users);
    for (const u of users) {
      const s = await store.userStats(GUILD, u);
      expect(many.get(u)).toEqual({ current: s.currentStreak, best: s.bestStreak });
    }
    expect(many.get('carol')).toEqual({ current: 2, best: 2 });
    expect(await store.streaksOf(GUILD, [])).toEqual(new Map());
  });

  it('the open quiz neither extends nor breaks a streak until it is revealed', async () => {
    const { store } = fx();
    await playDay(store, '2026-03-02', { alice: true, bob: true });
    const open = await postQuiz(store, '2026-03-03');
    await store.recordAnswer({ quizId: open.id, userId: 'alice', choices: [1], correct: false, credit: 0, answeredAt: new Date('2026-03-03T10:00:00Z') });
    expect(await store.userStats(GUILD, 'alice')).toMatchObject({ currentStreak: 1, answered: 1 });
    expect(await store.userStats(GUILD, 'bob')).toMatchObject({ currentStreak: 1 });
    await store.revealQuiz(open.id, []);
    expect(await store.userStats(GUILD, 'alice')).toMatchObject({ currentStreak: 0, bestStreak: 1, answered: 2 });
    expect(await store.userStats(GUILD, 'bob')).toMatchObject({ currentStreak: 0, bestStreak: 1 });
  });
});

describe.each(backends)('user stats on $name', (backend: Backend) => {
  const fx = useStore(backend);

  it('derives points, rank, accuracy, credit and per-topic accuracy from the ledger and answers', async () => {
    const { store } = fx();
    await playDay(store, '2026-03-02', { alice: true, bob: true }, { topic: 'S3' });
    await playDay(store, '2026-03-03', { alice: false, bob: true }, { topic: 'IAM' });
    const q3 = await postQuiz(store, '2026-03-04', { topic: 'IAM' });
    await store.recordAnswer({ quizId: q3.id, userId: 'alice', choices: [0, 2], correct: false, credit: 0.5, answeredAt: new Date('2026-03-04T10:00:00Z') });
    await store.revealQuiz(q3.id, [{ userId: 'alice', points: 5, reason: 'partial' }]);

    expect(await store.userStats(GUILD, 'alice')).toEqual({
      points: 15,
      rank: 2,
      answered: 3,
      correct: 1,
      accuracy: 1 / 3,
      credit: 1.5,
      currentStreak: 0,
      bestStreak: 1,
      byTopic: [
        { topic: 'IAM', answered: 2, correct: 0, accuracy: 0 },
        { topic: 'S3', answered: 1, correct: 1, accuracy: 1 },
      ],
    });
    expect(await store.userStats(GUILD, 'bob')).toMatchObject({ points: 20, rank: 1, answered: 2, correct: 2, accuracy: 1, currentStreak: 0, bestStreak: 2 });
  });

  it('a user who never played gets zeros and no rank', async () => {
    const { store } = fx();
    await playDay(store, '2026-03-02', { alice: true });
    expect(await store.userStats(GUILD, 'nobody')).toEqual({
      points: 0,
      rank: null,
      answered: 0,
      correct: 0,
      accuracy: 0,
      credit: 0,
      currentStreak: 0,
      bestStreak: 0,
      byTopic: [],
    });
  });

  it('a question removed from the pool and a member who left break nothing', async () => {
    const { store } = fx();
    // The quiz row keeps the topic, so the store never needs the question itself.
    await playDay(store, '2026-03-02', { alice: true, gone: true }, { questionId: 'q_deleted_since', topic: 'Glacier' });
    await playDay(store, '2026-03-03', { alice: true });
    expect((await store.userStats(GUILD, 'alice')).byTopic.map((t) => t.topic).sort()).toEqual(['Glacier', 'S3']);
    // The member who left keeps their rows: the board and their stats still work; the bot decides whether to show them.
    expect(await store.userStats(GUILD, 'gone')).toMatchObject({ points: 10, rank: 2, answered: 1, currentStreak: 0, bestStreak: 1 });
    expect((await store.leaderboard({ guildId: GUILD, limit: 10 })).entries.map((e) => e.userId)).toEqual(['alice', 'gone']);
  });
});
