import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/index.ts';
import type { KnowledgeBase } from '../../src/knowledge/types.ts';
import { findStaleQuestions } from '../../src/quiz/bank.ts';
import { loadCuratedQuestions } from '../../src/quiz/curated/loadCurated.ts';
import type { CuratedLoad } from '../../src/quiz/curated/loadCurated.ts';
import { QuestionSchema, textHash } from '../../src/quiz/schema.ts';
import { SHIPPED_KNOWLEDGE_DIR, SHIPPED_QUESTIONS_DIR } from '../fixtures/questions/knowledge.ts';

let kb: KnowledgeBase;
let bank: CuratedLoad;
beforeAll(async () => {
  kb = await loadKnowledge(SHIPPED_KNOWLEDGE_DIR);
  bank = await loadCuratedQuestions(SHIPPED_QUESTIONS_DIR, kb);
});

describe('shipped curated bank (knowledge/questions)', () => {
  it('loads without a single problem: every item valid, every source resolves against the real parser', () => {
    expect(bank.problems).toEqual([]);
  });

  it('has at least 60 valid questions, each a canonical curated Question with an explanation', () => {
    expect(bank.questions.length).toBeGreaterThanOrEqual(60);
    for (const q of bank.questions) {
      expect(QuestionSchema.safeParse(q).success).toBe(true);
      expect(q.kind).toBe('curated');
      expect(q.explanation.length).toBeGreaterThan(20);
    }
  });

  it('covers every notes file', () => {
    const covered = new Set(bank.questions.map((q) => q.source.file));
    expect([...covered].sort()).toEqual(kb.files.map((f) => f.file).sort());
    expect(kb.files.length).toBeGreaterThan(0);
  });

  it('has at least 8 multiple-response questions, each saying how many to choose', () => {
    const multi = bank.questions.filter((q) => q.answers.length > 1);
    expect(multi.length).toBeGreaterThanOrEqual(8);
    const words = ['', '', 'TWO', 'THREE', 'FOUR', 'FIVE'];
    for (const q of multi) expect(q.stem).toContain(words[q.answers.length]);
  });

  it('points every question at a real section: heading path, line inside it, topic and hash from it', () => {
    for (const q of bank.questions) {
      const section = kb.sections.find(
        (s) => s.file === q.source.file && s.headingPath.join('\u0000') === q.source.headingPath.join('\u0000'),
      );
      expect(section, `${q.id} ${q.source.headingPath.join(' › ')}`).toBeDefined();
      expect(q.source.line).toBeGreaterThanOrEqual(section!.startLine);
      expect(q.source.line).toBeLessThanOrEqual(section!.endLine);
      expect(q.topic).toBe(section!.headingPath[0]);
      expect(q.sourceHash).toBe(textHash(section!.text));
    }
    expect(findStaleQuestions(bank.questions, kb)).toEqual([]);
  });

  it('keeps one YAML file per notes file, each opening with the yaml-language-server schema comment', async () => {
    const yamls = (await readdir(SHIPPED_QUESTIONS_DIR)).filter((f) => f.endsWith('.yaml'));
    expect(yamls.map((f) => f.replace(/\.yaml$/, '.md')).sort()).toEqual(kb.files.map((f) => f.file).sort());
    for (const f of yamls) {
      const first = (await readFile(path.join(SHIPPED_QUESTIONS_DIR, f), 'utf8')).split('\n')[0];
      expect(first, f).toBe('# yaml-language-server: $schema=./schema.json');
    }
  });

  it('never repeats a stem or an option, and each option fits a Discord button label (80 chars)', () => {
    const stems = bank.questions.map((q) => q.stem.toLowerCase());
    expect(new Set(stems).size).toBe(stems.length);
    for (const q of bank.questions) {
      expect(new Set(q.options.map((o) => o.toLowerCase())).size, q.stem).toBe(q.options.length);
      for (const o of q.options) expect(o.length, o).toBeLessThanOrEqual(80);
    }
  });
});
