import { computeAwards } from '../quiz/daily/scoring.ts';
import { summarizeResults } from '../quiz/daily/results.ts';
import type { DailyQuiz, LedgerEntry } from '../store/types.ts';
import type { DailyDeps } from './deps.ts';
import { acquireJobLease } from './leases.ts';
import { withRetry } from './publisher.ts';

export type RevealOutcome =
  | { status: 'not-due' }
  /** Another process holds the reveal lease. */
  | { status: 'busy' }
  | { status: 'already-revealed'; quiz: DailyQuiz }
  /** The announcement failed in a way that may pass; the quiz stays open for the next sweep. */
  | { status: 'retry-later'; reason: string }
  | { status: 'revealed'; quiz: DailyQuiz; awarded: LedgerEntry[]; announced: boolean };

/**
 * Reveals a posted quiz whose window has closed: announce (edit the quiz message with the answer and results), then
 * record the reveal and its awards in one store transaction that only one caller can win. Announcing first means a
 * crash in between leads to announcing again (the publisher edits, so that is harmless) rather than to a reveal
 * nobody saw; awards are written once whatever happens. If the announcement keeps failing, points are awarded
 * without it after `revealGiveUpMs`, so scores never wait on Discord for long.
 */
export async function revealDueQuiz(deps: DailyDeps, due: DailyQuiz): Promise<RevealOutcome> {
  if (due.state !== 'posted' || deps.now().getTime() < due.closesAt.getTime()) return { status: 'not-due' };
  const lease = await acquireJobLease(deps, due.id, 'reveal');
  if (!lease) return { status: 'busy' };
  // On an exception the lease is kept until it expires, so a crash-like failure is not retried at once elsewhere.
  const result = await revealUnderLease(deps, due);
  await lease.release();
  return result;
}

async function revealUnderLease(deps: DailyDeps, due: DailyQuiz): Promise<RevealOutcome> {
  const log = deps.logger.child({ guildId: due.guildId, quizId: due.id, localDate: due.localDate });
  const quiz = await deps.store.getQuiz(due.id);
  if (!quiz) return { status: 'not-due' };
  if (quiz.state === 'revealed') return { status: 'already-revealed', quiz };
  if (quiz.state !== 'posted') return { status: 'not-due' };

  const question = deps.questions().find((q) => q.id === quiz.questionId);
  const answers = await deps.store.listAnswers(quiz.id);
  // Streaks up to the previous revealed quiz (this one is not revealed yet, so it does not count): they do not
  // depend on this quiz's answers, so they can be read before the transaction that computes the final awards.
  const runs = await deps.store.streaksOf(quiz.guildId, answers.map((a) => a.userId));
  const streaks = new Map([...runs].map(([userId, s]) => [userId, s.current]));

  let announced = false;
  if (question) {
    const results = summarizeResults(question, answers, computeAwards(quiz, question, answers, streaks));
    const outcome = await withRetry(() => deps.publisher.reveal(quiz, question, results), deps.retry, deps.sleep, (error, delayMs, tries) =>
      log.warn({ reason: error.reason, delayMs, tries }, 'announcing the reveal failed; retrying'),
    );
    announced = outcome.ok;
    if (!outcome.ok) {
      const overdue = deps.now().getTime() - quiz.closesAt.getTime() >= deps.revealGiveUpMs;
      if (outcome.error.kind === 'retryable' && !overdue) {
        log.warn({ reason: outcome.error.reason }, 'reveal announcement failed; will try again');
        return { status: 'retry-later', reason: outcome.error.reason };
      }
      log.error({ reason: outcome.error.reason }, 'reveal could not be announced; awarding points without it');
    }
  } else {
    log.error({ questionId: quiz.questionId }, 'question no longer in the bank; awarding from stored grades without an announcement');
  }

  const revealed = await deps.store.revealQuiz(quiz.id, (finalAnswers, closed) => computeAwards(closed, question, finalAnswers, streaks));
  if (revealed.status === 'revealed') {
    log.info({ awarded: revealed.awarded.length, answers: answers.length, announced }, 'daily quiz revealed');
    return { status: 'revealed', quiz: revealed.quiz, awarded: revealed.awarded, announced };
  }
  if (revealed.status === 'already-revealed') return { status: 'already-revealed', quiz: revealed.quiz };
  return { status: 'not-due' };
}
