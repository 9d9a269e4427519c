import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/index.ts';
import type { KnowledgeBase } from '../../src/knowledge/types.ts';
import { type GeneratedQuestions, generateQuestions, GENERATORS } from '../../src/quiz/generateQuestions.ts';
import { answerInStem, leftoverSyntax } from '../../src/quiz/gate.ts';
import { QuestionSchema } from '../../src/quiz/schema.ts';

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
    expect(questions.length).toBeGreaterThanOrEqual(300);
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
    expect(new Set(questions.map((q) => `${q.stem}\u0000${q.options[q.answers[0] ?? 0]}`)).size).toBe(questions.length);
    for (const q of questions) expect(QuestionSchema.safeParse(q).success).toBe(true);
  });

  it('draws on every notes file and every generator', () => {
    for (const file of kb.files) expect(result.byFile[file.file] ?? 0, file.file).toBeGreaterThanOrEqual(20);
    for (const g of GENERATORS) expect(result.byGenerator[g.name] ?? 0, g.name).toBeGreaterThanOrEqual(20);
    expect(Object.values(result.byFile).reduce((a, b) => a + b, 0)).toBe(result.questions.length);
  });

  it('covers nearly every topic with real material', () => {
    const material = new Map<string, number>();
    for (const s of kb.sections) if (s.searchable) material.set(s.headingPath[0] ?? '', (material.get(s.headingPath[0] ?? '') ?? 0) + s.text.length);
    const topics = [...material].filter(([, chars]) => chars >= 400).map(([t]) => t);
    const covered = new Set(result.questions.map((q) => q.topic));
    expect(topics.filter((t) => covered.has(t)).length / topics.length).toBeGreaterThanOrEqual(0.9);
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

  it('gives the same questions for the same seed', () => {
    expect(generateQuestions(kb, { seed: 'notes-test' }).questions).toEqual(result.questions);
  });
});
