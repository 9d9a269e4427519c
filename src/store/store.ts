import { sql, type Kysely } from 'kysely';
import type { Logger } from '../logger.ts';
import { answerCount, getAnswer, listAnswers, recordAnswer } from './answers.ts';
import { connect } from './connect.ts';
import {
  claimDailyQuiz,
  getQuiz,
  getQuizByDate,
  markFailed,
  markPosted,
  quizzesDueForPosting,
  quizzesDueForReveal,
  usedQuestionIds,
} from './daily-quiz.ts';
import { getGuildConfig, listActiveGuildConfigs, setPaused, upsertGuildConfig } from './guild-config.ts';
import { leaderboard, rankOf } from './leaderboard.ts';
import { acquireLease, getLease, releaseLease } from './leases.ts';
import { addPoints, checkRollups, ledgerFor, rebuildRollups, revealQuiz } from './ledger.ts';
import { migrateToLatest } from './migrations.ts';
import { getPracticeCard, listPracticeCards, savePracticeReview } from './practice.ts';
import {
  dismissReports,
  getReportedQuestion,
  heldQuestionIds,
  listReportedQuestions,
  reportQuestion,
  retiredQuestionIds,
  retireQuestion,
} from './reports.ts';
import type { Database, Dialect } from './schema.ts';
import { streaksOf, userStats } from './stats.ts';
import type { Store } from './types.ts';

export interface OpenStoreOptions {
  logger?: Logger;
  /** The store's clock (updated_at, posted_at, default answeredAt, ledger time). */
  now?: () => Date;
  /** PostgreSQL only: use (and create) this schema via search_path — tests give each file its own. */
  pgSchema?: string;
  pgPoolSize?: number;
}

/** Opens the database named by DATABASE_URL, migrates it to the latest version, and returns the store. */
export async function openStore(databaseUrl: string, options: OpenStoreOptions = {}): Promise<Store> {
  const { db, dialect, schema } = await connect(databaseUrl, {
    ...(options.pgSchema !== undefined ? { pgSchema: options.pgSchema } : {}),
    ...(options.pgPoolSize !== undefined ? { pgPoolSize: options.pgPoolSize } : {}),
  });
  try {
    await migrateToLatest(db as unknown as Kysely<unknown>, dialect, {
      ...(options.logger ? { logger: options.logger } : {}),
      ...(schema !== undefined ? { migrationTableSchema: schema } : {}),
    });
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return createStore(db, dialect, options.now ?? (() => new Date()));
}

/** The Store over an open, migrated Kysely instance. */
export function createStore(db: Kysely<Database>, dialect: Dialect, now: () => Date): Store {
  return {
    dialect,
    async close() {
      // SQLite's advice for long-lived connections: refresh planner statistics where they matter, on the way out.
      if (dialect === 'sqlite') await sql`pragma optimize`.execute(db).catch(() => undefined);
      await db.destroy();
    },

    getGuildConfig: (guildId) => getGuildConfig(db, guildId),
    upsertGuildConfig: (input) => upsertGuildConfig(db, input, now()),
    setPaused: (guildId, paused) => setPaused(db, guildId, paused, now()),
    listActiveGuildConfigs: () => listActiveGuildConfigs(db),

    claimDailyQuiz: (input) => claimDailyQuiz(db, input, now()),
    getQuiz: (quizId) => getQuiz(db, quizId),
    getQuizByDate: (guildId, localDate) => getQuizByDate(db, guildId, localDate),
    markPosted: (quizId, messageId) => markPosted(db, quizId, messageId, now()),
    markFailed: (quizId, reason, options) => markFailed(db, quizId, reason, options),
    quizzesDueForPosting: (at, opts) => quizzesDueForPosting(db, at, opts?.maxAttempts ?? 3),
    quizzesDueForReveal: (at) => quizzesDueForReveal(db, at),
    usedQuestionIds: (guildId) => usedQuestionIds(db, guildId),

    recordAnswer: (input) => recordAnswer(db, dialect, input, now()),
    getAnswer: (quizId, userId) => getAnswer(db, quizId, userId),
    listAnswers: (quizId) => listAnswers(db, quizId),
    answerCount: (quizId) => answerCount(db, quizId),

    revealQuiz: (quizId, awards) => revealQuiz(db, quizId, awards, now()),
    addPoints: (entries) => addPoints(db, entries, now()),
    ledgerFor: (guildId, userId) => ledgerFor(db, guildId, userId),

    leaderboard: (query) => leaderboard(db, query),
    rankOf: (guildId, userId, period) => rankOf(db, guildId, userId, period),
    userStats: (guildId, userId) => userStats(db, guildId, userId),
    streaksOf: (guildId, userIds) => streaksOf(db, guildId, userIds),

    acquireLease: (key, holder, ttlMs, at) => acquireLease(db, { key, holder, ttlMs }, at ?? now()),
    releaseLease: (key, token) => releaseLease(db, key, token),
    getLease: (key) => getLease(db, key),

    getPracticeCard: (userId, questionId) => getPracticeCard(db, userId, questionId),
    listPracticeCards: (userId, options) => listPracticeCards(db, userId, options),
    savePracticeReview: (input) => savePracticeReview(db, input, now()),

    reportQuestion: (input) => reportQuestion(db, input, now()),
    listReportedQuestions: (query) => listReportedQuestions(db, query),
    getReportedQuestion: (guildId, questionId) => getReportedQuestion(db, guildId, questionId),
    retireQuestion: (guildId, questionId, userId) => retireQuestion(db, guildId, questionId, userId, now()),
    dismissReports: (guildId, questionId, userId) => dismissReports(db, guildId, questionId, userId, now()),
    retiredQuestionIds: (guildId) => retiredQuestionIds(db, guildId),
    heldQuestionIds: (guildId, minReporters) => heldQuestionIds(db, guildId, minReporters),

    rebuildRollups: () => rebuildRollups(db),
    checkRollups: () => checkRollups(db),
  };
}
