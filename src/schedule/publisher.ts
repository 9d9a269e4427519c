import type { RevealResults } from '../quiz/daily/results.ts';
import type { Question } from '../quiz/schema.ts';
import type { DailyQuiz } from '../store/types.ts';

/**
 * How the scheduler shows quizzes to people; the Discord layer implements it. Throw `PublishError` so the
 * scheduler knows whether trying again can help. Any other thrown error is treated as retryable.
 */
export interface QuizPublisher {
  /** Posts the quiz message in `quiz.channelId`; returns its id. */
  post(quiz: DailyQuiz, question: Question): Promise<{ messageId: string }>;
  /**
   * Shows the answer, explanation and results (e.g. edits `quiz.messageId`). May be called again for the same quiz
   * after a crash between announcing and recording the reveal, so it should be idempotent (edit, don't re-send).
   */
  reveal(quiz: DailyQuiz, question: Question, results: RevealResults): Promise<void>;
  /** Optional: refreshes the "N answered" counter on the quiz message. */
  updateCount?(quiz: DailyQuiz, answered: number): Promise<void>;
}

export type PublishErrorKind = 'retryable' | 'permanent';

export class PublishError extends Error {
  constructor(
    readonly kind: PublishErrorKind,
    /** Short, human-readable: kept as the quiz's fail reason. */
    readonly reason: string,
    /** From a 429's Retry-After, when known. */
    readonly retryAfterMs?: number,
  ) {
    super(`${kind}: ${reason}`);
    this.name = 'PublishError';
  }
}

/** 429, Discord 5xx, timeouts, network errors: later may work. */
export const retryableError = (reason: string, retryAfterMs?: number) => new PublishError('retryable', reason, retryAfterMs);
/** Channel deleted, missing access or permissions, unknown message: trying again cannot help. */
export const permanentError = (reason: string) => new PublishError('permanent', reason);

export function classifyPublishError(error: unknown): PublishError {
  if (error instanceof PublishError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return retryableError(`unexpected error: ${message}`.slice(0, 300));
}

export interface RetryPolicy {
  /** Tries in total (first try included). */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 1_000, maxDelayMs: 30_000 };

export type RetryOutcome<T> = { ok: true; value: T; tries: number } | { ok: false; error: PublishError; tries: number };

/**
 * Runs `fn` until it succeeds, fails permanently, or the tries run out. Waits between tries with exponential
 * backoff (base × 2^n, capped), or the server's Retry-After when it gave one (also capped).
 */
export async function withRetry<T>(
  fn: () => Promise<T>,
  policy: RetryPolicy,
  sleep: (ms: number) => Promise<void>,
  onRetry?: (error: PublishError, delayMs: number, tries: number) => void,
): Promise<RetryOutcome<T>> {
  for (let tries = 1; ; tries++) {
    try {
      return { ok: true, value: await fn(), tries };
    } catch (thrown) {
      const error = classifyPublishError(thrown);
      if (error.kind === 'permanent' || tries >= policy.attempts) return { ok: false, error, tries };
      const delay = Math.min(policy.maxDelayMs, error.retryAfterMs ?? policy.baseDelayMs * 2 ** (tries - 1));
      onRetry?.(error, delay, tries);
      await sleep(delay);
    }
  }
}

/**
 * A stable nonce for the quiz's message. Sent with `enforce_nonce: true`, Discord returns the message it already
 * created for the same nonce (within a few minutes) instead of posting a second one — which covers a crash between
 * Discord accepting the post and the message id being written.
 */
export function postNonce(quiz: Pick<DailyQuiz, 'id' | 'guildId'>): string {
  return `dq-${quiz.id}-${quiz.guildId.slice(-8)}`.slice(0, 25);
}
