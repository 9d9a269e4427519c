import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Section } from '../knowledge/types.ts';

export const QueryCaseSchema = z.object({
  id: z.string().min(1),
  query: z.string().min(1),
  kind: z.enum(['keyword', 'question', 'acronym', 'spelled-out', 'typo', 'compound', 'comparison', 'number', 'not-covered']),
  expect: z.enum(['results', 'not-covered']),
  /** A right result's heading path contains any of these (case-insensitive). */
  heading: z.array(z.string().min(1)).optional(),
  /** A right result's text contains any of these (case-insensitive). */
  text: z.array(z.string().min(1)).optional(),
});
export type QueryCase = z.infer<typeof QueryCaseSchema>;

export const QuerySetSchema = z.object({
  description: z.string().optional(),
  queries: z.array(QueryCaseSchema).min(1),
});

export function loadQuerySet(file: string): QueryCase[] {
  return QuerySetSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).queries;
}

/** Whether a section satisfies every criterion the case gives (each criterion is any-of). */
export function isRightAnswer(section: Section, c: QueryCase): boolean {
  const path = section.headingPath.join(' > ').toLowerCase();
  const text = section.text.toLowerCase();
  const headingOk = !c.heading || c.heading.some((h) => path.includes(h.toLowerCase()));
  const textOk = !c.text || c.text.some((t) => text.includes(t.toLowerCase()));
  return headingOk && textOk;
}

/** What a ranker answered: ranked sections, or "not covered". */
export type RankerAnswer = { notCovered: true } | { notCovered: false; sections: readonly Section[] };

export interface QueryOutcome {
  case: QueryCase;
  /** 1-based rank of the first right answer (1 for a correct "not covered"); null when missed. */
  rank: number | null;
  answer: RankerAnswer;
}

export interface QuerySetScore {
  total: number;
  hit1: number;
  hit3: number;
  hit5: number;
  mrr: number;
  outcomes: QueryOutcome[];
}

/** Runs every case through `rank` and scores hit@1, hit@3, hit@5 and mean reciprocal rank. */
export function scoreQuerySet(cases: readonly QueryCase[], rank: (query: string) => RankerAnswer): QuerySetScore {
  const outcomes: QueryOutcome[] = cases.map((c) => {
    const answer = rank(c.query);
    let position: number | null = null;
    if (c.expect === 'not-covered') {
      position = answer.notCovered ? 1 : null;
    } else if (!answer.notCovered) {
      const i = answer.sections.findIndex((s) => isRightAnswer(s, c));
      position = i >= 0 ? i + 1 : null;
    }
    return { case: c, rank: position, answer };
  });
  const share = (k: number) => outcomes.filter((o) => o.rank !== null && o.rank <= k).length / outcomes.length;
  const mrr = outcomes.reduce((sum, o) => sum + (o.rank ? 1 / o.rank : 0), 0) / outcomes.length;
  return { total: outcomes.length, hit1: share(1), hit3: share(3), hit5: share(5), mrr, outcomes };
}
