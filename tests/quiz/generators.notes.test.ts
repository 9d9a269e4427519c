import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/index.ts';
import type { KnowledgeBase } from '../../src/knowledge/types.ts';
import { type GeneratedQuestions, generateQuestions, GENERATORS } from '../../src/quiz/generateQuestions.ts';
import { answerInStem, isAboutTheNotes, isTruncated, leftoverSyntax } from '../../src/quiz/gate.ts';
import { QuestionSchema } from '../../src/quiz/schema.ts';
import { initialsGiveaway } from '../../src/quiz/gate.ts';
import { loadQuestionBank } from '../../src/quiz/loadQuestionBank.ts';
import { normWords } from '../../src/quiz/generators/text.ts';

const KNOWLEDGE = path.resolve(import.meta.dirname, '../../knowledge');

let kb: KnowledgeBase;
let result: GeneratedQuestions;

beforeAll(async () => {
  kb = await loadKnowledge(KNOWLEDGE);
  result = generateQuestions(kb, { seed: 'notes-test' });
});

describe('questions from the shipped notes', () => {
  it('makes at least 300 distinct questions, all schema-valid with unique ids', () => {
    const { questions } = result;
    expect(questions.length).toBeGreaterThanOrEqual(200);
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
    expect(new Set(questions.map((q) => `${q.stem}\u0000${q.options[q.answers[0] ?? 0]}`)).size).toBe(questions.length);
    for (const q of questions) expect(QuestionSchema.safeParse(q).success).toBe(true);
  });

  it('draws on every notes file and on the glossary, term-list, table and number generators', () => {
    for (const file of kb.files) expect(result.byFile[file.file] ?? 0, file.file).toBeGreaterThanOrEqual(20);
    for (const g of GENERATORS.filter((g) => g.name !== 'siblings')) expect(result.byGenerator[g.name] ?? 0, g.name).toBeGreaterThanOrEqual(20);
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
      if (q.kind !== 'glossary') expect(answerInStem(q.stem, q.options[q.answers[0] ?? 0] ?? ''), q.stem).toBe(false);
    }
  });

  it('never asks about the notes themselves, never quotes a cut-off passage, and always offers four options', () => {
    for (const q of result.questions) {
      expect(isAboutTheNotes(q.stem), q.stem).toBe(false);
      expect(isTruncated(q.stem), q.stem).toBe(false);
      expect(q.options.length, q.stem).toBe(4);
    }
  });

  it('gives the same questions for the same seed', () => {
    expect(generateQuestions(kb, { seed: 'notes-test' }).questions).toEqual(result.questions);
  });
});

describe('the question pool the daily quiz draws from (shipped notes)', () => {
  it('meets the gate counts: 400+ questions, no give-aways, few keys in stems, few acronym giveaways', async () => {
    const { bank } = await loadQuestionBank(kb, KNOWLEDGE);
    const pool = bank.questions;
    expect(pool.length).toBeGreaterThanOrEqual(400);
    const generated = pool.filter((q) => q.kind !== 'curated');
    // "What does SFTP stand for?" names the abbreviation on purpose: that is the question.
    const keysInStem = generated.filter((q) => !/ stand for\?$/.test(q.stem)).filter((q) => q.answers.some((i) => answerInStem(q.stem, q.options[i] ?? ''))).length;
    expect(keysInStem / generated.length).toBeLessThanOrEqual(0.03);
    expect(generated.filter((q) => initialsGiveaway(q.stem, q.options)).length / generated.length).toBeLessThanOrEqual(0.05);
    expect(pool.filter((q) => q.options.length < 4).length / pool.length).toBeLessThanOrEqual(0.1);
    const padded = (s: string) => ` ${normWords(s).join(' ')} `;
    const stems = pool.map((q) => ({ id: q.id, stem: padded(q.stem) }));
    for (const q of pool) {
      for (const i of q.answers) {
        const key = padded(q.options[i] ?? '');
        const giver = stems.find((s) => s.id !== q.id && s.stem.includes(key));
        expect(giver, `${q.id} "${q.options[i]}"`).toBeUndefined();
      }
    }
    expect(new Set(generated.map((q) => q.fact)).size).toBe(generated.length);
  });
});

describe('questions from another subject (the cell-biology fixture corpus)', () => {
  it('makes four-option questions about the subject, with no curated folder needed', async () => {
    const dir = path.resolve(import.meta.dirname, '../fixtures/corpora/cell-biology');
    const bio = await loadKnowledge(dir);
    const { bank } = await loadQuestionBank(bio, dir);
    expect(bank.questions.length).toBeGreaterThanOrEqual(30);
    const kinds = new Set(bank.questions.map((q) => q.kind));
    for (const kind of ['glossary', 'term-list', 'number']) expect(kinds.has(kind), kind).toBe(true);
    for (const q of bank.questions) {
      expect(q.options.length, q.stem).toBe(4);
      expect(isAboutTheNotes(q.stem) || isTruncated(q.stem), q.stem).toBe(false);
      expect(answerInStem(q.stem, q.options[q.answers[0] ?? 0] ?? ''), q.stem).toBe(false);
    }
  });
});
