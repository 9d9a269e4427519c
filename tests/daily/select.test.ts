import { describe, expect, it } from 'vitest';
import { seededRng } from '../../src/quiz/daily/rng.ts';
import { chooseQuestion } from '../../src/quiz/daily/select.ts';
import type { Question } from '../../src/quiz/schema.ts';
import { POOL, makeQuestion } from '../schedule/support.ts';

/** Plays `days` daily picks the way the scheduler does: used ids per cycle, last topic, one seeded RNG per day. */
function play(pool: readonly Question[], days: number, seed: string, topicFilter: string | null = null): Question[] {
  const picked: Question[] = [];
  let used: string[] = [];
  for (let day = 0; day < days; day++) {
    const r = chooseQuestion({ pool, usedIds: used, lastTopic: picked.at(-1)?.topic ?? null, topicFilter, rng: seededRng(`${seed}:${day}`) });
    if (!r.ok) throw new Error(r.message);
    if (r.newCycle) used = [];
    used.push(r.question.id);
    picked.push(r.question);
  }
  return picked;
}

describe('chooseQuestion: no repeats until the pool is exhausted', () => {
  it.each(['a', 'b', 'c', 'd'])('the first %s-seeded cycle uses every question once, and the next cycle starts over', (seed) => {
    const picks = play(POOL, POOL.length * 2, seed);
    expect(new Set(picks.slice(0, POOL.length).map((q) => q.id)).size).toBe(POOL.length);
    expect(new Set(picks.slice(POOL.length).map((q) => q.id)).size).toBe(POOL.length);
  });

  it('flags the pick that starts a new cycle and does not repeat the question just asked', () => {
    const used = POOL.map((q) => q.id);
    const last = POOL.at(-1);
    for (let i = 0; i < 20; i++) {
      const r = chooseQuestion({ pool: POOL, usedIds: used, rng: seededRng(`cycle:${i}`) });
      expect(r.ok && r.newCycle).toBe(true);
      if (r.ok) expect(r.question.id).not.toBe(last?.id);
    }
  });

  it('ignores used ids that are no longer in the pool', () => {
    const r = chooseQuestion({ pool: POOL, usedIds: ['q_gone', ...POOL.slice(1).map((q) => q.id)], rng: seededRng('x') });
    expect(r).toMatchObject({ ok: true, newCycle: false, question: { id: POOL[0]?.id } });
  });
});

describe('chooseQuestion: topic rotation', () => {
  it('never picks the previous topic while another topic has unused questions', () => {
    for (let i = 0; i < 30; i++) {
      const r = chooseQuestion({ pool: POOL, usedIds: [], lastTopic: 'Lambda', rng: seededRng(`rot:${i}`) });
      expect(r.ok && r.question.topic).not.toBe('Lambda');
    }
  });

  it('repeats the topic when it is the only one with questions left', () => {
    const usedIds = POOL.filter((q) => q.topic !== 'Lambda' || q.id === POOL[0]?.id).map((q) => q.id);
    const r = chooseQuestion({ pool: POOL, usedIds, lastTopic: 'Lambda', rng: seededRng('only') });
    expect(r.ok && r.question.topic).toBe('Lambda');
  });

  it.each(['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8'])('a %s-seeded cycle of Lambda×3, SQS×2, S3×1 never has one topic two days running', (seed) => {
    const picks = play(POOL, POOL.length, seed);
    const repeats = picks.filter((q, i) => i > 0 && picks[i - 1]?.topic === q.topic);
    expect(repeats).toEqual([]);
  });

  it('when one topic dominates, repeats are the unavoidable minimum', () => {
    const skewed = [1, 2, 3, 4, 5].map((n) => makeQuestion('Lambda', n)).concat([makeQuestion('SQS', 1), makeQuestion('S3', 1)]);
    for (const seed of ['s1', 's2', 's3', 's4']) {
      const picks = play(skewed, skewed.length, seed);
      const repeats = picks.filter((q, i) => i > 0 && picks[i - 1]?.topic === q.topic).length;
      expect(repeats).toBe(2); // 5 Lambda need 4 separators; only 2 exist
    }
  });
});

describe('chooseQuestion: topic filter', () => {
  it('draws only from the filtered topic (case-insensitive) and cycles within it', () => {
    const picks = play(POOL, 5, 'filter', 'sqs');
    expect(picks.every((q) => q.topic === 'SQS')).toBe(true);
    expect(new Set(picks.slice(0, 2).map((q) => q.id)).size).toBe(2);
  });

  it('a filter naming no topic in the pool falls back to every topic and says so', () => {
    const r = chooseQuestion({ pool: POOL, usedIds: [], topicFilter: 'DynamoDB', rng: seededRng('f') });
    expect(r).toMatchObject({ ok: true, filterIgnored: true });
  });
});

describe('chooseQuestion: determinism', () => {
  it('the same seed and state give the same question, whatever the pool order', () => {
    const a = chooseQuestion({ pool: POOL, usedIds: [], rng: seededRng('same') });
    const b = chooseQuestion({ pool: [...POOL].reverse(), usedIds: [], rng: seededRng('same') });
    expect(a.ok && b.ok && a.question.id === b.question.id).toBe(true);
  });

  it('different seeds spread over the pool', () => {
    const firsts = new Set(Array.from({ length: 40 }, (_, i) => play(POOL, 1, `spread:${i}`)[0]?.id));
    expect(firsts.size).toBeGreaterThanOrEqual(4);
  });

  it('an empty pool is an error value, not an exception', () => {
    expect(chooseQuestion({ pool: [], usedIds: [], rng: seededRng('e') })).toMatchObject({ ok: false, reason: 'empty-pool' });
  });

  it('a one-question pool asks that question again in the next cycle', () => {
    const only = makeQuestion('Solo', 1);
    expect(chooseQuestion({ pool: [only], usedIds: [only.id], rng: seededRng('s') })).toMatchObject({ ok: true, newCycle: true, question: { id: only.id } });
  });
});
