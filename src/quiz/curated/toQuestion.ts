import type { Section } from '../../knowledge/types.ts';
import { QuestionSchema, questionId, textHash } from '../schema.ts';
import type { Question } from '../schema.ts';
import { resolveAnswerKeys } from './answerKeys.ts';
import type { AuthorQuestion } from './authorSchema.ts';
import { headingPathOf } from './resolveSource.ts';

export type ToQuestionResult = { ok: true; question: Question } | { ok: false; field: string; message: string };

/**
 * Builds the canonical question from a validated author item. With a resolved `section` the source takes the
 * section's displayed heading path, start line and text hash; without one (no knowledge base) the author's
 * heading path is kept, the line defaults to 1 and the hash is empty.
 */
export function toQuestion(item: AuthorQuestion, section?: Section): ToQuestionResult {
  const resolved = resolveAnswerKeys(item.answer, item.options);
  if (!resolved.ok) return { ok: false, field: 'answer', message: resolved.message };
  const headingPath = section ? section.headingPath : headingPathOf(item.source);
  const candidate = {
    id: item.id ?? questionId({ stem: item.stem, options: item.options, answers: resolved.answers }),
    stem: item.stem,
    options: item.options,
    answers: resolved.answers,
    explanation: item.explanation,
    source: { file: item.source.file, headingPath, line: item.source.line ?? section?.startLine ?? 1 },
    topic: item.topic ?? headingPath[0] ?? '',
    kind: 'curated',
    sourceHash: section ? textHash(section.text) : '',
  };
  const parsed = QuestionSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, field: issue?.path.join('.') ?? '', message: issue?.message ?? 'invalid question' };
  }
  return { ok: true, question: parsed.data };
}
