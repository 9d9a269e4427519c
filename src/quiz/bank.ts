import type { KnowledgeBase } from '../knowledge/types.ts';
import { buildSectionLookup, resolveSource } from './curated/resolveSource.ts';
import { textHash } from './schema.ts';
import type { Question } from './schema.ts';

/** All questions the quiz can draw from, curated and generated, with lookups. */
export interface QuestionBank {
  questions: readonly Question[];
  byId: ReadonlyMap<string, Question>;
  byTopic: ReadonlyMap<string, readonly Question[]>;
}

const stemKey = (q: Question): string => q.stem.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Curated questions first; a generated question is dropped when a curated one (or an earlier generated one)
 * has its id or the same stem, since people's wording beats a template's.
 */
export function buildQuestionBank(curated: readonly Question[], generated: readonly Question[] = []): QuestionBank {
  const byId = new Map<string, Question>();
  const stems = new Set<string>();
  const questions: Question[] = [];
  for (const q of [...curated, ...generated]) {
    if (byId.has(q.id) || (q.kind !== 'curated' && stems.has(stemKey(q)))) continue;
    byId.set(q.id, q);
    stems.add(stemKey(q));
    questions.push(q);
  }
  const byTopic = new Map<string, Question[]>();
  for (const q of questions) {
    const list = byTopic.get(q.topic) ?? [];
    list.push(q);
    byTopic.set(q.topic, list);
  }
  return { questions, byId, byTopic };
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
