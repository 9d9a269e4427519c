import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import { connect } from '../store/connect.ts';
import type { Database } from '../store/schema.ts';

/*
 * Short exclusive leases on a quiz's next step ("post", "reveal"). The claim's unique key decides who creates a
 * quiz; a lease decides who may act on an existing row — a pending one left by a crash, a failed one being retried,
 * or a reveal — so two processes never post or announce the same quiz at once. A lease expires on its own, so a
 * process that dies holding one blocks the step only until `ttlMs` has passed.
 *
 * This lives beside the store (its own table, created on first use) until the store offers the same operation.
 */

export type LeaseJob = 'post' | 'reveal';

export interface Lease {
  readonly token: string;
  /** Lets another process take the step right away (after a failure). Harmless if the lease already expired. */
  release(): Promise<void>;
}

export interface JobLeases {
  /** A lease on (quiz, job) until now + ttlMs, or undefined while someone else holds an unexpired one. */
  acquire(quizId: number, job: LeaseJob, ttlMs: number): Promise<Lease | undefined>;
  close(): Promise<void>;
}

type LeaseTables = {
  schedule_lease: { quiz_id: number; job: string; token: string; expires_at: number };
};

async function ensureLeaseTable(db: Kysely<LeaseTables>): Promise<void> {
  try {
    await db.schema
      .createTable('schedule_lease')
      .ifNotExists()
      .addColumn('quiz_id', 'integer', (c) => c.notNull())
      .addColumn('job', 'text', (c) => c.notNull())
      .addColumn('token', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('schedule_lease_pk', ['quiz_id', 'job'])
      .execute();
  } catch (error) {
    // Two processes creating it at once on PostgreSQL: the loser gets a duplicate-type error; the table is there.
    const exists = await db.selectFrom('schedule_lease').select('quiz_id').limit(1).execute().then(
      () => true,
      () => false,
    );
    if (!exists) throw error;
  }
}

const isSqliteBusy = (error: unknown) =>
  error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('SQLITE_BUSY');

/**
 * On SQLite this connection does not wait for locks inside the driver (better-sqlite3 would block the event loop,
 * freezing the store's own transaction that holds the lock in this very process); it waits here, asynchronously.
 */
async function whenNotBusy<T>(step: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (!isSqliteBusy(error) || attempt >= 12) throw error;
      await delay(Math.min(500, 5 * 2 ** attempt));
    }
  }
}

/** Leases in the bot's database. `now` is the scheduler's clock, so tests can expire leases without waiting. */
export async function createJobLeases(
  database: Kysely<Database>,
  now: () => Date,
  options: { onClose?: () => Promise<void>; sqliteNoWait?: boolean } = {},
): Promise<JobLeases> {
  const db = database.withTables<LeaseTables>() as unknown as Kysely<LeaseTables>;
  if (options.sqliteNoWait) await sql`pragma busy_timeout = 0`.execute(db);
  await whenNotBusy(() => ensureLeaseTable(db));
  return {
    acquire: (quizId, job, ttlMs) => whenNotBusy(() => acquire(quizId, job, ttlMs)),
    close: options.onClose ?? (async () => {}),
  };

  async function acquire(quizId: number, job: LeaseJob, ttlMs: number): Promise<Lease | undefined> {
    const token = randomUUID();
    const t = now().getTime();
    // Insert, or take over an expired lease; a live lease makes the upsert's WHERE false and nothing returns.
    const row = await db
      .insertInto('schedule_lease')
      .values({ quiz_id: quizId, job, token, expires_at: t + ttlMs })
      .onConflict((oc) =>
        oc
          .columns(['quiz_id', 'job'])
          .doUpdateSet((eb) => ({ token: eb.ref('excluded.token'), expires_at: eb.ref('excluded.expires_at') }))
          .where('schedule_lease.expires_at', '<=', t),
      )
      .returning('token')
      .executeTakeFirst();
    if (row?.token !== token) return undefined;
    return {
      token,
      async release() {
        await whenNotBusy(() =>
          db.deleteFrom('schedule_lease').where('quiz_id', '=', quizId).where('job', '=', job).where('token', '=', token).execute(),
        );
      },
    };
  }
}

/**
 * Opens its own small connection to DATABASE_URL for the leases (the Store does not expose its Kysely instance).
 * For `sqlite::memory:` this is a separate in-memory database: fine, since then only one process can exist.
 */
export async function openJobLeases(databaseUrl: string, now: () => Date, options: { pgSchema?: string } = {}): Promise<JobLeases> {
  const connection = await connect(databaseUrl, { pgPoolSize: 2, ...(options.pgSchema !== undefined ? { pgSchema: options.pgSchema } : {}) });
  try {
    return await createJobLeases(connection.db, now, {
      onClose: () => connection.db.destroy(),
      sqliteNoWait: connection.dialect === 'sqlite',
    });
  } catch (error) {
    await connection.db.destroy();
    throw error;
  }
}
