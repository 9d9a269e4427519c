import { optionLetter, type Question } from '../quiz/schema.ts';
import { seededRandom } from '../quiz/generators/random.ts';

export interface QuestionFilter {
  kind?: string;
  file?: string;
  sample?: number;
  seed: string;
}

/** A question as `studybot questions` lists it: in the pool, or left out (`--all`) with the check that left it out. */
export interface ListedQuestion {
  question: Question;
  leftOut?: { reason: string; by?: string };
}

/** Filters by kind and notes file, then draws a seeded sample (same seed, same sample). */
export function selectQuestions(questions: readonly ListedQuestion[], filter: QuestionFilter): ListedQuestion[] {
  const chosen = questions.filter(
    ({ question: q }) =>
      (!filter.kind || q.kind === filter.kind) && (!filter.file || q.source.file === filter.file || q.source.file.endsWith(`/${filter.file}`)),
  );
  if (filter.sample === undefined) return chosen;
  return seededRandom(filter.seed, 'cli-sample').sample(chosen, filter.sample);
}

/** A question as a reader would check it: stem, lettered options with the answer marked, explanation, source. */
export function questionToText({ question: q, leftOut }: ListedQuestion, n?: number): string {
  const lines = [`${n !== undefined ? `${n}. ` : ''}[${q.kind}] ${q.stem}`];
  q.options.forEach((o, i) => lines.push(`   ${q.answers.includes(i) ? '✔' : ' '} ${optionLetter(i)}) ${o}`));
  lines.push(`   Answer: ${q.answers.map(optionLetter).join(', ')}${q.answers.length > 1 ? ` (choose ${q.answers.length})` : ''}`);
  lines.push(`   Why: ${q.explanation}`);
  lines.push(`   Source: ${q.source.file}:${q.source.line} — ${q.source.headingPath.join(' › ')}`);
  lines.push(`   id ${q.id} · topic ${q.topic}${q.quality !== undefined ? ` · quality ${q.quality}` : ''}`);
  if (leftOut) lines.push(`   Left out: ${leftOut.reason}${leftOut.by ? ` (by ${leftOut.by})` : ''}`);
  return lines.join('\n');
}
