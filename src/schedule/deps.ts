import type { Logger } from '../logger.ts';
import type { Rng } from '../quiz/daily/rng.ts';
import type { Question } from '../quiz/schema.ts';
import type { Store } from '../store/types.ts';
import type { JobLeases } from './leases.ts';
import type { QuizPublisher, RetryPolicy } from './publisher.ts';

/** Everything the posting and reveal steps use; time, randomness, Discord and the database are all injected. */
export interface DailyDeps {
  store: Store;
  publisher: QuizPublisher;
  leases: JobLeases;
  /** The current question pool (the bank may be reloaded while the bot runs). */
  questions: () => readonly Question[];
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  logger: Logger;
  /** The RNG for one guild's quiz on one date; seeded from both by default, so racing processes agree. */
  rngFor: (guildId: string, localDate: string) => Rng;
  retry: RetryPolicy;
  /** Posting attempts (each with its own retries) before a quiz stays failed. */
  maxPostAttempts: number;
  /** How long a process owns a post or reveal step; longer than a step's retries can take. */
  leaseTtlMs: number;
  /** After closing, how long a failing reveal announcement is retried before points are awarded without it. */
  revealGiveUpMs: number;
  /** A user's run of correct daily quizzes up to the guild's last revealed one. */
  streakOf: (guildId: string, userId: string) => Promise<number>;
}

/** Fail reasons start with the error kind; a permanent one is never retried. */
export const PERMANENT_PREFIX = 'permanent: ';
export const RETRYABLE_PREFIX = 'retryable: ';
