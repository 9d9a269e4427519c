import type { Generated, Kysely, Transaction } from 'kysely';

/*
 * Table shapes as Kysely sees them. Instants are epoch milliseconds (bigint in PostgreSQL, integer in SQLite) and
 * booleans are 0/1, so both dialects return the same JavaScript values and comparisons need no time-zone logic.
 */

export interface GuildConfigTable {
  guild_id: string;
  channel_id: string;
  post_time: string;
  time_zone: string;
  role_id: string | null;
  open_for_minutes: number | null;
  topic_filter: string | null;
  /** `all` or `curated` (0005+). */
  question_set: Generated<string>;
  paused: number;
  updated_at: number;
}

export interface DailyQuizTable {
  id: Generated<number>;
  guild_id: string;
  local_date: string;
  seq: number;
  question_id: string;
  topic: string;
  channel_id: string;
  message_id: string | null;
  opens_at: number;
  closes_at: number;
  state: string;
  /** A sentence for people (/daily status, logs); null unless the last posting attempt failed. */
  fail_reason: string | null;
  /** 1 when the last failure cannot pass by retrying (0002+). */
  fail_permanent: Generated<number>;
  attempts: Generated<number>;
  created_at: number;
  posted_at: number | null;
  revealed_at: number | null;
}

export interface AnswerTable {
  id: Generated<number>;
  quiz_id: number;
  user_id: string;
  /** JSON array of option indices, sorted. */
  choices: string;
  answered_at: number;
  correct: number;
  credit: number;
}

export interface PointsLedgerTable {
  id: Generated<number>;
  guild_id: string;
  user_id: string;
  points: number;
  reason: string;
  quiz_id: number | null;
  at: number;
  local_date: string;
}

/**
 * Rollup of the ledger per (guild, period key, user): `all`, a calendar month `2026-03`, an ISO week `2026-W10`.
 * Kept in the ledger insert's transaction; rebuildable from the ledger.
 */
export interface PointsPeriodTable {
  guild_id: string;
  period: string;
  user_id: string;
  points: number;
}

/** Rollup of the ledger per (guild, local date, user), for boards over any other date range. */
export interface PointsDailyTable {
  guild_id: string;
  user_id: string;
  local_date: string;
  points: number;
}

export interface QuestionHistoryTable {
  guild_id: string;
  cycle: number;
  question_id: string;
  quiz_id: number;
  used_at: number;
}

/**
 * A short exclusive claim on a named step (e.g. posting one quiz), so that of several processes only one acts.
 * Whoever holds an unexpired row owns the step; an expired one is up for grabs, so a crashed holder blocks only
 * until `expires_at`.
 */
export interface LeaseTable {
  key: string;
  /** Who took it (host:pid…), for people reading the table. */
  holder: string;
  /** Random per acquisition: only this token releases it. */
  token: string;
  expires_at: number;
}

/**
 * One user's spaced-repetition card for one question (/practice): the FSRS card fields as ts-fsrs keeps them.
 * `reps` doubles as the row's version — a review only applies when it still matches what the user answered.
 */
export interface PracticeCardTable {
  user_id: string;
  question_id: string;
  /** The question's topic when last reviewed, for people reading the table; selection uses the bank's. */
  topic: string;
  due: number;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  /** ts-fsrs State: 0 new, 1 learning, 2 review, 3 relearning. */
  state: number;
  last_review: number | null;
  /** Whether the last review was right (1) or wrong (0). */
  last_correct: number;
  updated_at: number;
}

/**
 * A member's report of a question on a server (0006+): one row per (guild, question, member); reporting again
 * updates it. An admin's dismissal closes the open reports (dismissed_at set); a later report reopens that member's.
 */
export interface QuestionReportTable {
  guild_id: string;
  question_id: string;
  user_id: string;
  /** `wrong-answer`, `ambiguous`, `outdated` or `wording`. */
  reason: string;
  /** `daily` or `practice`: where the member saw it. */
  origin: string;
  reported_at: number;
  dismissed_at: number | null;
  dismissed_by: string | null;
}

/** A question an admin retired on a server (0006+): never asked there again. */
export interface QuestionRetiredTable {
  guild_id: string;
  question_id: string;
  retired_by: string;
  retired_at: number;
}

export interface Database {
  guild_config: GuildConfigTable;
  daily_quiz: DailyQuizTable;
  answer: AnswerTable;
  points_ledger: PointsLedgerTable;
  points_period: PointsPeriodTable;
  points_daily: PointsDailyTable;
  question_history: QuestionHistoryTable;
  lease: LeaseTable;
  practice_card: PracticeCardTable;
  question_report: QuestionReportTable;
  question_retired: QuestionRetiredTable;
}

export type Db = Kysely<Database> | Transaction<Database>;
export type Dialect = 'sqlite' | 'postgres';
