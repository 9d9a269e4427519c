import type { Logger } from '../logger.ts';
import { chooseQuestion } from '../quiz/daily/select.ts';
import type { DailyDeps } from '../schedule/deps.ts';
import { addDays, localDateOf } from '../schedule/localTime.ts';
import { postClaimedQuiz, type PostOutcome } from '../schedule/postQuiz.ts';
import type { DailyQuizScheduler } from '../schedule/scheduler.ts';
import { quizWindow } from '../schedule/window.ts';
import type { DailyRuntime } from '../services.ts';
import { AnswerCounter } from './answerCounter.ts';
import type { DiscordQuizPublisher } from './quizPublisher.ts';

/**
 * `/daily now`: today's quiz at once. When today already has a quiz it is only (re)posted if it never made it out;
 * otherwise a question is chosen and claimed like the scheduled post, with the window starting now. The claim's
 * unique (guild, date) and the post lease keep this safe against the cron job firing at the same moment.
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

  const usedIds = await deps.store.usedQuestionIds(guildId);
  const lastId = usedIds.at(-1);
  const lastTopic =
    (lastId === undefined ? undefined : deps.questions().find((q) => q.id === lastId)?.topic) ??
    (await deps.store.getQuizByDate(guildId, addDays(localDate, -1)))?.topic ??
    null;
  const choice = chooseQuestion({
    pool: deps.questions(),
    usedIds,
    lastTopic,
    topicFilter: config.topicFilter,
    rng: deps.rngFor(guildId, localDate),
  });
  if (!choice.ok) return { status: 'no-question', reason: choice.message };
  const { created, quiz } = await deps.store.claimDailyQuiz({
    guildId,
    localDate,
    questionId: choice.question.id,
    topic: choice.question.topic,
    channelId: config.channelId,
    opensAt,
    closesAt: window.closesAt,
  });
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
