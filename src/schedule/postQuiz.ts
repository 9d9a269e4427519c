import { chooseQuestion } from '../quiz/daily/select.ts';
import type { Store } from '../store/types.ts';
import type { DailyQuiz, GuildConfig } from '../store/types.ts';
import type { DailyDeps } from './deps.ts';
import { acquireJobLease } from './leases.ts';
import { addDays } from './localTime.ts';
import { withRetry } from './publisher.ts';
import { dueLocalDate, postInstant, quizWindow } from './window.ts';

export type PostOutcome =
  /** Paused, before today's post time, or set up after it (the first quiz comes tomorrow). */
  | { status: 'not-due' }
  | { status: 'too-late'; reason: string }
  | { status: 'no-question'; reason: string }
  /** Another process inserted today's quiz first; it posts, not us. */
  | { status: 'claimed-elsewhere'; quiz: DailyQuiz }
  /** Another process holds the posting lease right now. */
  | { status: 'busy'; quiz: DailyQuiz }
  | { status: 'already-posted'; quiz: DailyQuiz }
  /** Failed for good earlier (permanent reason or attempts used up). */
  | { status: 'gave-up'; quiz: DailyQuiz }
  | { status: 'posted'; quiz: DailyQuiz }
  | { status: 'failed'; quiz: DailyQuiz; reason: string; permanent: boolean };

export function isPermanentlyFailed(quiz: DailyQuiz, maxPostAttempts: number): boolean {
  return quiz.state === 'failed' && (quiz.failPermanent || quiz.attempts >= maxPostAttempts);
}

/** Fail reasons are shown to people after "not posted after N attempts —": one capitalised sentence. */
export function asSentence(text: string): string {
  const t = text.trim();
  if (t === '') return 'Unknown failure.';
  const capitalised = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

/** The previous quiz's topic: from the last question used, else from yesterday's quiz row. */
async function lastTopicOf(deps: DailyDeps, guildId: string, usedIds: readonly string[], localDate: string): Promise<string | null> {
  const lastId = usedIds.at(-1);
  const fromPool = lastId === undefined ? undefined : deps.questions().find((q) => q.id === lastId)?.topic;
  if (fromPool) return fromPool;
  return (await deps.store.getQuizByDate(guildId, addDays(localDate, -1)))?.topic ?? null;
}

/**
 * The guild's daily step: when today's post time has passed and today has no quiz, choose a question, claim the
 * (guild, date) row — the unique key lets one process win — and post it. When today's row exists (another process,
 * or a crash before posting), it is handed to `postClaimedQuiz`, which posts it only under a lease.
 */
export async function postDueQuiz(deps: DailyDeps, config: GuildConfig): Promise<PostOutcome> {
  if (config.paused) return { status: 'not-due' };
  const now = deps.now();
  const localDate = dueLocalDate(config, now);
  if (localDate === undefined) return { status: 'not-due' };

  const existing = await deps.store.getQuizByDate(config.guildId, localDate);
  if (existing) return postClaimedQuiz(deps, existing);
  // Set up (or resumed) after today's post time: posting now would surprise; the first quiz comes tomorrow.
  if (config.updatedAt.getTime() > postInstant(config, localDate).getTime()) return { status: 'not-due' };

  const window = quizWindow(config, localDate, now);
  if (!window.ok) return { status: 'too-late', reason: window.reason };

  const claim = await chooseAndClaim(deps, config, localDate, window);
  if (claim.status === 'no-question') return claim;
  const { created, quiz } = claim;
  if (!created) return { status: 'claimed-elsewhere', quiz };
  deps.logger.info({ guildId: quiz.guildId, quizId: quiz.id, localDate, late: window.late }, 'daily quiz claimed');
  return postClaimedQuiz(deps, quiz);
}

export type ClaimOutcome =
  | { status: 'no-question'; reason: string }
  /** `created` is false when another process (or an earlier call) claimed the date first: `quiz` is theirs. */
  | { status: 'claimed'; created: boolean; quiz: DailyQuiz };

/** Members reporting a question (reports not dismissed) before it is held out of the daily quiz until an admin decides. */
export const HOLD_AFTER_REPORTS = 3;

/** Questions the guild's daily quiz must not ask: retired there, or held for review after reports. */
export async function excludedQuestionIds(
  store: Pick<Store, 'retiredQuestionIds' | 'heldQuestionIds'>,
  guildId: string,
): Promise<{ retired: string[]; held: string[] }> {
  const [retired, held] = await Promise.all([store.retiredQuestionIds(guildId), store.heldQuestionIds(guildId, HOLD_AFTER_REPORTS)]);
  return { retired, held };
}

/**
 * Chooses the guild's question for `localDate` (curated first, no repeat within a cycle, topics rotated, the guild's
 * filter and question set, never a question retired or held for review there) and claims the (guild, date) row with
 * the given answer window, or returns the row already there. The one path that chooses a daily question: the
 * scheduled post and `/daily now` both come here; post with `postClaimedQuiz`.
 */
export async function chooseAndClaim(
  deps: DailyDeps,
  config: Pick<GuildConfig, 'guildId' | 'channelId' | 'topicFilter' | 'questionSet'>,
  localDate: string,
  window: { opensAt: Date; closesAt: Date },
): Promise<ClaimOutcome> {
  const usedIds = await deps.store.usedQuestionIds(config.guildId);
  const { retired, held } = await excludedQuestionIds(deps.store, config.guildId);
  const choice = chooseQuestion({
    pool: deps.questions(),
    usedIds,
    lastTopic: await lastTopicOf(deps, config.guildId, usedIds, localDate),
    topicFilter: config.topicFilter,
    questionSet: config.questionSet,
    excludedIds: [...retired, ...held],
    rng: deps.rngFor(config.guildId, localDate),
  });
  if (!choice.ok) {
    deps.logger.error({ guildId: config.guildId, localDate, retired: retired.length, held: held.length }, `no daily quiz: ${choice.message}`);
    return { status: 'no-question', reason: choice.message };
  }
  if (choice.filterIgnored) {
    deps.logger.warn({ guildId: config.guildId, topicFilter: config.topicFilter }, 'topic filter matches no question; using every topic');
  }
  if (choice.curatedIgnored) {
    deps.logger.warn({ guildId: config.guildId, questionSet: config.questionSet }, 'no curated question to ask; using generated questions');
  }
  const { created, quiz } = await deps.store.claimDailyQuiz({
    guildId: config.guildId,
    localDate,
    questionId: choice.question.id,
    topic: choice.question.topic,
    channelId: config.channelId,
    opensAt: window.opensAt,
    closesAt: window.closesAt,
  });
  return { status: 'claimed', created, quiz };
}

/**
 * Posts a quiz row that exists but is not posted (just claimed, left pending by a crash, or failed with attempts
 * left). Only the holder of the quiz's post lease goes on, and it re-reads the row first, so a quiz is never posted
 * by two processes; the row records the outcome (message id, or the failure and its reason).
 */
export async function postClaimedQuiz(deps: DailyDeps, claimed: DailyQuiz): Promise<PostOutcome> {
  if (claimed.state === 'posted' || claimed.state === 'revealed') return { status: 'already-posted', quiz: claimed };
  if (isPermanentlyFailed(claimed, deps.maxPostAttempts)) return { status: 'gave-up', quiz: claimed };

  const lease = await acquireJobLease(deps, claimed.id, 'post');
  if (!lease) return { status: 'busy', quiz: claimed };
  const log = deps.logger.child({ guildId: claimed.guildId, quizId: claimed.id, localDate: claimed.localDate });
  // An exception (e.g. the database failing after Discord accepted the post) keeps the lease until it expires,
  // which holds off an immediate second post by another process.
  const result = await postUnderLease(deps, claimed, log);
  await lease.release();
  return result;
}

async function postUnderLease(deps: DailyDeps, claimed: DailyQuiz, log: DailyDeps['logger']): Promise<PostOutcome> {
  const quiz = await deps.store.getQuiz(claimed.id);
  if (!quiz) throw new Error(`quiz ${claimed.id} disappeared`);
  if (quiz.state === 'posted' || quiz.state === 'revealed') return { status: 'already-posted', quiz };
  if (isPermanentlyFailed(quiz, deps.maxPostAttempts)) return { status: 'gave-up', quiz };

  const fail = async (text: string, permanent: boolean): Promise<PostOutcome> => {
    const reason = asSentence(text);
    const marked = await deps.store.markFailed(quiz.id, reason, { permanent });
    log.error({ reason, permanent, attempts: marked.status === 'updated' ? marked.quiz.attempts : undefined }, 'daily quiz not posted');
    return { status: 'failed', quiz: marked.status === 'not-found' ? quiz : marked.quiz, reason, permanent };
  };

  if (deps.now().getTime() >= quiz.closesAt.getTime()) return fail('Its answer window ended before it could be posted', true);
  const question = deps.questions().find((q) => q.id === quiz.questionId);
  if (!question) return fail(`Its question ${quiz.questionId} is no longer in the question bank`, true);

  const outcome = await withRetry(() => deps.publisher.post(quiz, question), deps.retry, deps.sleep, (error, delayMs, tries) =>
    log.warn({ reason: error.reason, delayMs, tries }, 'posting the daily quiz failed; retrying'),
  );
  if (!outcome.ok) {
    const permanent = outcome.error.kind === 'permanent';
    const tries = outcome.tries === 1 ? '1 try' : `${outcome.tries} tries`;
    return fail(permanent ? `Discord refused the post: ${outcome.error.reason}` : `Posting to Discord failed (${tries}): ${outcome.error.reason}`, permanent);
  }

  const marked = await deps.store.markPosted(quiz.id, outcome.value.messageId);
  if (marked.status !== 'updated') {
    // Only possible if our lease lapsed mid-post and someone else posted too: say so loudly.
    log.error({ messageId: outcome.value.messageId, status: marked.status }, 'daily quiz posted but the row was no longer pending');
    return { status: 'already-posted', quiz: marked.status === 'invalid-state' ? marked.quiz : quiz };
  }
  log.info({ messageId: outcome.value.messageId, tries: outcome.tries }, 'daily quiz posted');
  return { status: 'posted', quiz: marked.quiz };
}
