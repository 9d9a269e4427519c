import type { KnowledgeBase, Section } from '../../knowledge/types.ts';
import type { BodyCache } from './mdast.ts';

export const GENERATOR_NAMES = ['glossary', 'siblings', 'term-list', 'table', 'number'] as const;
export type GeneratorName = (typeof GENERATOR_NAMES)[number];

/** A question before its options are drawn and shuffled (see `generateQuestions`). */
export interface Draft {
  kind: GeneratorName;
  section: Section;
  /**
   * What the question tests, independent of wording and direction: two drafts with one fact key ask the same thing,
   * so the pool keeps only the better of them.
   */
  fact: string;
  /** 1-based file line of the passage. */
  line: number;
  stem: string;
  answer: string;
  /** Wrong answers, most plausible first; up to three are drawn, with some seeded variety. */
  distractors: string[];
  /** The words from the notes that support the answer; the explanation quotes them. */
  passage: string;
  /** Other spellings of the answer that would give it away in the stem (acronym, expansion, short name). */
  answerForms?: string[];
  /** The stem names the answer's acronym or expansion on purpose (glossary questions ask exactly that). */
  acronymInStem?: boolean;
  /** How much less this draft is trusted than its generator's usual output (0–1), for reasons only the generator sees. */
  penalty?: number;
}

export interface GeneratorContext {
  kb: KnowledgeBase;
  bodies: BodyCache;
  /** Whether a passage of a file repeats a statement known to be wrong: it is neither asked nor offered as an option. */
  isWrong?: (file: string, passage: string) => boolean;
}

export interface Generator {
  name: GeneratorName;
  generate(ctx: GeneratorContext): Draft[];
}
