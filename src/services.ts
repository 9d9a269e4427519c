import path from 'node:path';
import { loadKnowledge } from './knowledge/index.ts';
import type { KnowledgeBase } from './knowledge/types.ts';
import type { Logger } from './logger.ts';
import type { QuestionBank } from './quiz/bank.ts';
import type { PostOutcome } from './schedule/postQuiz.ts';
import { buildSearchEngine } from './search/index.ts';
import type { SearchEngine } from './search/types.ts';
import type { DailyQuiz, Store } from './store/types.ts';

/**
 * What the daily quiz commands ask of the running scheduler. Bound after the bot and the scheduler have started
 * (the scheduler's publisher needs the logged-in client), so commands see it through `DailyHandle`.
 */
export interface DailyRuntime {
  /** Re-reads the guild's configuration and replaces its cron job; the next post time, or null when paused. */
  reschedule(guildId: string): Promise<Date | null>;
  /** Posts today's quiz at once when the guild has none today (`/daily now`). */
  postNow(guildId: string): Promise<PostOutcome | { status: 'not-configured' }>;
  /** An answer was recorded: refresh the quiz's "N answered" counter (coalesced). */
  answered(quiz: DailyQuiz): void;
}

/** A late-bound `DailyRuntime`: commands hold this from the start; `attach` plugs in the running scheduler. */
export interface DailyHandle extends DailyRuntime {
  readonly running: boolean;
  attach(runtime: DailyRuntime | undefined): void;
}

export class DailyNotRunningError extends Error {
  constructor() {
    super('the daily quiz scheduler is not running');
    this.name = 'DailyNotRunningError';
  }
}

export function createDailyHandle(): DailyHandle {
  let runtime: DailyRuntime | undefined;
  const need = (): DailyRuntime => {
    if (!runtime) throw new DailyNotRunningError();
    return runtime;
  };
  return {
    get running() {
      return runtime !== undefined;
    },
    attach(next) {
      runtime = next;
    },
    reschedule: (guildId) => need().reschedule(guildId),
    postNow: (guildId) => need().postNow(guildId),
    answered: (quiz) => runtime?.answered(quiz),
  };
}

/** The daily quiz's share of the core: the database, the question bank, and the scheduler handle. */
export interface QuizServices {
  store: Store;
  bank: QuestionBank;
  daily: DailyHandle;
}

/** The core, as the Discord layer and the CLI see it. Lookups need only the first two. */
export interface Services {
  knowledge: KnowledgeBase;
  search: SearchEngine;
  /** Present when the bot runs with a database (`studybot start`); lookups-only tools leave it out. */
  quiz?: QuizServices;
}

/** Loads the notes and builds the index: everything lookups need, no Discord, no database. */
export async function loadKnowledgeServices(knowledgeDir: string, logger: Logger): Promise<Services> {
  const knowledge = await loadKnowledge(path.resolve(knowledgeDir), { logger });
  for (const w of knowledge.warnings) {
    logger[w.severity === 'error' ? 'error' : 'warn']({ file: w.file, line: w.line, code: w.code }, w.message);
  }
  return { knowledge, search: buildSearchEngine(knowledge) };
}
