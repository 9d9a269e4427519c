import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Logger } from '../logger.ts';
import type { Dialect } from './schema.ts';
import { StoreError } from './types.ts';

/**
 * Versioned migrations, in code so they ship with the bundle. Never edit a released one: add the next.
 * Names sort lexically, so keep the zero-padded prefix.
 */
export function storeMigrations(dialect: Dialect): Record<string, Migration> {
  // The only dialect difference in DDL: how an auto-incrementing key is spelled.
  const serialKey = dialect === 'postgres' ? 'serial' : 'integer';
  const bool01 = (column: string) => sql`${sql.ref(column)} in (0, 1)`;

  return {
    '0001_initial': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('guild_config')
          .addColumn('guild_id', 'text', (c) => c.primaryKey())
          .addColumn('channel_id', 'text', (c) => c.notNull())
          .addColumn('post_time', 'text', (c) => c.notNull())
          .addColumn('time_zone', 'text', (c) => c.notNull())
          .addColumn('role_id', 'text')
          .addColumn('open_for_minutes', 'integer')
          .addColumn('topic_filter', 'text')
          .addColumn('paused', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('updated_at', 'bigint', (c) => c.notNull())
          .addCheckConstraint('guild_config_paused_bool', bool01('paused'))
          .execute();

        await db.schema
          .createTable('daily_quiz')
          .addColumn('id', serialKey, (c) => c.primaryKey())
          .addColumn('guild_id', 'text', (c) => c.notNull())
          .addColumn('local_date', 'text', (c) => c.notNull())
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('question_id', 'text', (c) => c.notNull())
          .addColumn('topic', 'text', (c) => c.notNull())
          .addColumn('channel_id', 'text', (c) => c.notNull())
          .addColumn('message_id', 'text')
          .addColumn('opens_at', 'bigint', (c) => c.notNull())
          .addColumn('closes_at', 'bigint', (c) => c.notNull())
          .addColumn('state', 'text', (c) => c.notNull().defaultTo('pending'))
          .addColumn('fail_reason', 'text')
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('posted_at', 'bigint')
          .addColumn('revealed_at', 'bigint')
          // One daily quiz per guild per local date, and one sequence number each: races end in a conflict, not a twin.
          .addUniqueConstraint('daily_quiz_guild_date_unique', ['guild_id', 'local_date'])
          .addUniqueConstraint('daily_quiz_guild_seq_unique', ['guild_id', 'seq'])
          .addCheckConstraint('daily_quiz_state_valid', sql`state in ('pending', 'posted', 'revealed', 'failed')`)
          .addCheckConstraint('daily_quiz_window_valid', sql`closes_at > opens_at`)
          .addCheckConstraint('daily_quiz_posted_has_message', sql`state not in ('posted', 'revealed') or message_id is not null`)
          .execute();
        await db.schema.createIndex('daily_quiz_state_opens_idx').on('daily_quiz').columns(['state', 'opens_at']).execute();
        await db.schema.createIndex('daily_quiz_state_closes_idx').on('daily_quiz').columns(['state', 'closes_at']).execute();

        await db.schema
          .createTable('answer')
          .addColumn('id', serialKey, (c) => c.primaryKey())
          .addColumn('quiz_id', 'integer', (c) => c.notNull().references('daily_quiz.id'))
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('choices', 'text', (c) => c.notNull())
          .addColumn('answered_at', 'bigint', (c) => c.notNull())
          .addColumn('correct', 'integer', (c) => c.notNull())
          .addColumn('credit', 'double precision', (c) => c.notNull())
          // One answer per user per quiz, whatever the number of clicks or processes.
          .addUniqueConstraint('answer_quiz_user_unique', ['quiz_id', 'user_id'])
          .addCheckConstraint('answer_correct_bool', bool01('correct'))
          .addCheckConstraint('answer_credit_range', sql`credit >= 0 and credit <= 1`)
          .execute();
        await db.schema.createIndex('answer_user_idx').on('answer').columns(['user_id', 'quiz_id']).execute();

        await db.schema
          .createTable('points_ledger')
          .addColumn('id', serialKey, (c) => c.primaryKey())
          .addColumn('guild_id', 'text', (c) => c.notNull())
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('points', 'integer', (c) => c.notNull())
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('quiz_id', 'integer', (c) => c.references('daily_quiz.id'))
          .addColumn('at', 'bigint', (c) => c.notNull())
          .addColumn('local_date', 'text', (c) => c.notNull())
          // A quiz awards a user each reason once: a repeated reveal cannot double-award.
          .addUniqueConstraint('points_ledger_quiz_user_reason_unique', ['quiz_id', 'user_id', 'reason'])
          .execute();
        await db.schema.createIndex('points_ledger_guild_user_idx').on('points_ledger').columns(['guild_id', 'user_id']).execute();
        await db.schema.createIndex('points_ledger_guild_date_idx').on('points_ledger').columns(['guild_id', 'local_date']).execute();

        await db.schema
          .createTable('points_period')
          .addColumn('guild_id', 'text', (c) => c.notNull())
          .addColumn('period', 'text', (c) => c.notNull())
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('points', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('points_period_pk', ['guild_id', 'period', 'user_id'])
          .execute();
        // Walks a board in order and counts "users ahead" as an index range, whatever the number of players.
        await db.schema
          .createIndex('points_period_board_idx')
          .on('points_period')
          .columns(['guild_id', 'period', 'points desc', 'user_id'])
          .execute();

        await db.schema
          .createTable('points_daily')
          .addColumn('guild_id', 'text', (c) => c.notNull())
          .addColumn('local_date', 'text', (c) => c.notNull())
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('points', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('points_daily_pk', ['guild_id', 'local_date', 'user_id'])
          .execute();

        await db.schema
          .createTable('question_history')
          .addColumn('guild_id', 'text', (c) => c.notNull())
          .addColumn('cycle', 'integer', (c) => c.notNull())
          .addColumn('question_id', 'text', (c) => c.notNull())
          .addColumn('quiz_id', 'integer', (c) => c.notNull().references('daily_quiz.id'))
          .addColumn('used_at', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('question_history_pk', ['guild_id', 'cycle', 'question_id'])
          .execute();
      },
    },

    // Leases used to live in a table the scheduler created for itself over a second connection.
    '0002_lease': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('lease')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('holder', 'text', (c) => c.notNull())
          .addColumn('token', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .execute();
        // That table, where an earlier version made it: leases last minutes, so nothing in it is worth keeping.
        await db.schema.dropTable('schedule_lease').ifExists().execute();
      },
    },

    // Whether a posting failure is final was a `permanent: ` prefix on the reason; now it is a column, and the
    // reason is just the sentence people read.
    '0003_daily_quiz_fail_permanent': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .alterTable('daily_quiz')
          .addColumn('fail_permanent', 'integer', (c) => c.notNull().defaultTo(0).check(bool01('fail_permanent')))
          .execute();
        const prefixed = (prefix: string) => sql`fail_reason like ${`${prefix}: %`}`;
        // Both prefixes are 11 characters; what follows becomes the reason, capitalised.
        const rest = sql`upper(substr(fail_reason, 12, 1)) || substr(fail_reason, 13)`;
        await sql`update daily_quiz set fail_permanent = 1, fail_reason = ${rest} where ${prefixed('permanent')}`.execute(db);
        await sql`update daily_quiz set fail_reason = ${rest} where ${prefixed('retryable')}`.execute(db);
      },
    },

    // /practice: one spaced-repetition card per user per question; private, never touching points.
    '0004_practice_card': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('practice_card')
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('question_id', 'text', (c) => c.notNull())
          .addColumn('topic', 'text', (c) => c.notNull())
          .addColumn('due', 'bigint', (c) => c.notNull())
          .addColumn('stability', 'double precision', (c) => c.notNull())
          .addColumn('difficulty', 'double precision', (c) => c.notNull())
          .addColumn('elapsed_days', 'integer', (c) => c.notNull())
          .addColumn('scheduled_days', 'integer', (c) => c.notNull())
          .addColumn('learning_steps', 'integer', (c) => c.notNull())
          .addColumn('reps', 'integer', (c) => c.notNull())
          .addColumn('lapses', 'integer', (c) => c.notNull())
          .addColumn('state', 'integer', (c) => c.notNull())
          .addColumn('last_review', 'bigint')
          .addColumn('last_correct', 'integer', (c) => c.notNull())
          .addColumn('updated_at', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('practice_card_pk', ['user_id', 'question_id'])
          .addCheckConstraint('practice_card_state_valid', sql`state in (0, 1, 2, 3)`)
          .addCheckConstraint('practice_card_last_correct_bool', bool01('last_correct'))
          .execute();
        // "What is due for this user", earliest first, as an index range.
        await db.schema.createIndex('practice_card_user_due_idx').on('practice_card').columns(['user_id', 'due']).execute();
      },
    },

    // /daily setup questions: curated | all. Existing guilds keep drawing from every question.
    '0005_guild_config_question_set': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .alterTable('guild_config')
          .addColumn('question_set', 'text', (c) => c.notNull().defaultTo('all').check(sql`question_set in ('all', 'curated')`))
          .execute();
      },
    },

    // Players report questions (one report per member per question per server); admins retire them or dismiss reports.
    '0006_question_reports': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('question_report')
          .ifNotExists()
          .addColumn('guild_id', 'text', (c) => c.notNull())
          .addColumn('question_id', 'text', (c) => c.notNull())
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('origin', 'text', (c) => c.notNull())
          .addColumn('reported_at', 'bigint', (c) => c.notNull())
          .addColumn('dismissed_at', 'bigint')
          .addColumn('dismissed_by', 'text')
          // One report per member per question per server, whatever the number of clicks or processes.
          .addPrimaryKeyConstraint('question_report_pk', ['guild_id', 'question_id', 'user_id'])
          .addCheckConstraint('question_report_reason_valid', sql`reason in ('wrong-answer', 'ambiguous', 'outdated', 'wording')`)
          .addCheckConstraint('question_report_origin_valid', sql`origin in ('daily', 'practice')`)
          .execute();
        // "Open reports of this server", grouped by question.
        await db.schema
          .createIndex('question_report_open_idx')
          .ifNotExists()
          .on('question_report')
          .columns(['guild_id', 'dismissed_at', 'question_id'])
          .execute();

        await db.schema
          .createTable('question_retired')
          .ifNotExists()
          .addColumn('guild_id', 'text', (c) => c.notNull())
          .addColumn('question_id', 'text', (c) => c.notNull())
          .addColumn('retired_by', 'text', (c) => c.notNull())
          .addColumn('retired_at', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('question_retired_pk', ['guild_id', 'question_id'])
          .execute();
      },
    },
  };
}

class InCodeMigrationProvider implements MigrationProvider {
  constructor(private readonly migrations: Record<string, Migration>) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return this.migrations;
  }
}

/**
 * Brings the schema up to date. Kysely's Migrator runs pending migrations in one transaction and, on PostgreSQL,
 * holds an advisory lock, so two processes starting together apply each migration once. Running it again is a no-op.
 */
export async function migrateToLatest(
  db: Kysely<unknown>,
  dialect: Dialect,
  options: { logger?: Logger; migrationTableSchema?: string } = {},
): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: new InCodeMigrationProvider(storeMigrations(dialect)),
    migrationTableName: 'studybot_migration',
    migrationLockTableName: 'studybot_migration_lock',
    ...(options.migrationTableSchema ? { migrationTableSchema: options.migrationTableSchema } : {}),
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  const failed = results.find((r) => r.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error.message : String(error ?? 'unknown error');
    throw new StoreError('migration-failed', `migration ${failed?.migrationName ?? '(setup)'} failed: ${cause}`);
  }
  const applied = results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
  if (applied.length > 0) options.logger?.info({ applied }, 'database migrated');
  return applied;
}
