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

/** A generated question (not curated) with the gate's quality score; `undefined` means unscored. */
const generated = (topic: string, n: number, quality: number | undefined, kind = 'glossary'): Question => ({
  ...makeQuestion(topic, n),
  kind,
  ...(quality === undefined ? {} : { quality }),
});
const CURATED = [makeQuestion('Lambda', 1), makeQuestion('SQS', 1), makeQuestion('S3', 1)];
const GENERATED = [
  generated('Glossary', 1, 0.2),
  generated('Glossary', 2, 0.9),
  generated('Glossary', 3, 0.5, 'number'),
  generated('Glossary', 4, undefined),
  generated('Glossary', 5, 0.7, 'table'),
];

describe('chooseQuestion: curated first, then generated by quality', () => {
  it.each(['c1', 'c2', 'c3', 'c4'])('a %s-seeded cycle asks every curated question once, then the generated ones best first', (seed) => {
    const pool = [...GENERATED, ...CURATED];
    const picks = play(pool, pool.length * 2, seed);
    const cycle = picks.slice(0, pool.length);
    expect(cycle.slice(0, 3).every((q) => q.kind === 'curated')).toBe(true);
    expect(new Set(cycle.slice(0, 3).map((q) => q.id)).size).toBe(3);
    expect(cycle.slice(3).map((q) => q.quality)).toEqual([0.9, 0.7, 0.5, 0.2, undefined]);
    // The next cycle starts with the curated questions again.
    expect(picks.slice(pool.length, pool.length + 3).every((q) => q.kind === 'curated')).toBe(true);
  });

  it('a curated question comes before any generated one, even the previous quiz’s topic', () => {
    const pool = [makeQuestion('Lambda', 1), generated('SQS', 1, 1)];
    for (let i = 0; i < 10; i++) {
      const r = chooseQuestion({ pool, usedIds: [], lastTopic: 'Lambda', rng: seededRng(`cf:${i}`) });
      expect(r.ok && r.question.kind).toBe('curated');
    }
  });

  it('among generated questions, a lower-quality one of another topic beats the previous quiz’s topic', () => {
    const pool = [generated('Lambda', 1, 0.9), generated('SQS', 1, 0.4), generated('SQS', 2, 0.3)];
    const r = chooseQuestion({ pool, usedIds: [], lastTopic: 'lambda', rng: seededRng('rot') });
    expect(r.ok && r.question.id).toBe(pool[1]!.id);
  });

  it('ties in quality are broken by the rng, the same way whatever the pool order', () => {
    const tied = [generated('A', 1, 0.8), generated('B', 1, 0.8), generated('C', 1, 0.8)];
    const pool = [...tied, generated('D', 1, 0.79)];
    const firsts = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const a = chooseQuestion({ pool, usedIds: [], rng: seededRng(`tie:${i}`) });
      const b = chooseQuestion({ pool: [...pool].reverse(), usedIds: [], rng: seededRng(`tie:${i}`) });
      expect(a.ok && b.ok && a.question.id === b.question.id).toBe(true);
      if (a.ok) firsts.add(a.question.id);
    }
    expect([...firsts].sort()).toEqual(tied.map((q) => q.id).sort());
  });
});

describe('chooseQuestion: the questions setting', () => {
  it('curated: only curated questions, in cycles of their own', () => {
    const pool = [...GENERATED, ...CURATED];
    const used: string[] = [];
    for (let day = 0; day < 9; day++) {
      const r = chooseQuestion({ pool, usedIds: used, questionSet: 'curated', lastTopic: null, rng: seededRng(`only:${day}`) });
      if (!r.ok) throw new Error(r.message);
      expect(r).toMatchObject({ curatedIgnored: false, question: { kind: 'curated' } });
      expect(r.newCycle).toBe(day > 0 && day % 3 === 0);
      if (r.newCycle) used.length = 0;
      used.push(r.question.id);
    }
  });

  it('curated with no curated question falls back to all (by quality) and says so', () => {
    const r = chooseQuestion({ pool: GENERATED, usedIds: [], questionSet: 'curated', rng: seededRng('fb') });
    expect(r).toMatchObject({ ok: true, curatedIgnored: true, question: { quality: 0.9 } });
  });

  it('curated applies within the topic filter; a filtered topic without curated questions falls back to its generated ones', () => {
    const pool = [...CURATED, generated('Lambda', 2, 0.99), generated('Glossary', 1, 0.5)];
    const lambda = chooseQuestion({ pool, usedIds: [], topicFilter: 'lambda', questionSet: 'curated', rng: seededRng('l') });
    expect(lambda).toMatchObject({ ok: true, curatedIgnored: false, question: { id: CURATED[0]!.id } });
    const glossary = chooseQuestion({ pool, usedIds: [], topicFilter: 'Glossary', questionSet: 'curated', rng: seededRng('g') });
    expect(glossary).toMatchObject({ ok: true, curatedIgnored: true, filterIgnored: false, question: { topic: 'Glossary' } });
  });

  it('all (the default) reports nothing ignored', () => {
    const r = chooseQuestion({ pool: [...GENERATED, ...CURATED], usedIds: [], rng: seededRng('d') });
    expect(r).toMatchObject({ ok: true, curatedIgnored: false, filterIgnored: false, question: { kind: 'curated' } });
  });
});

describe('chooseQuestion: excluded questions (retired, or held after reports)', () => {
  it('are never chosen, in any cycle', () => {
    const excluded = [POOL[0]!.id, POOL[3]!.id];
    const used: string[] = [];
    let last: string | null = null;
    for (let day = 0; day < POOL.length * 3; day++) {
      const r = chooseQuestion({ pool: POOL, usedIds: used, lastTopic: last, excludedIds: excluded, rng: seededRng(`ex:${day}`) });
      if (!r.ok) throw new Error(r.message);
      expect(excluded).not.toContain(r.question.id);
      if (r.newCycle) used.length = 0;
      used.push(r.question.id);
      last = r.question.topic;
    }
  });

  it('excluding every question is an error value naming why', () => {
    const r = chooseQuestion({ pool: POOL, usedIds: [], excludedIds: POOL.map((q) => q.id), rng: seededRng('all') });
    expect(r).toMatchObject({ ok: false, reason: 'empty-pool', message: expect.stringMatching(/retired or held/) });
  });
});
