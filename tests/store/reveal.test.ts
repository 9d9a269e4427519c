import { describe, expect, it } from 'vitest';
import { connect } from '../../src/store/connect.ts';
import { backends, GUILD, playDay, postQuiz, tenPointsPerCorrect, useStore, type Backend } from './support.ts';

describe.each(backends)('revealing a quiz on $name', (backend: Backend) => {
  const fx = useStore(backend);
  const at = new Date('2026-03-02T10:00:00Z');

  it('closes the quiz and writes the awards computed from its final answers', async () => {
    const { store, clock } = fx();
    const quiz = await postQuiz(store, '2026-03-02');
    await store.recordAnswer({ quizId: quiz.id, userId: 'alice', choices: [0], correct: true, credit: 1, answeredAt: at });
    await store.recordAnswer({ quizId: quiz.id, userId: 'bob', choices: [1], correct: false, credit: 0, answeredAt: at });
    clock.set('2026-03-03T08:00:00Z');
    const result = await store.revealQuiz(quiz.id, tenPointsPerCorrect);
    expect(result.status).toBe('revealed');
    if (result.status !== 'revealed') return;
    expect(result.quiz).toMatchObject({ state: 'revealed', revealedAt: new Date('2026-03-03T08:00:00Z') });
    expect(result.awarded).toEqual([
      { id: expect.any(Number), guildId: GUILD, userId: 'alice', points: 10, reason: 'correct', quizId: quiz.id, at: clock.now(), localDate: '2026-03-02' },
    ]);
    expect(await store.ledgerFor(GUILD, 'alice')).toEqual(result.awarded);
    expect(await store.ledgerFor(GUILD, 'bob')).toEqual([]);
  });

  it('is idempotent: a second reveal awards nothing', async () => {
    const { store } = fx();
    const quiz = await postQuiz(store, '2026-03-02');
    const awards = [{ userId: 'alice', points: 10, reason: 'correct' }];
    expect((await store.revealQuiz(quiz.id, awards)).status).toBe('revealed');
    expect((await store.revealQuiz(quiz.id, awards)).status).toBe('already-revealed');
    expect((await store.ledgerFor(GUILD, 'alice')).map((e) => e.points)).toEqual([10]);
    expect((await store.rankOf(GUILD, 'alice')).points).toBe(10);
  });

  it('racing reveals (from two connections on PostgreSQL) award once', async () => {
    const { store, openAnother } = fx();
    const other = backend.name === 'postgres' ? await openAnother() : store;
    const quiz = await postQuiz(store, '2026-03-02');
    const awards = [
      { userId: 'alice', points: 10, reason: 'correct' },
      { userId: 'alice', points: 5, reason: 'first' },
      { userId: 'bob', points: 10, reason: 'correct' },
    ];
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? other : store).revealQuiz(quiz.id, awards)));
    expect(results.filter((r) => r.status === 'revealed')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'already-revealed')).toHaveLength(5);
    expect((await store.rankOf(GUILD, 'alice')).points).toBe(15);
    expect((await store.ledgerFor(GUILD, 'bob')).length).toBe(1);
    expect(await store.checkRollups()).toEqual([]);
  });

  it('is atomic: when computing awards fails, the quiz stays posted and nothing is written', async () => {
    const { store } = fx();
    const quiz = await postQuiz(store, '2026-03-02');
    await store.recordAnswer({ quizId: quiz.id, userId: 'alice', choices: [0], correct: true, credit: 1, answeredAt: at });
    await expect(
      store.revealQuiz(quiz.id, () => [
        { userId: 'alice', points: 10, reason: 'correct' },
        { userId: 'bob', points: 2.5, reason: 'partial' },
      ]),
    ).rejects.toThrow(/points/);
    expect((await store.getQuiz(quiz.id))?.state).toBe('posted');
    expect(await store.ledgerFor(GUILD, 'alice')).toEqual([]);
    expect((await store.revealQuiz(quiz.id, tenPointsPerCorrect)).status).toBe('revealed');
    expect((await store.rankOf(GUILD, 'alice')).points).toBe(10);
  });

  it('answers racing the reveal are either awarded or refused, never recorded and forgotten', async () => {
    const { store, openAnother } = fx();
    const other = backend.name === 'postgres' ? await openAnother() : store;
    const quiz = await postQuiz(store, '2026-03-02');
    const users = Array.from({ length: 30 }, (_, i) => `user${i}`);
    const answering = users.map((u, i) =>
      (i % 2 ? other : store).recordAnswer({ quizId: quiz.id, userId: u, choices: [0], correct: true, credit: 1, answeredAt: at }),
    );
    const [reveal, ...answers] = await Promise.all([store.revealQuiz(quiz.id, tenPointsPerCorrect), ...answering]);
    if (reveal.status !== 'revealed') throw new Error(`reveal: ${reveal.status}`);
    const recorded = answers.filter((a) => a.status === 'recorded').map((a) => (a.status === 'recorded' ? a.answer.userId : ''));
    expect(answers.every((a) => a.status === 'recorded' || a.status === 'closed')).toBe(true);
    expect(reveal.awarded.map((e) => e.userId).sort()).toEqual(recorded.sort());
    expect(await store.answerCount(quiz.id)).toBe(recorded.length);
  });

  it('reports quizzes that cannot be revealed', async () => {
    const { store } = fx();
    const { quiz } = await store.claimDailyQuiz({
      guildId: GUILD,
      localDate: '2026-03-02',
      questionId: 'q',
      topic: 'S3',
      channelId: 'c',
      opensAt: new Date('2026-03-02T09:00:00Z'),
      closesAt: new Date('2026-03-02T10:00:00Z'),
    });
    expect((await store.revealQuiz(quiz.id, [])).status).toBe('not-posted');
    expect(await store.revealQuiz(123456, [])).toEqual({ status: 'not-found' });
  });

  it('skips zero awards and keeps one row per (quiz, user, reason)', async () => {
    const { store } = fx();
    const quiz = await postQuiz(store, '2026-03-02');
    const result = await store.revealQuiz(quiz.id, [
      { userId: 'alice', points: 10, reason: 'correct' },
      { userId: 'alice', points: 10, reason: 'correct' },
      { userId: 'bob', points: 0, reason: 'correct' },
    ]);
    expect(result.status === 'revealed' && result.awarded.map((e) => [e.userId, e.points])).toEqual([['alice', 10]]);
  });
});

describe.each(backends)('ledger and rollups on $name', (backend: Backend) => {
  const fx = useStore(backend);

  it('manual points join the ledger; a repeated (quiz, user, reason) is skipped', async () => {
    const { store } = fx();
    const quiz = await playDay(store, '2026-03-02', { alice: true });
    const added = await store.addPoints([
      { guildId: GUILD, userId: 'alice', points: -3, reason: 'admin-correction', localDate: '2026-03-02' },
      { guildId: GUILD, userId: 'alice', points: 10, reason: 'correct', quizId: quiz.id, localDate: '2026-03-02' },
    ]);
    expect(added.map((e) => [e.reason, e.points])).toEqual([['admin-correction', -3]]);
    expect((await store.rankOf(GUILD, 'alice')).points).toBe(7);
    expect((await store.ledgerFor(GUILD, 'alice')).reduce((s, e) => s + e.points, 0)).toBe(7);
  });

  it('points for a quiz that does not exist are refused as a whole', async () => {
    const { store } = fx();
    await expect(
      store.addPoints([
        { guildId: GUILD, userId: 'alice', points: 5, reason: 'bonus', localDate: '2026-03-02' },
        { guildId: GUILD, userId: 'alice', points: 5, reason: 'bonus', quizId: 987654, localDate: '2026-03-02' },
      ]),
    ).rejects.toThrow(/quizId that does not exist/);
    expect(await store.ledgerFor(GUILD, 'alice')).toEqual([]);
  });

  it('the rollups equal the ledger after play, and a rebuild repairs a drifted rollup', async () => {
    const { store, url, options } = fx();
    expect(await store.checkRollups()).toEqual([]);
    await playDay(store, '2026-03-02', { alice: true, bob: true, carol: false });
    await playDay(store, '2026-03-03', { alice: true, bob: false });
    await store.addPoints([{ guildId: GUILD, userId: 'carol', points: 4, reason: 'bonus', localDate: '2026-03-03' }]);
    expect(await store.checkRollups()).toEqual([]);

    const { db } = await connect(url, options);
    try {
      await db.updateTable('points_period').set({ points: 999 }).where('user_id', '=', 'bob').where('period', '=', 'all').execute();
      await db.deleteFrom('points_daily').where('user_id', '=', 'alice').where('local_date', '=', '2026-03-03').execute();
    } finally {
      await db.destroy();
    }
    const drift = await store.checkRollups();
    expect(drift).toEqual(
      expect.arrayContaining([
        { table: 'points_period', guildId: GUILD, userId: 'bob', key: 'all', ledger: 10, rollup: 999 },
        { table: 'points_daily', guildId: GUILD, userId: 'alice', key: '2026-03-03', ledger: 10, rollup: 0 },
      ]),
    );
    await store.rebuildRollups();
    expect(await store.checkRollups()).toEqual([]);
    expect((await store.leaderboard({ guildId: GUILD, limit: 10 })).entries).toEqual([
      { rank: 1, userId: 'alice', points: 20 },
      { rank: 2, userId: 'bob', points: 10 },
      { rank: 3, userId: 'carol', points: 4 },
    ]);
  });
});
