import type { Logger } from '../logger.ts';
import type { DailyDeps } from '../schedule/deps.ts';
import { localDateOf } from '../schedule/localTime.ts';
import { chooseAndClaim, postClaimedQuiz, type PostOutcome } from '../schedule/postQuiz.ts';
import type { DailyQuizScheduler } from '../schedule/scheduler.ts';
import { quizWindow } from '../schedule/window.ts';
import type { DailyRuntime } from '../services.ts';
import { AnswerCounter } from './answerCounter.ts';
import type { DiscordQuizPublisher } from './quizPublisher.ts';

/**
 * `/daily now`: today's quiz at once. When today already has a quiz it is only (re)posted if it never made it out;
 * otherwise a question is chosen and claimed by the scheduled post's own path (`chooseAndClaim`), with the window
 * starting now. The claim's unique (guild, date) and the post lease keep this safe against the cron job firing at
 * the same moment.
 */
export async function postQuizNow(deps: DailyDeps, guildId: string): Promise<PostOutcome | { status: 'not-configured' }> {
  const config = await deps.store.getGuildConfig(guildId);
  if (!config) return { status: 'not-configured' };
  const now = deps.now();
  const localDate = localDateOf(now, config.timeZone);
  const existing = await deps.store.getQuizByDate(guildId, localDate);
  if (existing) return postClaimedQuiz(deps, existing);

  const window = quizWindow(config, localDate, now);
  if (!window.ok) return { status: 'too-late', reason: window.reason };
  const opensAt = window.opensAt.getTime() > now.getTime() ? now : window.opensAt;

  const claim = await chooseAndClaim(deps, config, localDate, { opensAt, closesAt: window.closesAt });
  if (claim.status === 'no-question') return claim;
  const { created, quiz } = claim;
  deps.logger.info({ guildId, quizId: quiz.id, localDate, created }, '/daily now claimed today\'s quiz');
  return postClaimedQuiz(deps, quiz);
}

export interface BoundDailyRuntime extends DailyRuntime {
  counter: AnswerCounter;
  stop(): Promise<void>;
}

/** The running scheduler as the commands see it, plus the throttled "N answered" counter. */
export function createDailyRuntime(options: {
  scheduler: DailyQuizScheduler;
  publisher: DiscordQuizPublisher;
  logger: Logger;
  countIntervalMs?: number;
}): BoundDailyRuntime {
  const { scheduler, publisher, logger } = options;
  const counter = new AnswerCounter({
    intervalMs: options.countIntervalMs ?? 5_000,
    count: (quizId) => scheduler.deps.store.answerCount(quizId),
    publish: (quiz, n) => publisher.updateCount(quiz, n),
    logger,
  });
  return {
    counter,
    reschedule: (guildId) => scheduler.reschedule(guildId),
    postNow: (guildId) => postQuizNow(scheduler.deps, guildId),
    answered: (quiz) => counter.bump(quiz),
    stop: () => counter.stop(),
  };
}
