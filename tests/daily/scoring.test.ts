import { describe, expect, it } from 'vitest';
import { gradeAnswer, InvalidChoiceError } from '../../src/quiz/daily/grade.ts';
import { summarizeResults } from '../../src/quiz/daily/results.ts';
import { computeAwards, SCORING, SCORING_RULES, streakBonus, type ScorableAnswer } from '../../src/quiz/daily/scoring.ts';
import { makeQuestion } from '../schedule/support.ts';

const single = makeQuestion('Lambda', 1, [2]); // answer: option 2 of 4
const chooseTwo = makeQuestion('SQS', 1, [0, 1], 5); // choose 2 of 5
const chooseThree = makeQuestion('S3', 1, [0, 1, 2], 6); // choose 3 of 6

const QUIZ = { id: 7, questionId: single.id, closesAt: new Date('2026-03-02T08:00:00Z') };
let nextId = 1;
function answer(userId: string, choices: number[], minute: number, quizId = QUIZ.id): ScorableAnswer {
  return { id: nextId++, quizId, userId, choices, answeredAt: new Date(Date.UTC(2026, 2, 1, 9, minute)), correct: false, credit: 0 };
}
const none = new Map<string, number>();
const pointsOf = (awards: { userId: string; points: number; reason: string }[], userId: string) =>
  Object.fromEntries(awards.filter((a) => a.userId === userId).map((a) => [a.reason, a.points]));

describe('gradeAnswer: single-answer questions', () => {
  it('the right option is correct with full credit', () => {
    expect(gradeAnswer(single, [2])).toEqual({ correct: true, credit: 1, rightPicks: 1, wrongPicks: 0 });
  });
  it('a wrong option earns nothing', () => {
    expect(gradeAnswer(single, [0])).toMatchObject({ correct: false, credit: 0 });
  });
  it('picking the right option plus a wrong one earns nothing (no hedging)', () => {
    expect(gradeAnswer(single, [2, 3])).toMatchObject({ correct: false, credit: 0 });
  });
  it('a repeated pick counts once', () => {
    expect(gradeAnswer(single, [2, 2])).toMatchObject({ correct: true, credit: 1 });
  });
  it('rejects an option that does not exist, and an empty answer', () => {
    expect(() => gradeAnswer(single, [4])).toThrow(InvalidChoiceError);
    expect(() => gradeAnswer(single, [4])).toThrow(/options 0–3/);
    expect(() => gradeAnswer(single, [])).toThrow(/at least one/);
  });
});

describe('gradeAnswer: multiple-response partial credit', () => {
  it('exactly the right set is correct', () => {
    expect(gradeAnswer(chooseTwo, [1, 0])).toMatchObject({ correct: true, credit: 1 });
  });
  it('one of two right, nothing wrong → half credit', () => {
    expect(gradeAnswer(chooseTwo, [0])).toMatchObject({ correct: false, credit: 0.5 });
  });
  it('each wrong pick cancels a right one', () => {
    expect(gradeAnswer(chooseThree, [0, 1, 5])).toMatchObject({ correct: false, credit: 1 / 3, rightPicks: 2, wrongPicks: 1 });
    expect(gradeAnswer(chooseTwo, [0, 4])).toMatchObject({ credit: 0 });
  });
  it('never goes below zero', () => {
    expect(gradeAnswer(chooseTwo, [2, 3, 4]).credit).toBe(0);
  });
  it('picking every option is not full credit', () => {
    expect(gradeAnswer(chooseTwo, [0, 1, 2, 3, 4])).toMatchObject({ correct: false, credit: 0 });
  });
});

describe('computeAwards: correct answers', () => {
  it('gives 10 points for a correct answer and nothing for a wrong one', () => {
    const awards = computeAwards(QUIZ, single, [answer('u1', [2], 0), answer('u2', [1], 1)], none);
    expect(pointsOf(awards, 'u1').correct).toBe(SCORING.correct);
    expect(pointsOf(awards, 'u2')).toEqual({});
  });
});

describe('computeAwards: first-correct bonus', () => {
  it('+3/+2/+1 for the first three correct answers in answer order; wrong answers do not use a slot', () => {
    const awards = computeAwards(
      QUIZ,
      single,
      [answer('late', [2], 30), answer('wrong', [0], 0), answer('a', [2], 1), answer('c', [2], 3), answer('b', [2], 2)],
      none,
    );
    expect(pointsOf(awards, 'a').first).toBe(3);
    expect(pointsOf(awards, 'b').first).toBe(2);
    expect(pointsOf(awards, 'c').first).toBe(1);
    expect(pointsOf(awards, 'late').first).toBeUndefined();
    expect(pointsOf(awards, 'wrong')).toEqual({});
  });
  it('answers at the same millisecond are ordered by answer id', () => {
    const x = { ...answer('x', [2], 5), id: 100 };
    const y = { ...answer('y', [2], 5), id: 99 };
    const awards = computeAwards(QUIZ, single, [x, y], none);
    expect(pointsOf(awards, 'y').first).toBe(3);
    expect(pointsOf(awards, 'x').first).toBe(2);
  });
});

describe('computeAwards: partial credit', () => {
  const quiz = { ...QUIZ, questionId: chooseThree.id };
  it('floor(credit × 10): 2 of 3 right → 6, 1 of 3 → 3, 2 right + 1 wrong → 3', () => {
    const awards = computeAwards(quiz, chooseThree, [answer('two', [0, 1], 0), answer('one', [2], 1), answer('mixed', [0, 1, 4], 2)], none);
    expect(pointsOf(awards, 'two')).toEqual({ partial: 6 });
    expect(pointsOf(awards, 'one')).toEqual({ partial: 3 });
    expect(pointsOf(awards, 'mixed')).toEqual({ partial: 3 });
  });
  it('partial answers get no first-correct bonus and no streak bonus', () => {
    const awards = computeAwards(quiz, chooseThree, [answer('p', [0, 1], 0)], new Map([['p', 4]]));
    expect(pointsOf(awards, 'p')).toEqual({ partial: 6 });
  });
  it('zero credit writes no row', () => {
    expect(computeAwards(quiz, chooseThree, [answer('z', [3, 4, 5], 0)], none)).toEqual([]);
  });
});

describe('computeAwards: streak bonus', () => {
  it('+1 per previous correct quiz in a row, capped at +5; none on the first day or for a wrong answer', () => {
    expect([0, 1, 2, 4, 5, 9].map((run) => streakBonus(run, true))).toEqual([0, 1, 2, 4, 5, 5]);
    expect(streakBonus(9, false)).toBe(0);
    const streaks = new Map([
      ['new', 0],
      ['second', 1],
      ['veteran', 30],
      ['broke', 6],
    ]);
    const awards = computeAwards(QUIZ, single, [answer('new', [2], 10), answer('second', [2], 11), answer('veteran', [2], 12), answer('broke', [0], 13)], streaks);
    expect(pointsOf(awards, 'new').streak).toBeUndefined();
    expect(pointsOf(awards, 'second').streak).toBe(1);
    expect(pointsOf(awards, 'veteran').streak).toBe(5);
    expect(pointsOf(awards, 'broke')).toEqual({});
  });
  it('the most one quiz can give is 10 + 3 + 5', () => {
    const awards = computeAwards(QUIZ, single, [answer('best', [2], 0)], new Map([['best', 99]]));
    expect(awards.reduce((s, a) => s + a.points, 0)).toBe(18);
  });
});

describe('computeAwards: what it ignores', () => {
  it('ignores answers to other quizzes, after closing, and a user’s second answer', () => {
    const awards = computeAwards(
      QUIZ,
      single,
      [
        answer('other', [2], 0, 8),
        { ...answer('late', [2], 0), answeredAt: QUIZ.closesAt },
        answer('twice', [0], 1),
        answer('twice', [2], 2),
      ],
      none,
    );
    expect(awards).toEqual([]);
  });
  it('uses the stored grade when the question is no longer in the bank', () => {
    const stored = { ...answer('kept', [2], 0), correct: true, credit: 1 };
    expect(pointsOf(computeAwards(QUIZ, undefined, [stored], none), 'kept')).toEqual({ correct: 10, first: 3 });
  });
  it('refuses a question that is not the quiz’s', () => {
    expect(() => computeAwards(QUIZ, chooseTwo, [], none)).toThrow(/not quiz 7/);
  });
  it('is pure: same input, same output, input untouched', () => {
    const input = [answer('b', [2], 2), answer('a', [2], 1)];
    const copy = structuredClone(input);
    expect(computeAwards(QUIZ, single, input, none)).toEqual(computeAwards(QUIZ, single, input, none));
    expect(input).toEqual(copy);
  });
});

describe('SCORING_RULES', () => {
  it('states the numbers the code uses', () => {
    expect(SCORING_RULES).toContain(`${SCORING.correct} points`);
    expect(SCORING_RULES).toContain('+3/+2/+1');
    expect(SCORING_RULES).toContain(`capped at +${SCORING.streakCap}`);
    expect(SCORING_RULES).toContain('2 of 3 right and no wrong pick → 6 points');
    expect(SCORING_RULES).toContain('18 points');
  });
});

describe('summarizeResults', () => {
  it('counts picks per option, correct and partial answers, and ranks users by points', () => {
    const q = chooseTwo;
    const quiz = { ...QUIZ, questionId: q.id };
    const answers = [answer('p', [0], 0), answer('c', [0, 1], 1), answer('w', [3], 2)];
    const awards = computeAwards(quiz, q, answers, new Map([['c', 2]]));
    const r = summarizeResults(q, answers, awards);
    expect(r.optionCounts).toEqual([2, 1, 0, 1, 0]);
    expect(r).toMatchObject({ answered: 3, correct: 1, partial: 1 });
    expect(r.users.map((u) => [u.userId, u.points])).toEqual([
      ['c', 15],
      ['p', 5],
      ['w', 0],
    ]);
    expect(r.users[0]?.breakdown).toEqual({ correct: 10, first: 3, streak: 2 });
  });
});
