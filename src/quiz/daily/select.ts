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
    }
  | { ok: false; reason: 'empty-pool'; message: string };

const norm = (s: string) => s.trim().toLowerCase();

/**
 * Picks the guild's next daily question:
 * 1. only the filter's topic, when set and present in the pool;
 * 2. no question twice until every one (of the filtered pool) has been used — then a new cycle starts;
 * 3. not the previous quiz's topic while another topic still has unused questions, and a topic holding more than
 *    half of the unused questions first (so the cycle can end without the same topic two days running);
 * 4. otherwise uniformly at random via `rng`, over the candidates sorted by id (so pool order does not matter).
 */
export function chooseQuestion(input: ChooseQuestionInput): ChooseQuestionResult {
  if (input.pool.length === 0) return { ok: false, reason: 'empty-pool', message: 'the question bank is empty' };

  let pool = input.pool;
  let filterIgnored = false;
  if (input.topicFilter) {
    const wanted = norm(input.topicFilter);
    const filtered = pool.filter((q) => norm(q.topic) === wanted);
    if (filtered.length > 0) pool = filtered;
    else filterIgnored = true;
  }

  const used = new Set(input.usedIds);
  let candidates = pool.filter((q) => !used.has(q.id));
  const newCycle = candidates.length === 0;
  if (newCycle) {
    // Start over, but not with the question just asked when there is any other.
    const last = input.usedIds.at(-1);
    candidates = pool.length > 1 ? pool.filter((q) => q.id !== last) : [...pool];
  }

  const remaining = candidates.length;
  if (input.lastTopic) {
    const lastTopic = norm(input.lastTopic);
    const otherTopics = candidates.filter((q) => norm(q.topic) !== lastTopic);
    if (otherTopics.length > 0) candidates = otherTopics;
  }
  // A topic holding more than half of what is left must go now, or it would have to repeat on consecutive days later.
  const byTopic = new Map<string, Question[]>();
  for (const q of candidates) byTopic.set(norm(q.topic), [...(byTopic.get(norm(q.topic)) ?? []), q]);
  const majority = [...byTopic.values()].find((qs) => qs.length * 2 > remaining);
  if (majority) candidates = majority;

  const sorted = [...candidates].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const question = sorted[pickIndex(input.rng, sorted.length)];
  if (!question) return { ok: false, reason: 'empty-pool', message: 'no question left to choose' };
  return { ok: true, question, newCycle, filterIgnored };
}
