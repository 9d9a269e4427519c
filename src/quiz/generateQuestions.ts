import type { KnowledgeBase, Section } from '../knowledge/types.ts';
import { createGate, LIMITS, type RejectReason } from './gate.ts';
import { glossaryGenerator } from './generators/glossary.ts';
import { BodyCache } from './generators/mdast.ts';
import { numberGenerator } from './generators/number.ts';
import { seededRandom } from './generators/random.ts';
import { siblingsGenerator } from './generators/siblings.ts';
import { tableGenerator } from './generators/table.ts';
import { termListGenerator } from './generators/termList.ts';
import { collapse, normalize } from './generators/text.ts';
import type { Draft, Generator } from './generators/types.ts';
import { type Question, questionId, textHash } from './schema.ts';

/** Every generator, in the order their questions are listed. */
export const GENERATORS: readonly Generator[] = [glossaryGenerator, siblingsGenerator, termListGenerator, tableGenerator, numberGenerator];

export interface GenerateOptions {
  /** Changes which distractors are drawn and the order of options; the same seed gives the same questions. */
  seed?: string;
  /** Only these generators (by name); all when omitted. */
  generators?: readonly string[];
}

export interface GeneratedQuestions {
  questions: Question[];
  /** Rejected drafts per gate reason. */
  rejections: Record<string, number>;
  /** Accepted questions per generator. */
  byGenerator: Record<string, number>;
  /** Accepted questions per notes file. */
  byFile: Record<string, number>;
}

const OPTIONS = 4;
/** Distractors are drawn from this many of the most plausible candidates, so seeds vary the choice. */
const POOL = 6;

/** Section text hashes, once per section object rather than once per question. */
const hashes = new WeakMap<Section, string>();
function sectionHash(section: Section): string {
  let hash = hashes.get(section);
  if (hash === undefined) {
    hash = textHash(section.text);
    hashes.set(section, hash);
  }
  return hash;
}

/** One trailing full stop is noise on an option ("Upload logs to CloudWatch." beside "Read from SQS"). */
function tidyOption(option: string): string {
  return collapse(option).replace(/(?<!\betc|\b[A-Z])\.$/, '');
}

/** Draws distractors and shuffles the options with a random stream keyed by the draft, then builds the question. */
export function assemble(draft: Draft, seed: string): Question {
  const rng = seededRandom(seed, `${draft.section.id}\u0000${draft.kind}\u0000${draft.stem}\u0000${draft.answer}`);
  const answer = tidyOption(draft.answer);
  const taken = new Set([normalize(answer)]);
  const pool: string[] = [];
  for (const d of draft.distractors) {
    const option = tidyOption(d);
    const key = normalize(option);
    if (key.length === 0 || taken.has(key) || option.length > LIMITS.maxOptionLength) continue;
    taken.add(key);
    pool.push(option);
    if (pool.length === POOL) break;
  }
  const wrong = rng.sample(pool, OPTIONS - 1);
  const options = rng.shuffle([answer, ...wrong]);
  const answers = [options.indexOf(answer)];
  const stem = collapse(draft.stem);
  const where = draft.section.headingPath.join(' › ');
  return {
    id: questionId({ stem, options, answers }),
    stem,
    options,
    answers,
    explanation: `From the notes (${where}): "${draft.passage}"`,
    source: { file: draft.section.file, headingPath: draft.section.headingPath, line: draft.line },
    topic: draft.section.headingPath[0] ?? draft.section.title,
    kind: draft.kind,
    sourceHash: sectionHash(draft.section),
  };
}

/**
 * Questions made from the notes by every generator, each passed through the quality gate.
 * Deterministic for a given notes set and seed: generators walk sections in document order, and every random
 * choice comes from a stream keyed by the seed and the draft itself.
 */
export function generateQuestions(kb: KnowledgeBase, options: GenerateOptions = {}): GeneratedQuestions {
  const seed = options.seed ?? 'studybot';
  const ctx = { kb, bodies: new BodyCache() };
  const gate = createGate();
  const questions: Question[] = [];
  const rejections: Record<string, number> = {};
  const byGenerator: Record<string, number> = {};
  const byFile: Record<string, number> = {};
  for (const generator of GENERATORS) {
    if (options.generators && !options.generators.includes(generator.name)) continue;
    byGenerator[generator.name] = 0;
    for (const draft of generator.generate(ctx)) {
      const question = assemble(draft, seed);
      const verdict: RejectReason | undefined = gate.admit({
        question,
        section: draft.section,
        passage: draft.passage,
        answerForms: draft.answerForms,
        acronymInStem: draft.acronymInStem,
      });
      if (verdict) {
        rejections[verdict] = (rejections[verdict] ?? 0) + 1;
        continue;
      }
      questions.push(question);
      byGenerator[generator.name] = (byGenerator[generator.name] ?? 0) + 1;
      byFile[draft.section.file] = (byFile[draft.section.file] ?? 0) + 1;
    }
  }
  return { questions, rejections, byGenerator, byFile };
}
