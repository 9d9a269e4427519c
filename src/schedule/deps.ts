import type { Logger } from '../logger.ts';
import type { Rng } from '../quiz/daily/rng.ts';
import type { Question } from '../quiz/schema.ts';
import type { Store } from '../store/types.ts';
import type { QuizPublisher, RetryPolicy } from './publisher.ts';

/** Everything the posting and reveal steps use; time, randomness, Discord and the database are all injected. */
export interface DailyDeps {
  /** The one store (and database connection) of this process; it also keeps the leases. */
  store: Store;
  publisher: QuizPublisher;
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
  /** Written into the leases this scheduler takes, so people can tell who holds one. */
  leaseHolder: string;
  /** How long a process owns a post or reveal step; longer than a step's retries can take. */
  leaseTtlMs: number;
  /** After closing, how long a failing reveal announcement is retried before points are awarded without it. */
  revealGiveUpMs: number;
}
