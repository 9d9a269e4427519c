/** The pool the daily quiz and practice draw from: order, one question per fact, no give-aways, a quality floor. */
import { describe, expect, it } from 'vitest';
import { buildPool, MIN_QUALITY } from '../../src/quiz/pool.ts';
import { type Question, questionId } from '../../src/quiz/schema.ts';

/** A question whose first option is the key; generated ones carry a quality and a fact key. */
function question(stem: string, options: string[], extra: Partial<Question> = {}): Question {
  const answers = [0];
  return {
    id: extra.id ?? questionId({ stem, options, answers }),
    stem,
    options,
    answers,
    explanation: 'From the notes.',
    source: { file: 'biology.md', headingPath: ['Cell Biology'], line: 1 },
    topic: 'Cell Biology',
    kind: 'curated',
    sourceHash: '',
    ...extra,
  };
}

const generated = (stem: string, options: string[], quality: number, fact: string, id?: string): Question =>
  question(stem, options, { kind: 'term-list', quality, fact, ...(id ? { id } : {}) });

// Questions about different facts whose stems and keys do not overlap.
const nucleus = generated('Which organelle holds the chromosomes of the cell?', ['Nucleus', 'Ribosome', 'Lysosome', 'Vacuole'], 0.7, 'term:nucleus', 'q_nucleus');
const roux = generated('Which mother sauce is milk thickened with a white roux?', ['Béchamel', 'Velouté', 'Espagnole', 'Hollandaise'], 0.9, 'term:bechamel', 'q_bechamel');
const pods = generated('Which object is the smallest deployable unit of containers?', ['Pod', 'Service', 'ConfigMap', 'Namespace'], 0.8, 'row:pod', 'q_pod');
const curatedAtp = question('Which organelle makes most of the ATP a cell uses?', ['Mitochondria', 'Lysosome', 'Golgi apparatus', 'Vacuole'], { id: 'q_curated_atp' });
const curatedSauce = question('Which sauce is an emulsion of butter and egg yolks?', ['Hollandaise sauce', 'Tomato sauce', 'Pesto', 'Gravy'], { id: 'q_curated_sauce' });

const ids = (qs: readonly Question[]) => qs.map((q) => q.id);
const drops = (pool: ReturnType<typeof buildPool>) => pool.dropped.map((d) => [d.question.id, d.reason, d.by]);

describe('buildPool: order', () => {
  it('puts curated questions first, in their order, before any generated one however good', () => {
    const pool = buildPool([curatedAtp, curatedSauce], [{ ...roux, quality: 1 }]);
    expect(ids(pool.questions)).toEqual(['q_curated_atp', 'q_curated_sauce', 'q_bechamel']);
    expect(pool.dropped).toEqual([]);
  });

  it('orders generated questions by descending quality, ties by id', () => {
    const tie = generated('Which enzyme splits proteins in the acidic stomach?', ['Pepsin', 'Amylase', 'Lipase', 'Lactase'], 0.8, 'row:pepsin', 'q_a_pepsin');
    const pool = buildPool([], [nucleus, pods, roux, tie]);
    expect(ids(pool.questions)).toEqual(['q_bechamel', 'q_a_pepsin', 'q_pod', 'q_nucleus']);
  });
});

describe('buildPool: duplicate-fact', () => {
  it('keeps the better question of one fact and names it as the reason the other was left out', () => {
    const reverse = generated('Which organelle is described as "holds the genetic material"?', ['Nucleus', 'Ribosome', 'Lysosome', 'Golgi apparatus'], 0.8, 'term:nucleus', 'q_nucleus_2');
    const pool = buildPool([], [nucleus, reverse]);
    expect(ids(pool.questions)).toEqual(['q_nucleus_2']);
    expect(drops(pool)).toEqual([['q_nucleus', 'duplicate-fact', 'q_nucleus_2']]);
  });

  it('does not merge questions without a fact key, or with different ones', () => {
    const factless = question('Which organelle packages proteins for export?', ['Golgi apparatus', 'Ribosome', 'Lysosome', 'Vacuole'], { kind: 'term-list', quality: 0.8, id: 'q_golgi' });
    const pool = buildPool([], [nucleus, factless, pods]);
    expect(pool.questions).toHaveLength(3);
  });
});

describe('buildPool: gives-away', () => {
  it('leaves out a question whose stem contains the answer of a question already in the pool', () => {
    // The Béchamel question (0.9) is admitted first; this one names "Béchamel" in its stem.
    const naming = generated('Béchamel is thickened with which mixture of flour and fat?', ['Roux', 'Slurry', 'Liaison', 'Beurre manié'], 0.7, 'term:roux', 'q_roux');
    const pool = buildPool([], [roux, naming]);
    expect(ids(pool.questions)).toEqual(['q_bechamel']);
    expect(drops(pool)).toEqual([['q_roux', 'gives-away', 'q_bechamel']]);
  });

  it('leaves out a question whose answer is in the stem of a question already in the pool', () => {
    // "Which organelle makes most of the ATP …" (curated) is admitted first; this one's key is "ATP".
    const atp = generated('Which molecule carries the energy released by cellular respiration?', ['ATP', 'DNA', 'RNA', 'NADH'], 0.9, 'term:atp', 'q_atp');
    const pool = buildPool([curatedAtp], [atp]);
    expect(ids(pool.questions)).toEqual(['q_curated_atp']);
    expect(drops(pool)).toEqual([['q_atp', 'gives-away', 'q_curated_atp']]);
  });

  it('matches words, not letters: plurals count, a key inside a longer word does not', () => {
    // "pods" gives away "Pod"; "Podcast" does not.
    const plural = generated('How many containers can run inside one of the pods of a deployment?', ['Several', 'One', 'None', 'Two'], 0.7, 'fact:plural', 'q_plural');
    const longer = generated('Which app plays a podcast offline?', ['Podcast Player', 'Radio', 'Browser', 'Clock'], 0.7, 'fact:longer', 'q_longer');
    const pool = buildPool([], [pods, plural, longer]);
    expect(ids(pool.questions)).toEqual(['q_pod', 'q_longer']);
    expect(drops(pool)).toEqual([['q_plural', 'gives-away', 'q_pod']]);
  });

  it('among curated questions, keeps the earlier one when two give each other away', () => {
    const later = question('Hollandaise sauce is an emulsion of butter and which ingredient?', ['Egg yolks', 'Milk', 'Cream', 'Stock'], { id: 'q_curated_later' });
    const pool = buildPool([curatedSauce, later], []);
    expect(ids(pool.questions)).toEqual(['q_curated_sauce']);
    expect(drops(pool)).toEqual([['q_curated_later', 'gives-away', 'q_curated_sauce']]);
  });

  it('never drops a curated question for a generated one: the generated one goes', () => {
    const giver = generated('Which sauce is thickened with egg yolks: Hollandaise sauce or a béchamel?', ['Hollandaise sauce', 'Béchamel', 'Velouté', 'Espagnole'], 1, 'fact:giver', 'q_giver');
    const pool = buildPool([curatedSauce], [giver]);
    expect(ids(pool.questions)).toEqual(['q_curated_sauce']);
    expect(drops(pool)).toEqual([['q_giver', 'gives-away', 'q_curated_sauce']]);
  });
});

describe('buildPool: low-quality', () => {
  it(`drops generated questions scored below ${MIN_QUALITY}, and keeps one at exactly ${MIN_QUALITY}`, () => {
    const weak = { ...nucleus, quality: MIN_QUALITY - 0.01 };
    const borderline = { ...pods, quality: MIN_QUALITY };
    const unscored = { ...roux, quality: undefined };
    const pool = buildPool([], [weak, borderline, unscored]);
    expect(ids(pool.questions)).toEqual(['q_pod']);
    expect(drops(pool).sort()).toEqual([
      ['q_bechamel', 'low-quality', undefined],
      ['q_nucleus', 'low-quality', undefined],
    ]);
  });

  it('never drops a curated question for quality', () => {
    const pool = buildPool([{ ...curatedAtp, quality: 0 }], []);
    expect(ids(pool.questions)).toEqual(['q_curated_atp']);
  });

  it('reports a low-quality question as low-quality, even when it also repeats a fact and gives another away', () => {
    const weak = generated('Which organelle holds the chromosomes, as Béchamel holds milk?', ['Nucleus', 'Ribosome', 'Lysosome', 'Vacuole'], 0.3, 'term:nucleus', 'q_weak');
    const pool = buildPool([], [weak, nucleus, roux]);
    expect(ids(pool.questions)).toEqual(['q_bechamel', 'q_nucleus']);
    expect(drops(pool)).toEqual([['q_weak', 'low-quality', undefined]]);
  });
});

describe('buildPool: ids', () => {
  it('admits an id once, without listing the repeat as left out', () => {
    const pool = buildPool([curatedAtp], [{ ...curatedAtp, kind: 'term-list', quality: 0.9, fact: 'term:mitochondria' }]);
    expect(ids(pool.questions)).toEqual(['q_curated_atp']);
    expect(pool.dropped).toEqual([]);
  });
});

describe('buildPool: one question per fact, however worded', () => {
  const section = { file: 'kitchen.md', headingPath: ['French Cooking', 'Mother Sauces'], line: 4 };
  const curatedVeloute = question('Which sauce starts from a pale stock and a lightly cooked roux?', ['Velouté', 'Béchamel', 'Espagnole', 'Hollandaise'], {
    id: 'q_curated_veloute',
    source: section,
    explanation: 'The notes: velouté is white stock thickened with a blond roux.',
  });
  const termVeloute = question('In French Cooking, which mother sauce is described as "white stock thickened with a blond roux"?', ['Velouté', 'Béchamel', 'Espagnole', 'Hollandaise'], {
    id: 'q_term_veloute',
    kind: 'term-list',
    quality: 0.9,
    fact: 'term:kitchen.md:veloute',
    source: section,
    explanation: 'From the notes (French Cooking › Mother Sauces): "Velouté - white stock thickened with a blond roux"',
  });

  it('leaves out a generated question whose quote a question of the same section already restates', () => {
    const pool = buildPool([curatedVeloute], [termVeloute]);
    expect(ids(pool.questions)).toEqual(['q_curated_veloute']);
    expect(drops(pool)).toEqual([['q_term_veloute', 'duplicate-fact', 'q_curated_veloute']]);
  });

  it('keeps it beside a question of the same section about another fact', () => {
    const curatedEspagnole = question('Which mother sauce adds tomato to a brown base?', ['Espagnole', 'Mornay', 'Béarnaise', 'Aurore'], {
      id: 'q_curated_espagnole',
      source: section,
      explanation: 'The notes: brown stock with a brown roux and tomato.',
    });
    expect(ids(buildPool([curatedEspagnole], [termVeloute]).questions)).toEqual(['q_curated_espagnole', 'q_term_veloute']);
  });
});
