import type { KnowledgeBase } from '../knowledge/types.ts';
import { buildSectionLookup, resolveSource } from './curated/resolveSource.ts';
import { buildPool, type DroppedQuestion } from './pool.ts';
import { textHash } from './schema.ts';
import type { Question } from './schema.ts';

/** All questions the quiz can draw from (the pool), with lookups, and what was left out of it and why. */
export interface QuestionBank {
  questions: readonly Question[];
  byId: ReadonlyMap<string, Question>;
  byTopic: ReadonlyMap<string, readonly Question[]>;
  dropped: readonly DroppedQuestion[];
}

/** The pool of curated and generated questions (see `buildPool`), indexed by id and topic. */
export function buildQuestionBank(curated: readonly Question[], generated: readonly Question[] = []): QuestionBank {
  const { questions, dropped } = buildPool(curated, generated);
  const byId = new Map(questions.map((q) => [q.id, q]));
  const byTopic = new Map<string, Question[]>();
  for (const q of questions) {
    const list = byTopic.get(q.topic) ?? [];
    list.push(q);
    byTopic.set(q.topic, list);
  }
  return { questions, byId, byTopic, dropped };
}

export type StaleReason = 'section-missing' | 'section-changed';

/** Questions whose source section is gone or whose text changed since the question was made. */
export function findStaleQuestions(
  questions: readonly Question[],
  kb: KnowledgeBase,
): { question: Question; reason: StaleReason }[] {
  const lookup = buildSectionLookup(kb);
  const stale: { question: Question; reason: StaleReason }[] = [];
  for (const question of questions) {
    const { file, headingPath, line } = question.source;
    const found = resolveSource(lookup, file, headingPath, line);
    if (!found.ok) stale.push({ question, reason: 'section-missing' });
    else if (question.sourceHash !== '' && textHash(found.section.text) !== question.sourceHash) {
      stale.push({ question, reason: 'section-changed' });
    }
  }
  return stale;
}
