import type { QuestionSet } from '../../store/types.ts';
import type { Question } from '../schema.ts';
import { pickIndex, type Rng } from './rng.ts';

export interface ChooseQuestionInput {
  /** Every question the bank offers now. */
  pool: readonly Question[];
  /** Ids already used in the guild's current cycle (`store.usedQuestionIds`), oldest first. */
  usedIds: readonly string[];
  /** Topic of the guild's previous quiz; avoided when another topic has questions left. */
  lastTopic?: string | null;
  /** The guild's topic filter (case-insensitive topic name); null for all topics. */
  topicFilter?: string | null;
  /** `curated`: only curated questions (when the pool has any); `all` (default): curated first, then generated. */
  questionSet?: QuestionSet;
  /** Never chosen: questions the guild retired, or held for review after reports. */
  excludedIds?: readonly string[];
  rng: Rng;
}

export type ChooseQuestionResult =
  | {
      ok: true;
      question: Question;
      /** Every question in the (filtered) pool was used: this pick starts a new cycle. */
      newCycle: boolean;
      /** The filter named no topic in the pool, so the whole pool was used instead. */
      filterIgnored: boolean;
      /** `questionSet: 'curated'` but no curated question was allowed, so generated ones were used instead. */
      curatedIgnored: boolean;
    }
  | { ok: false; reason: 'empty-pool'; message: string };

const norm = (s: string) => s.trim().toLowerCase();
const byId = (a: Question, b: Question) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
export const isCurated = (q: Pick<Question, 'kind'>) => q.kind === 'curated';
/** A generated question without a score ranks below every scored one. */
const qualityOf = (q: Question) => q.quality ?? -1;

/**
 * Picks the guild's next daily question:
 * 1. never an excluded question (retired, or held for review);
 * 2. only the filter's topic, when set and present in the pool; then only curated questions when the guild asked for
 *    that and the topic has any;
 * 3. no question twice until every one (of what is allowed) has been used — then a new cycle starts;
 * 4. curated questions first: while any curated question is unused in the cycle, one of them is asked; after them
 *    the generated ones, highest quality first;
 * 5. within that tier, not the previous quiz's topic while another topic still has candidates; among curated
 *    questions, a topic holding more than half of those left goes first (so the cycle can end without the same
 *    topic two days running);
 * 6. curated questions uniformly at random via `rng`; generated ones by descending quality, ties at random via `rng`
 *    (candidates sorted by id, so pool order does not matter).
 */
export function chooseQuestion(input: ChooseQuestionInput): ChooseQuestionResult {
  if (input.pool.length === 0) return { ok: false, reason: 'empty-pool', message: 'the question bank is empty' };

  const excluded = new Set(input.excludedIds ?? []);
  let pool = excluded.size > 0 ? input.pool.filter((q) => !excluded.has(q.id)) : input.pool;
  if (pool.length === 0) {
    return { ok: false, reason: 'empty-pool', message: 'every question in the bank is retired or held for review on this server' };
  }

  let filterIgnored = false;
  if (input.topicFilter) {
    const wanted = norm(input.topicFilter);
    const filtered = pool.filter((q) => norm(q.topic) === wanted);
    if (filtered.length > 0) pool = filtered;
    else filterIgnored = true;
  }
  let curatedIgnored = false;
  if (input.questionSet === 'curated') {
    const curated = pool.filter(isCurated);
    if (curated.length > 0) pool = curated;
    else curatedIgnored = true;
  }

  const used = new Set(input.usedIds);
  let candidates = pool.filter((q) => !used.has(q.id));
  const newCycle = candidates.length === 0;
  if (newCycle) {
    // Start over, but not with the question just asked when there is any other.
    const last = input.usedIds.at(-1);
    candidates = pool.length > 1 ? pool.filter((q) => q.id !== last) : [...pool];
  }

  const curated = candidates.filter(isCurated);
  const tier = curated.length > 0 ? curated : candidates;
  const question = curated.length > 0 ? pickCurated(tier, input) : pickGenerated(tier, input);
  if (!question) return { ok: false, reason: 'empty-pool', message: 'no question left to choose' };
  return { ok: true, question, newCycle, filterIgnored, curatedIgnored };
}

/** Drops the previous quiz's topic when another topic has candidates. */
function avoidLastTopic(candidates: readonly Question[], lastTopic: string | null | undefined): readonly Question[] {
  if (!lastTopic) return candidates;
  const last = norm(lastTopic);
  const others = candidates.filter((q) => norm(q.topic) !== last);
  return others.length > 0 ? others : candidates;
}

function pickCurated(tier: readonly Question[], input: ChooseQuestionInput): Question | undefined {
  const remaining = tier.length;
  let candidates = avoidLastTopic(tier, input.lastTopic);
  // A topic holding more than half of what is left must go now, or it would have to repeat on consecutive days later.
  const byTopic = new Map<string, Question[]>();
  for (const q of candidates) byTopic.set(norm(q.topic), [...(byTopic.get(norm(q.topic)) ?? []), q]);
  const majority = [...byTopic.values()].find((qs) => qs.length * 2 > remaining);
  if (majority) candidates = majority;
  const sorted = [...candidates].sort(byId);
  return sorted[pickIndex(input.rng, sorted.length)];
}

function pickGenerated(tier: readonly Question[], input: ChooseQuestionInput): Question | undefined {
  const candidates = avoidLastTopic(tier, input.lastTopic);
  const best = Math.max(...candidates.map(qualityOf));
  const top = candidates.filter((q) => qualityOf(q) === best).sort(byId);
  return top[pickIndex(input.rng, top.length)];
}
