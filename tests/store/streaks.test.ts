import { describe, expect, it } from 'vitest';
import { computeStreaks } from '../../src/store/index.ts';

describe('computeStreaks', () => {
  it('counts the run ending at the latest quiz and the best run', () => {
    expect(computeStreaks([1, 2, 3, 4, 5, 6], new Set([1, 2, 3, 5, 6]))).toEqual({ current: 2, best: 3 });
  });
  it('a miss at the latest quiz resets the current streak', () => {
    expect(computeStreaks([1, 2, 3], new Set([1, 2]))).toEqual({ current: 0, best: 2 });
  });
  it('no quizzes, no streak', () => {
    expect(computeStreaks([], new Set([7]))).toEqual({ current: 0, best: 0 });
  });
});
