import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Rating, State } from 'ts-fsrs';
import { seededRng } from '../../src/quiz/daily/rng.ts';
import { answerPracticeQuestion, nextPracticeQuestion, ratingFor, reviewCard } from '../../src/quiz/practice/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { NOW, at, smallBank } from './fixtures.ts';

const DAY = 24 * 3600_000;

describe('scheduling reviews with FSRS', () => {
  it('maps right to Good and wrong to Again', () => {
    expect(ratingFor(true)).toBe(Rating.Good);
    expect(ratingFor(false)).toBe(Rating.Again);
  });

  it('a correct first answer is due later than a wrong one; both are due after now', () => {
    const right = reviewCard(undefined, true, NOW);
    const wrong = reviewCard(undefined, false, NOW);
    expect(wrong.due.getTime()).toBeGreaterThan(NOW.getTime());
    expect(right.due.getTime()).toBeGreaterThan(wrong.due.getTime());
    expect(right).toMatchObject({ reps: 1, lastReview: NOW });
    expect(wrong).toMatchObject({ reps: 1, lastReview: NOW });
  });

  it('repeated correct answers push the next review further out; a miss after that brings it back and counts a lapse', () => {
    let card = reviewCard(undefined, true, NOW);
    const gaps: number[] = [];
    for (let i = 0; i < 4; i++) {
      const reviewAt = card.due;
      card = reviewCard(card, true, reviewAt);
      gaps.push(card.due.getTime() - reviewAt.getTime());
    }
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]!).toBeGreaterThan(gaps[i - 1]!);
    expect(card.state).toBe(State.Review);
    expect(gaps.at(-1)!).toBeGreaterThan(DAY);

    const reviewAt = card.due;
    const missed = reviewCard(card, false, reviewAt);
    const kept = reviewCard(card, true, reviewAt);
    expect(missed.lapses).toBe(card.lapses + 1);
    expect(missed.state).toBe(State.Relearning);
    expect(missed.due.getTime()).toBeLessThan(kept.due.getTime());
  });

  it('is deterministic: the same history gives the same card', () => {
    expect(reviewCard(reviewCard(undefined, true, NOW), false, at(600))).toEqual(reviewCard(reviewCard(undefined, true, NOW), false, at(600)));
  });
});

describe('answering practice questions against the store', () => {
  let store: Store;
  const bank = smallBank();
  const deps = (now: Date) => ({ store, bank, now });

  beforeEach(async () => {
    store = await openStore('sqlite::memory:');
  });
  afterEach(async () => {
    await store.close();
  });

  it('records a right answer once; a second click on the same showing changes nothing', async () => {
    const first = await answerPracticeQuestion(deps(NOW), 'u1', 'q_s3a', 0, [0]);
    expect(first).toMatchObject({ status: 'recorded', grade: { correct: true }, card: { reps: 1, lastCorrect: true } });
    const again = await answerPracticeQuestion(deps(at(1)), 'u1', 'q_s3a', 0, [1]);
    expect(again).toMatchObject({ status: 'already-answered', card: { reps: 1, lastCorrect: true } });
    expect((await store.getPracticeCard('u1', 'q_s3a'))?.due).toEqual(reviewCard(undefined, true, NOW).due);
  });

  it('a wrong answer is due sooner than a right one, and comes back first once due', async () => {
    await answerPracticeQuestion(deps(NOW), 'u1', 'q_s3a', 0, [0]);
    const wrong = await answerPracticeQuestion(deps(NOW), 'u1', 'q_iam1', 0, [3]);
    expect(wrong).toMatchObject({ status: 'recorded', grade: { correct: false } });
    const right = await store.getPracticeCard('u1', 'q_s3a');
    const missed = await store.getPracticeCard('u1', 'q_iam1');
    expect(missed!.due.getTime()).toBeLessThan(right!.due.getTime());

    const later = new Date(missed!.due.getTime() + 1);
    const pick = await nextPracticeQuestion(deps(later), 'u1', null, seededRng('x'));
    expect(pick).toMatchObject({ kind: 'due', question: { id: 'q_iam1' }, card: { reps: 1 }, dueCount: 1 });
  });

  it('partial credit on "choose N" counts as a miss (Again); fully right is Good', async () => {
    const partial = await answerPracticeQuestion(deps(NOW), 'u1', 'q_multi', 0, [1]);
    expect(partial).toMatchObject({ status: 'recorded', grade: { correct: false, credit: 0.5 }, card: { lastCorrect: false } });
    const full = await answerPracticeQuestion(deps(NOW), 'u2', 'q_multi', 0, [2, 1]);
    expect(full).toMatchObject({ status: 'recorded', choices: [1, 2], grade: { correct: true } });
    const a = await store.getPracticeCard('u1', 'q_multi');
    const b = await store.getPracticeCard('u2', 'q_multi');
    expect(a!.due).toEqual(reviewCard(undefined, false, NOW).due);
    expect(b!.due).toEqual(reviewCard(undefined, true, NOW).due);
  });

  it('refuses an option the question lacks and a question no longer in the bank, recording nothing', async () => {
    expect(await answerPracticeQuestion(deps(NOW), 'u1', 'q_s3a', 0, [5])).toMatchObject({ status: 'invalid-choice' });
    expect(await answerPracticeQuestion(deps(NOW), 'u1', 'q_removed', 0, [0])).toEqual({ status: 'question-gone' });
    expect(await store.listPracticeCards('u1')).toEqual([]);
  });

  it('keeps cards per user', async () => {
    await answerPracticeQuestion(deps(NOW), 'u1', 'q_s3a', 0, [0]);
    expect(await answerPracticeQuestion(deps(NOW), 'u2', 'q_s3a', 0, [0])).toMatchObject({ status: 'recorded' });
    expect((await store.listPracticeCards('u1')).map((c) => c.questionId)).toEqual(['q_s3a']);
    expect((await store.listPracticeCards('u2')).map((c) => c.questionId)).toEqual(['q_s3a']);
  });
});
