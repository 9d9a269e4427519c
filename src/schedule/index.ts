export type { DailyDeps } from './deps.ts';
export { acquireJobLease, defaultLeaseHolder, leaseKey, type Lease, type LeaseJob } from './leases.ts';
export { addDays, dailyCronExpression, isValidTimeZone, localDateOf, zonedInstant } from './localTime.ts';
export { formatOpenFor, OPEN_FOR_MAX_MINUTES, OPEN_FOR_MIN_MINUTES, parseOpenFor, type OpenForResult } from './openFor.ts';
export { startDailyQuizScheduler, type RunningScheduler, type StartSchedulerOptions } from './open.ts';
export { PERIOD_KINDS, periodRange, type PeriodKind } from './periods.ts';
export { asSentence, chooseAndClaim, isPermanentlyFailed, postClaimedQuiz, postDueQuiz, type ClaimOutcome, type PostOutcome } from './postQuiz.ts';
export {
  classifyPublishError,
  DEFAULT_RETRY,
  permanentError,
  postNonce,
  PublishError,
  retryableError,
  withRetry,
  type PublishErrorKind,
  type QuizPublisher,
  type RetryPolicy,
} from './publisher.ts';
export { revealDueQuiz, type RevealOutcome } from './revealQuiz.ts';
export { DailyQuizScheduler, nodeCron, SWEEP_EXPRESSION, type CronLike, type CronTask, type SchedulerOptions, type SweepReport } from './scheduler.ts';
export { dueLocalDate, nextPostInstant, postInstant, quizWindow, type PostSchedule, type QuizWindow } from './window.ts';
