/**
 * Generation and the question pool on real notes: the shipped AWS notes (with their curated questions and errata)
 * and a second subject, the cell-biology fixture corpus. The pool counts are the ones the quiz promises its players.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/index.ts';
import type { KnowledgeBase } from '../../src/knowledge/types.ts';
import { type GeneratedQuestions, generateQuestions, GENERATORS } from '../../src/quiz/generateQuestions.ts';
import { answerInStem, initialsGiveaway, isAboutTheNotes, isTruncated, leftoverSyntax } from '../../src/quiz/gate.ts';
import { MASK, normWords } from '../../src/quiz/generators/text.ts';
import { type LoadedQuestionBank, loadQuestionBank } from '../../src/quiz/loadQuestionBank.ts';
import { type Question, QuestionSchema } from '../../src/quiz/schema.ts';

const KNOWLEDGE = path.resolve(import.meta.dirname, '../../knowledge');

let kb: KnowledgeBase;
let result: GeneratedQuestions;
let loaded: LoadedQuestionBank;
let pool: readonly Question[];

beforeAll(async () => {
  kb = await loadKnowledge(KNOWLEDGE);
  result = generateQuestions(kb, { seed: 'notes-test' });
  loaded = await loadQuestionBank(kb, KNOWLEDGE);
  pool = loaded.bank.questions;
}, 120_000);

const keyOf = (q: Question) => q.options[q.answers[0] ?? 0] ?? '';
const show = (qs: readonly Question[]) => qs.slice(0, 15).map((q) => `[${q.kind}] ${q.stem} => ${q.answers.map((i) => q.options[i]).join(' + ')}`).join('\n');

/**
 * A word of a key (four letters or more) that the stem repeats and no wrong option has: matching words alone finds
 * the answer ("Which policy is used for failover?" → "Failover routing").
 */
function keyWordInStem(q: Question): boolean {
  const significant = (o: string) => normWords(o).filter((w) => w.length >= 4 && /[a-z]/.test(w));
  const stem = new Set(normWords(q.stem.split(MASK).join(' ')));
  const wrong = q.options.filter((_, i) => !q.answers.includes(i)).map((o) => new Set(significant(o)));
  return q.answers.some((a) => significant(q.options[a] ?? '').some((w) => stem.has(w) && !wrong.some((ws) => ws.has(w))));
}

describe('questions generated from the shipped notes', () => {
  it('makes at least 120 distinct questions, all schema-valid with unique ids, a quality score and a fact key', () => {
    const { questions } = result;
    expect(questions.length).toBeGreaterThanOrEqual(120);
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
    expect(new Set(questions.map((q) => `${q.stem}\u0000${keyOf(q)}`)).size).toBe(questions.length);
    for (const q of questions) {
      expect(QuestionSchema.safeParse(q).success, q.stem).toBe(true);
      expect(q.quality, q.stem).toBeGreaterThanOrEqual(0);
      expect(q.quality, q.stem).toBeLessThanOrEqual(1);
      expect(q.fact, q.stem).toBeTruthy();
    }
  });

  it('draws on every notes file and every generator (sibling sections only under plural headings, so fewer)', () => {
    // Every file gets questions that pass the gate; the short guide (much of it a table of abbreviations) fewer.
    for (const file of kb.files) expect(result.byFile[file.file] ?? 0, file.file).toBeGreaterThanOrEqual(file.file.includes('guide') ? 1 : 5);
    for (const g of GENERATORS) expect(result.byGenerator[g.name] ?? 0, g.name).toBeGreaterThanOrEqual(g.name === 'siblings' ? 3 : 20);
    expect(Object.values(result.byFile).reduce((a, b) => a + b, 0)).toBe(result.questions.length);
  });

  it('cites real sections and lines, and never leaks the answer or leaves markup', () => {
    for (const q of result.questions) {
      const section = kb.sections.find((s) => s.file === q.source.file && s.headingPath.join('\u0000') === q.source.headingPath.join('\u0000'));
      expect(section, q.stem).toBeDefined();
      if (!section) continue;
      expect(q.source.line).toBeGreaterThanOrEqual(section.startLine);
      expect(q.source.line).toBeLessThanOrEqual(section.endLine);
      expect(q.topic).toBe(section.headingPath[0]);
      expect(leftoverSyntax(q.stem), q.stem).toBeUndefined();
      if (q.kind !== 'glossary') expect(answerInStem(q.stem, keyOf(q)), q.stem).toBe(false);
    }
  });

  it('never asks about the notes themselves, never quotes a cut-off passage, and always offers four options', () => {
    for (const q of result.questions) {
      expect(isAboutTheNotes(q.stem), q.stem).toBe(false);
      expect(isTruncated(q.stem), q.stem).toBe(false);
      expect(q.options.length, q.stem).toBe(4);
    }
  });

  it('quotes no statement the errata mark wrong', () => {
    expect(loaded.errata.problem).toBeUndefined();
    expect(loaded.errata.errata.length).toBeGreaterThan(0);
    const quoted = loaded.generated.questions.filter((q) =>
      loaded.errata.errata.some((e) => e.file === q.source.file && normWords(`${q.stem} ${q.explanation}`).join(' ').includes(normWords(e.says).join(' '))),
    );
    expect(show(quoted)).toBe('');
  });

  it('gives the same questions for the same seed', () => {
    expect(generateQuestions(kb, { seed: 'notes-test' }).questions).toEqual(result.questions);
  });
});

describe('the question pool the daily quiz draws from (shipped notes)', () => {
  it('holds at least 400 questions, curated first, at least 20 from every notes file', () => {
    expect(pool.length).toBeGreaterThanOrEqual(400);
    for (const file of kb.files) expect(pool.filter((q) => q.source.file === file.file).length, file.file).toBeGreaterThanOrEqual(20);
    const firstGenerated = pool.findIndex((q) => q.kind !== 'curated');
    expect(pool.slice(firstGenerated).every((q) => q.kind !== 'curated')).toBe(true);
  });

  it('has no stem about the notes\' structure', () => {
    expect(show(pool.filter((q) => isAboutTheNotes(q.stem)))).toBe('');
  });

  it('has no truncated stem', () => {
    expect(show(pool.filter((q) => isTruncated(q.stem)))).toBe('');
  });

  it('has a key word in the stem in at most 3 % of its generated questions', () => {
    const generated = pool.filter((q) => q.kind !== 'curated');
    const hits = generated.filter(keyWordInStem);
    expect(hits.length / generated.length, show(hits)).toBeLessThanOrEqual(0.03);
  });

  it('has a key word in the stem in at most 3 % of all its questions, curated ones included', () => {
    const hits = pool.filter(keyWordInStem);
    expect(hits.length / pool.length, `${hits.length} of ${pool.length}:\n${show(hits)}`).toBeLessThanOrEqual(0.03);
  });

  it('never has the key of one question in another question\'s stem', () => {
    const padded = (s: string) => ` ${normWords(s).join(' ')} `;
    const stems = pool.map((q) => ({ id: q.id, stem: padded(q.stem) }));
    const leaks: string[] = [];
    for (const q of pool) {
      for (const i of q.answers) {
        const key = padded(q.options[i] ?? '');
        if (key.trim().length === 0) continue;
        const giver = stems.find((s) => s.id !== q.id && s.stem.includes(key));
        if (giver) leaks.push(`"${q.options[i]}" (${q.id}) is in the stem of ${giver.id}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('has fewer than four options in at most 10 % of its questions', () => {
    expect(pool.filter((q) => q.options.length < 4).length / pool.length).toBeLessThanOrEqual(0.1);
  });

  it('asks each generated fact once and rarely gives an abbreviation away by its initials', () => {
    const generated = pool.filter((q) => q.kind !== 'curated');
    expect(new Set(generated.map((q) => q.fact)).size).toBe(generated.length);
    expect(generated.filter((q) => initialsGiveaway(q.stem, q.options)).length / generated.length).toBeLessThanOrEqual(0.05);
  });

  it('covers nearly every topic with real material', () => {
    const material = new Map<string, number>();
    for (const s of kb.sections) if (s.searchable) material.set(s.headingPath[0] ?? '', (material.get(s.headingPath[0] ?? '') ?? 0) + s.text.length);
    const topics = [...material].filter(([, chars]) => chars >= 400).map(([t]) => t);
    const covered = new Set(pool.map((q) => q.topic));
    expect(topics.filter((t) => covered.has(t)).length / topics.length).toBeGreaterThanOrEqual(0.9);
  });

  it('lists what it left out with the reason and the question that made it redundant', () => {
    const ids = new Set(pool.map((q) => q.id));
    for (const d of loaded.bank.dropped) {
      expect(ids.has(d.question.id), d.question.id).toBe(false);
      if (d.reason !== 'low-quality') expect(ids.has(d.by ?? ''), `${d.reason} by ${d.by}`).toBe(true);
    }
  });
});

describe('questions from another subject (the cell-biology fixture corpus)', () => {
  it('makes four-option questions about the subject, with no curated folder needed', async () => {
    const dir = path.resolve(import.meta.dirname, '../fixtures/corpora/cell-biology');
    const bio = await loadKnowledge(dir);
    const { bank } = await loadQuestionBank(bio, dir);
    expect(bank.questions.length).toBeGreaterThanOrEqual(12);
    const kinds = new Set(bank.questions.map((q) => q.kind));
    for (const kind of ['glossary', 'table', 'number']) expect(kinds.has(kind), kind).toBe(true);
    for (const q of bank.questions) {
      expect(q.options.length, q.stem).toBe(4);
      expect(isAboutTheNotes(q.stem) || isTruncated(q.stem), q.stem).toBe(false);
      expect(answerInStem(q.stem, keyOf(q)), q.stem).toBe(false);
      expect(q.stem, q.stem).not.toMatch(/\bAWS\b|\bAmazon\b/);
    }
  });
});
