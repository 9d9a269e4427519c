import { describe, expect, it } from 'vitest';
import type { PracticeCardState, SavePracticeReviewInput } from '../../src/store/types.ts';
import { StoreError } from '../../src/store/types.ts';
import { backends, useStore, type Backend } from '../store/support.ts';

const T0 = new Date('2026-03-02T08:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

function cardState(reps: number, due: Date, overrides: Partial<PracticeCardState> = {}): PracticeCardState {
  return {
    due,
    stability: 2.3065 + reps,
    difficulty: 2.118,
    elapsedDays: 0,
    scheduledDays: reps,
    learningSteps: 1,
    reps,
    lapses: 0,
    state: 1,
    lastReview: T0,
    ...overrides,
  };
}

function review(userId: string, questionId: string, reps: number, due: Date, expectedReps = reps - 1): SavePracticeReviewInput {
  return { userId, questionId, topic: 'S3', correct: true, card: cardState(reps, due), expectedReps };
}

describe.each(backends)('practice cards on $name', (backend: Backend) => {
  const fx = useStore(backend);

  it('inserts a first review and reads back every FSRS field', async () => {
    const { store } = fx();
    const saved = await store.savePracticeReview({
      userId: 'u1',
      questionId: 'q_a',
      topic: 'S3',
      correct: false,
      card: cardState(1, minutes(1), { stability: 0.40255, difficulty: 7.1949, lapses: 0, state: 1, learningSteps: 0 }),
      expectedReps: 0,
    });
    expect(saved.status).toBe('saved');
    const card = await store.getPracticeCard('u1', 'q_a');
    expect(card).toEqual({
      userId: 'u1',
      questionId: 'q_a',
      topic: 'S3',
      due: minutes(1),
      stability: 0.40255,
      difficulty: 7.1949,
      elapsedDays: 0,
      scheduledDays: 1,
      learningSteps: 0,
      reps: 1,
      lapses: 0,
      state: 1,
      lastReview: T0,
      lastCorrect: false,
      updatedAt: fx().clock.now(),
    });
    expect(await store.getPracticeCard('u2', 'q_a')).toBeUndefined();
  });

  it('updates the card when the review follows the stored one, and refuses a stale one', async () => {
    const { store } = fx();
    await store.savePracticeReview(review('u1', 'q_a', 1, minutes(10)));
    const second = await store.savePracticeReview(review('u1', 'q_a', 2, minutes(60 * 24)));
    expect(second).toMatchObject({ status: 'saved', card: { reps: 2, due: minutes(60 * 24) } });

    // A replayed first-answer click (computed from reps 0) changes nothing.
    const replay = await store.savePracticeReview(review('u1', 'q_a', 1, minutes(1), 0));
    expect(replay).toMatchObject({ status: 'stale', card: { reps: 2, due: minutes(60 * 24) } });
    expect((await store.getPracticeCard('u1', 'q_a'))?.reps).toBe(2);
  });

  it('of 20 concurrent saves of the same answer, exactly one applies', async () => {
    const { store, openAnother } = fx();
    const other = backend.name === 'postgres' ? await openAnother() : store;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? other : store).savePracticeReview(review('u1', 'q_a', 1, minutes(i + 1), 0))),
    );
    expect(results.filter((r) => r.status === 'saved')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'stale')).toHaveLength(19);
    expect((await store.getPracticeCard('u1', 'q_a'))?.reps).toBe(1);
  });

  it('lists one user’s cards earliest due first, and only the due ones with dueBy', async () => {
    const { store } = fx();
    await store.savePracticeReview(review('u1', 'q_late', 1, minutes(120)));
    await store.savePracticeReview(review('u1', 'q_now', 1, minutes(30)));
    await store.savePracticeReview(review('u1', 'q_early', 1, minutes(5)));
    await store.savePracticeReview(review('u2', 'q_other', 1, minutes(1)));

    expect((await store.listPracticeCards('u1')).map((c) => c.questionId)).toEqual(['q_early', 'q_now', 'q_late']);
    expect((await store.listPracticeCards('u1', { dueBy: minutes(30) })).map((c) => c.questionId)).toEqual(['q_early', 'q_now']);
    expect(await store.listPracticeCards('u1', { dueBy: minutes(4) })).toEqual([]);
    expect((await store.listPracticeCards('u2')).map((c) => c.questionId)).toEqual(['q_other']);
  });

  it('rejects malformed input with a StoreError naming the field', async () => {
    const { store } = fx();
    const bad = { ...review('u1', 'q_a', 1, minutes(1)), card: cardState(1, minutes(1), { state: 7 }) };
    await expect(store.savePracticeReview(bad)).rejects.toThrow(StoreError);
    await expect(store.savePracticeReview(bad)).rejects.toThrow(/card\.state/);
  });
});
