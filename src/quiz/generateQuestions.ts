import type { KnowledgeBase, Section } from '../knowledge/types.ts';
import { type Erratum, erratumIn } from './errata.ts';
import { createGate, LIMITS, qualityOf, type RejectReason } from './gate.ts';
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
  /** Statements of the notes known to be wrong: no question quotes them. */
  errata?: readonly Erratum[];
}

export interface RejectedQuestion {
  question: Question;
  reason: RejectReason;
}

export interface GeneratedQuestions {
  /** Every question that passed the gate, each with its quality score and fact key. */
  questions: Question[];
  /** What the gate turned away, with the reason (`studybot questions --all`). */
  rejected: RejectedQuestion[];
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
  // The most alike distractors first: a random three of the closest few, so seeds vary without weakening them.
  const wrong = rng.sample(pool, OPTIONS - 1);
  const options = rng.shuffle([answer, ...wrong]);
  const answers = [options.indexOf(answer)];
  // "high- throughput": a line break inside a hyphenated word in the notes.
  const stem = collapse(draft.stem).replace(/(\w)- (?=[a-z])/g, '$1-');
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
    fact: draft.fact,
  };
}

/** How many distinct usable distractors a draft offered (the gate's quality score rewards having had a choice). */
function distractorChoices(draft: Draft): number {
  return new Set(draft.distractors.map((d) => normalize(tidyOption(d))).filter((k) => k.length > 0 && k !== normalize(draft.answer))).size;
}

/**
 * Questions made from the notes by every generator, each passed through the quality gate.
 * Deterministic for a given notes set and seed: generators walk sections in document order, and every random
 * choice comes from a stream keyed by the seed and the draft itself.
 */
export function generateQuestions(kb: KnowledgeBase, options: GenerateOptions = {}): GeneratedQuestions {
  const seed = options.seed ?? 'studybot';
  const errata = options.errata ?? [];
  const ctx = { kb, bodies: new BodyCache(), isWrong: (file: string, passage: string) => erratumIn(errata, file, passage) !== undefined };
  const gate = createGate();
  const questions: Question[] = [];
  const rejected: RejectedQuestion[] = [];
  const rejections: Record<string, number> = {};
  const byGenerator: Record<string, number> = {};
  const byFile: Record<string, number> = {};
  for (const generator of GENERATORS) {
    if (options.generators && !options.generators.includes(generator.name)) continue;
    byGenerator[generator.name] = 0;
    for (const draft of generator.generate(ctx)) {
      const assembled = assemble(draft, seed);
      const question = { ...assembled, quality: qualityOf(assembled, distractorChoices(draft), draft.penalty) };
      const wrongFact = options.errata && erratumIn(options.errata, draft.section.file, `${draft.passage}\n${question.stem}\n${draft.answer}`);
      const verdict: RejectReason | undefined = wrongFact
        ? 'erratum'
        : gate.admit({
            question,
            section: draft.section,
            passage: draft.passage,
            answerForms: draft.answerForms,
            acronymInStem: draft.acronymInStem,
          });
      if (verdict) {
        rejections[verdict] = (rejections[verdict] ?? 0) + 1;
        rejected.push({ question, reason: verdict });
        continue;
      }
      questions.push(question);
      byGenerator[generator.name] = (byGenerator[generator.name] ?? 0) + 1;
      byFile[draft.section.file] = (byFile[draft.section.file] ?? 0) + 1;
    }
  }
  return { questions, rejected, rejections, byGenerator, byFile };
}
