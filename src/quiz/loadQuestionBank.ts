import path from 'node:path';
import type { KnowledgeBase } from '../knowledge/types.ts';
import { buildQuestionBank, type QuestionBank } from './bank.ts';
import { loadCuratedQuestions, type CuratedLoad } from './curated/index.ts';
import { type ErrataLoad, loadErrata } from './errata.ts';
import { generateQuestions, type GeneratedQuestions } from './generateQuestions.ts';

/** The seed the bot uses, so every process (and every restart) has the same generated questions and ids. */
export const DEFAULT_QUESTION_SEED = 'studybot';

export interface LoadedQuestionBank {
  bank: QuestionBank;
  curated: CuratedLoad;
  generated: GeneratedQuestions;
  errata: ErrataLoad;
}

/** Curated questions from `<knowledgeDir>/questions`, plus questions generated from the notes. */
export async function loadQuestionBank(
  kb: KnowledgeBase,
  knowledgeDir: string,
  options: { seed?: string } = {},
): Promise<LoadedQuestionBank> {
  const curated = await loadCuratedQuestions(path.join(knowledgeDir, 'questions'), kb);
  const errata = await loadErrata(knowledgeDir);
  const generated = generateQuestions(kb, { seed: options.seed ?? DEFAULT_QUESTION_SEED, errata: errata.errata });
  return { bank: buildQuestionBank(curated.questions, generated.questions), curated, generated, errata };
}
