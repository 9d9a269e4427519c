import { IANAZone } from 'luxon';
import { z } from 'zod';

/* Input schemas: the store validates what callers hand it; types come from these schemas. */

const id = z.string().min(1).max(64);
/** A calendar date in the guild's time zone, as the caller computed it (time-zone logic stays out of SQL). */
export const LocalDateSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a local date YYYY-MM-DD');
export type LocalDate = z.infer<typeof LocalDateSchema>;

/** A local wall-clock time, 24-hour HH:MM (hour and minute captured). */
export const POST_TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

export const GuildConfigInputSchema = z.object({
  guildId: id,
  channelId: id,
  /** Local post time, 24-hour HH:MM. */
  postTime: z.string().regex(POST_TIME_PATTERN, 'must be HH:MM (24-hour), e.g. 09:00'),
  timeZone: z.string().refine((tz) => IANAZone.isValidZone(tz), 'must be an IANA time zone such as Europe/Berlin'),
  roleId: id.nullable().default(null),
  /** Minutes the quiz stays open; null = until one hour before the next post. */
  openForMinutes: z.number().int().min(1).max(7 * 24 * 60).nullable().default(null),
  topicFilter: z.string().min(1).nullable().default(null),
  paused: z.boolean().default(false),
});
export type GuildConfigInput = z.input<typeof GuildConfigInputSchema>;
export type GuildConfig = z.output<typeof GuildConfigInputSchema> & { updatedAt: Date };

export const ClaimDailyQuizInputSchema = z
  .object({
    guildId: id,
    localDate: LocalDateSchema,
    questionId: id,
    /** The question's topic, kept on the quiz row so stats survive the question being removed from the pool. */
    topic: z.string().min(1),
    channelId: id,
    opensAt: z.date(),
    closesAt: z.date(),
  })
  .refine((q) => q.closesAt.getTime() > q.opensAt.getTime(), { message: 'closesAt must be after opensAt', path: ['closesAt'] });
export type ClaimDailyQuizInput = z.input<typeof ClaimDailyQuizInputSchema>;

export const QUIZ_STATES = ['pending', 'posted', 'revealed', 'failed'] as const;
export type QuizState = (typeof QUIZ_STATES)[number];

export interface DailyQuiz {
  id: number;
  guildId: string;
  localDate: LocalDate;
  /** 1, 2, 3… per guild, in claim order. */
  seq: number;
  questionId: string;
  topic: string;
  channelId: string;
  messageId: string | null;
  opensAt: Date;
  closesAt: Date;
  state: QuizState;
  /** Why the last posting attempt failed, as a sentence for people; null unless state is failed. */
  failReason: string | null;
  /** The last failure cannot pass by retrying (channel gone, question removed…): the quiz is not tried again. */
  failPermanent: boolean;
  /** Posting attempts so far (successful or not). */
  attempts: number;
  createdAt: Date;
  postedAt: Date | null;
  revealedAt: Date | null;
}

export const MarkFailedOptionsSchema = z.object({ permanent: z.boolean().default(false) });
export type MarkFailedOptions = z.input<typeof MarkFailedOptionsSchema>;

export const AcquireLeaseInputSchema = z.object({
  /** What is being leased, e.g. `daily-quiz:42:post`. */
  key: z.string().min(1).max(200),
  /** Who is asking (host:pid…); stored for people, not compared. */
  holder: z.string().min(1).max(200),
  /** How long the lease lasts if not released; a holder that dies blocks the step this long at most. */
  ttlMs: z.number().int().min(1).max(7 * 24 * 3600_000),
});
export type AcquireLeaseInput = z.input<typeof AcquireLeaseInputSchema>;

export interface LeaseInfo {
  key: string;
  holder: string;
  /** Until then nobody else can take it; afterwards the next acquireLease does. */
  expiresAt: Date;
}

export const RecordAnswerInputSchema = z.object({
  quizId: z.number().int().positive(),
  userId: id,
  /** Option indices the user picked. */
  choices: z.array(z.number().int().min(0).max(5)).min(1).max(6),
  correct: z.boolean(),
  /** Partial credit, 0..1 (1 when fully correct). */
  credit: z.number().min(0).max(1),
  /** Defaults to the store clock. */
  answeredAt: z.date().optional(),
});
export type RecordAnswerInput = z.input<typeof RecordAnswerInputSchema>;

export interface Answer {
  id: number;
  quizId: number;
  userId: string;
  choices: number[];
  answeredAt: Date;
  correct: boolean;
  credit: number;
}

export type RecordAnswerResult =
  | { status: 'recorded'; answer: Answer }
  /** The user already answered this quiz: their first pick stands. */
  | { status: 'duplicate'; answer: Answer }
  /** The quiz is not taking answers (not posted yet, already revealed, failed, or past closesAt). */
  | { status: 'closed'; quiz: DailyQuiz }
  | { status: 'not-found' };

export const AwardSchema = z.object({
  userId: id,
  points: z.number().int(),
  /** Why: 'correct', 'partial', 'first', 'streak-7'… One award per (quiz, user, reason). */
  reason: z.string().min(1).max(64),
});
export type Award = z.infer<typeof AwardSchema>;

/** Points not tied to a quiz reveal (e.g. an admin correction). */
export const LedgerInputSchema = AwardSchema.extend({
  guildId: id,
  quizId: z.number().int().positive().nullable().default(null),
  localDate: LocalDateSchema,
  at: z.date().optional(),
});
export type LedgerInput = z.input<typeof LedgerInputSchema>;

export interface LedgerEntry {
  id: number;
  guildId: string;
  userId: string;
  points: number;
  reason: string;
  quizId: number | null;
  at: Date;
  localDate: LocalDate;
}

/** Awards as a list, or computed from the quiz's final answers inside the reveal transaction (no answer can slip in between). */
export type AwardsSource = Award[] | ((answers: Answer[], quiz: DailyQuiz) => Award[]);

export type RevealResult =
  | { status: 'revealed'; quiz: DailyQuiz; awarded: LedgerEntry[] }
  /** Someone (this process or another) revealed it first; nothing was awarded now. */
  | { status: 'already-revealed'; quiz: DailyQuiz }
  | { status: 'not-posted'; quiz: DailyQuiz }
  | { status: 'not-found' };

export type TransitionResult =
  | { status: 'updated'; quiz: DailyQuiz }
  | { status: 'invalid-state'; quiz: DailyQuiz }
  | { status: 'not-found' };

/**
 * Inclusive local-date bounds; omit both for all time. The caller computes week/month bounds in the guild's zone.
 * All time, a whole calendar month and a whole ISO week (Monday–Sunday) read a rollup; other ranges sum daily rows.
 */
export const PeriodSchema = z.object({ from: LocalDateSchema.optional(), to: LocalDateSchema.optional() });
export type Period = z.infer<typeof PeriodSchema>;

export const LeaderboardQuerySchema = PeriodSchema.extend({
  guildId: id,
  limit: z.number().int().min(1).max(100),
  offset: z.number().int().min(0).default(0),
});
export type LeaderboardQuery = z.input<typeof LeaderboardQuerySchema>;

export interface LeaderboardEntry {
  /** Standard competition ranking ("1, 2, 2, 4"); ties are listed by user id. */
  rank: number;
  userId: string;
  points: number;
}

export interface Leaderboard {
  entries: LeaderboardEntry[];
  /** Players with at least one ledger row in the period. */
  total: number;
}

export interface RankInfo {
  /** null when the user has no points in the period. */
  rank: number | null;
  points: number;
  total: number;
}

export interface TopicStats {
  topic: string;
  answered: number;
  correct: number;
  accuracy: number;
}

export interface UserStats {
  points: number;
  rank: number | null;
  /** Counted over revealed quizzes only, so stats never leak whether an open answer is right. */
  answered: number;
  correct: number;
  /** correct / answered; 0 when nothing answered. */
  accuracy: number;
  /** Sum of partial credit over answered quizzes. */
  credit: number;
  currentStreak: number;
  bestStreak: number;
  byTopic: TopicStats[];
}

export interface RollupMismatch {
  table: 'points_period' | 'points_daily';
  guildId: string;
  userId: string;
  /** The period key (`all`, `2026-03`, `2026-W10`) or the local date. */
  key: string;
  ledger: number;
  rollup: number;
}

/** The FSRS card fields as ts-fsrs names them (camelCase here), stored per user per question for /practice. */
export const PracticeCardStateSchema = z.object({
  due: z.date(),
  stability: z.number().min(0),
  difficulty: z.number().min(0),
  elapsedDays: z.number().int().min(0),
  scheduledDays: z.number().int().min(0),
  learningSteps: z.number().int().min(0),
  reps: z.number().int().min(0),
  lapses: z.number().int().min(0),
  /** ts-fsrs State: 0 new, 1 learning, 2 review, 3 relearning. */
  state: z.number().int().min(0).max(3),
  lastReview: z.date().nullable(),
});
export type PracticeCardState = z.infer<typeof PracticeCardStateSchema>;

export const SavePracticeReviewInputSchema = z.object({
  userId: id,
  questionId: id,
  topic: z.string().min(1),
  correct: z.boolean(),
  /** The card after the review. */
  card: PracticeCardStateSchema,
  /** `reps` of the card the review was computed from (0 for a first review); the save only applies if it still is. */
  expectedReps: z.number().int().min(0),
});
export type SavePracticeReviewInput = z.input<typeof SavePracticeReviewInputSchema>;

export interface PracticeCard extends PracticeCardState {
  userId: string;
  questionId: string;
  topic: string;
  lastCorrect: boolean;
  updatedAt: Date;
}

export type SavePracticeReviewResult =
  | { status: 'saved'; card: PracticeCard }
  /** Another review of the same card got there first (double click, stale button): nothing was changed. */
  | { status: 'stale'; card: PracticeCard | undefined };

/** Everything the bot and CLI need from persistence. One implementation over Kysely (SQLite or PostgreSQL). */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  close(): Promise<void>;

  getGuildConfig(guildId: string): Promise<GuildConfig | undefined>;
  upsertGuildConfig(input: GuildConfigInput): Promise<GuildConfig>;
  /** undefined when the guild has no configuration. */
  setPaused(guildId: string, paused: boolean): Promise<GuildConfig | undefined>;
  listActiveGuildConfigs(): Promise<GuildConfig[]>;

  /** Inserts the guild's quiz for that local date, or returns the one already there; never two. */
  claimDailyQuiz(input: ClaimDailyQuizInput): Promise<{ created: boolean; quiz: DailyQuiz }>;
  getQuiz(quizId: number): Promise<DailyQuiz | undefined>;
  getQuizByDate(guildId: string, localDate: string): Promise<DailyQuiz | undefined>;
  markPosted(quizId: number, messageId: string): Promise<TransitionResult>;
  /**
   * Records a failed posting attempt. `reason` is shown to people as is (/daily status), so make it a sentence.
   * A retryable failure stays due for posting until `maxAttempts`; a permanent one is never due again.
   */
  markFailed(quizId: number, reason: string, options?: MarkFailedOptions): Promise<TransitionResult>;
  /** pending (or failed, not permanently, with attempts left) quizzes whose window contains `at`, for guilds not paused. */
  quizzesDueForPosting(at: Date, options?: { maxAttempts?: number }): Promise<DailyQuiz[]>;
  /** posted quizzes whose closesAt is at or before `at`. */
  quizzesDueForReveal(at: Date): Promise<DailyQuiz[]>;
  /** Question ids used in the guild's current cycle (a cycle restarts when a used question is claimed again). */
  usedQuestionIds(guildId: string): Promise<string[]>;

  recordAnswer(input: RecordAnswerInput): Promise<RecordAnswerResult>;
  getAnswer(quizId: number, userId: string): Promise<Answer | undefined>;
  listAnswers(quizId: number): Promise<Answer[]>;
  answerCount(quizId: number): Promise<number>;

  /** posted → revealed and the awards in ONE transaction; a second or racing call awards nothing. */
  revealQuiz(quizId: number, awards: AwardsSource): Promise<RevealResult>;
  /** Adds ledger rows outside a reveal; a repeated (quiz, user, reason) is skipped. Returns rows actually added. */
  addPoints(entries: LedgerInput[]): Promise<LedgerEntry[]>;
  ledgerFor(guildId: string, userId: string): Promise<LedgerEntry[]>;

  leaderboard(query: LeaderboardQuery): Promise<Leaderboard>;
  rankOf(guildId: string, userId: string, period?: Period): Promise<RankInfo>;
  userStats(guildId: string, userId: string): Promise<UserStats>;
  /** Current and best streaks for many users in two queries (userStats computes the same per user). */
  streaksOf(guildId: string, userIds: readonly string[]): Promise<Map<string, { current: number; best: number }>>;

  /**
   * Takes the lease `key` for `ttlMs` when nobody holds an unexpired one, atomically across processes; returns the
   * token that releases it, or undefined while someone else holds it. `now` defaults to the store's clock.
   */
  acquireLease(key: string, holder: string, ttlMs: number, now?: Date): Promise<string | undefined>;
  /** Releases the lease if `token` still holds it (true), else leaves it alone (false). */
  releaseLease(key: string, token: string): Promise<boolean>;
  getLease(key: string): Promise<LeaseInfo | undefined>;

  /** One user's practice card for one question; undefined until they first answer it. */
  getPracticeCard(userId: string, questionId: string): Promise<PracticeCard | undefined>;
  /** The user's practice cards, earliest due first; with `dueBy`, only those due at or before it. */
  listPracticeCards(userId: string, options?: { dueBy?: Date }): Promise<PracticeCard[]>;
  /** Stores a card after a review, atomically conditional on `expectedReps` (so one answer is counted once). */
  savePracticeReview(input: SavePracticeReviewInput): Promise<SavePracticeReviewResult>;

  /** Rebuilds the score rollups from the ledger (the ledger is the truth). */
  rebuildRollups(): Promise<void>;
  /** Differences between the rollups and the ledger; empty when consistent. */
  checkRollups(): Promise<RollupMismatch[]>;
}

export class StoreError extends Error {
  constructor(
    readonly code: 'invalid-url' | 'invalid-input' | 'migration-failed' | 'conflict' | 'cannot-open',
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

/** Parses at the boundary; a bad call throws a StoreError naming the field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ');
    throw new StoreError('invalid-input', `${what}: ${problems}`);
  }
  return parsed.data;
}
