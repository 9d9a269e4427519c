import { describe, expect, it } from 'vitest';
import { backends, CHANNEL, GUILD, postQuiz, useStore, type Backend } from './support.ts';

describe.each(backends)('recording answers on $name', (backend: Backend) => {
  const fx = useStore(backend);
  const at = new Date('2026-03-02T10:00:00Z');

  it('records the first pick and returns it on every later click', async () => {
    const { store } = fx();
    const quiz = await postQuiz(store, '2026-03-02');
    const first = await store.recordAnswer({ quizId: quiz.id, userId: 'u1', choices: [2, 0, 2], correct: false, credit: 0.5, answeredAt: at });
    expect(first).toMatchObject({ status: 'recorded', answer: { quizId: quiz.id, userId: 'u1', choices: [0, 2], correct: false, credit: 0.5, answeredAt: at } });
    const second = await store.recordAnswer({ quizId: quiz.id, userId: 'u1', choices: [1], correct: true, credit: 1, answeredAt: at });
    expect(second.status).toBe('duplicate');
    if (second.status === 'duplicate' && first.status === 'recorded') expect(second.answer).toEqual(first.answer);
    expect(await store.answerCount(quiz.id)).toBe(1);
  });

  it('50 concurrent clicks by one user record exactly one answer', async () => {
    const { store, openAnother } = fx();
    const quiz = await postQuiz(store, '2026-03-02');
    const other = backend.name === 'postgres' ? await openAnother() : store;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        (i % 2 ? other : store).recordAnswer({ quizId: quiz.id, userId: 'u1', choices: [i % 4], correct: i % 4 === 0, credit: i % 4 === 0 ? 1 : 0, answeredAt: at }),
      ),
    );
    const recorded = results.filter((r) => r.status === 'recorded');
    expect(recorded).toHaveLength(1);
    expect(results.filter((r) => r.status === 'duplicate')).toHaveLength(49);
    const kept = recorded[0]!.status === 'recorded' ? recorded[0]!.answer : undefined;
    for (const r of results) if (r.status === 'duplicate') expect(r.answer).toEqual(kept);
    expect(await store.answerCount(quiz.id)).toBe(1);
  });

  it('many users at once each get their answer recorded', async () => {
    const { store } = fx();
    const quiz = await postQuiz(store, '2026-03-02');
    const users = Array.from({ length: 40 }, (_, i) => `user${i}`);
    const results = await Promise.all(users.map((u) => store.recordAnswer({ quizId: quiz.id, userId: u, choices: [0], correct: true, credit: 1, answeredAt: at })));
    expect(results.every((r) => r.status === 'recorded')).toBe(true);
    expect((await store.listAnswers(quiz.id)).map((a) => a.userId).sort()).toEqual([...users].sort());
  });

  it('refuses answers before posting, after closesAt, and after the reveal', async () => {
    const { store } = fx();
    const { quiz: pending } = await store.claimDailyQuiz({
      guildId: GUILD,
      localDate: '2026-03-03',
      questionId: 'q_p',
      topic: 'IAM',
      channelId: CHANNEL,
      opensAt: new Date('2026-03-03T09:00:00Z'),
      closesAt: new Date('2026-03-03T10:00:00Z'),
    });
    const answer = { userId: 'u1', choices: [0], correct: true, credit: 1 };
    expect(await store.recordAnswer({ ...answer, quizId: pending.id, answeredAt: new Date('2026-03-03T09:30:00Z') })).toMatchObject({
      status: 'closed',
      quiz: { state: 'pending' },
    });

    const quiz = await postQuiz(store, '2026-03-02');
    expect((await store.recordAnswer({ ...answer, quizId: quiz.id, answeredAt: quiz.closesAt })).status).toBe('closed');
    await store.revealQuiz(quiz.id, []);
    expect(await store.recordAnswer({ ...answer, quizId: quiz.id, answeredAt: at })).toMatchObject({ status: 'closed', quiz: { state: 'revealed' } });
    expect(await store.recordAnswer({ ...answer, quizId: 424242, answeredAt: at })).toEqual({ status: 'not-found' });
    expect(await store.answerCount(quiz.id)).toBe(0);
  });

  it('validates the pick', async () => {
    const { store } = fx();
    const quiz = await postQuiz(store, '2026-03-02');
    await expect(store.recordAnswer({ quizId: quiz.id, userId: 'u1', choices: [], correct: true, credit: 1 })).rejects.toThrow(/choices/);
    await expect(store.recordAnswer({ quizId: quiz.id, userId: 'u1', choices: [0], correct: true, credit: 1.5 })).rejects.toThrow(/credit/);
  });
});
