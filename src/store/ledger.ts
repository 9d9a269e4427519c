import { sql, type Insertable, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import { listAnswers } from './answers.ts';
import { ALL_TIME, rollupKeys } from './periods.ts';
import { getQuiz } from './daily-quiz.ts';
import type { Database, Db, PointsLedgerTable } from './schema.ts';
import { toDailyQuiz, toLedgerEntry } from './rows.ts';
import {
  AwardSchema,
  LedgerInputSchema,
  parseInput,
  StoreError,
  type Award,
  type AwardsSource,
  type LedgerEntry,
  type LedgerInput,
  type RevealResult,
  type RollupMismatch,
} from './types.ts';

/** Rows per statement: well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const CHUNK = 500;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Appends ledger rows and folds the rows actually inserted into the rollups, all in the caller's transaction, so
 * the rollups can never disagree with the ledger. A repeated (quiz, user, reason) is skipped, not double-counted.
 */
export async function appendLedger(trx: Db, rows: Insertable<PointsLedgerTable>[]): Promise<LedgerEntry[]> {
  const inserted: Selectable<PointsLedgerTable>[] = [];
  for (const part of chunks(rows)) {
    inserted.push(
      ...(await trx
        .insertInto('points_ledger')
        .values(part)
        .onConflict((oc) => oc.columns(['quiz_id', 'user_id', 'reason']).doNothing())
        .returningAll()
        .execute()),
    );
  }
  await addToRollups(trx, inserted);
  return inserted.map(toLedgerEntry);
}

async function addToRollups(trx: Db, rows: Selectable<PointsLedgerTable>[]): Promise<void> {
  // One row per key per statement (PostgreSQL rejects an upsert touching a row twice), in key order so that
  // concurrent transactions lock rows in the same order and cannot deadlock.
  const periods = new Map<string, { guild_id: string; period: string; user_id: string; points: number }>();
  const daily = new Map<string, { guild_id: string; local_date: string; user_id: string; points: number }>();
  for (const r of rows) {
    const points = Number(r.points);
    for (const period of rollupKeys(r.local_date)) {
      const key = JSON.stringify([r.guild_id, period, r.user_id]);
      const p = periods.get(key) ?? { guild_id: r.guild_id, period, user_id: r.user_id, points: 0 };
      p.points += points;
      periods.set(key, p);
    }
    const key = JSON.stringify([r.guild_id, r.local_date, r.user_id]);
    const d = daily.get(key) ?? { guild_id: r.guild_id, local_date: r.local_date, user_id: r.user_id, points: 0 };
    d.points += points;
    daily.set(key, d);
  }
  const byKey = <V>(m: Map<string, V>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  for (const part of chunks(byKey(periods))) {
    await trx
      .insertInto('points_period')
      .values(part)
      .onConflict((oc) =>
        oc
          .columns(['guild_id', 'period', 'user_id'])
          .doUpdateSet((eb) => ({ points: eb('points_period.points', '+', eb.ref('excluded.points')) })),
      )
      .execute();
  }
  for (const part of chunks(byKey(daily))) {
    await trx
      .insertInto('points_daily')
      .values(part)
      .onConflict((oc) =>
        oc
          .columns(['guild_id', 'local_date', 'user_id'])
          .doUpdateSet((eb) => ({ points: eb('points_daily.points', '+', eb.ref('excluded.points')) })),
      )
      .execute();
  }
}

/**
 * Closes the quiz and writes its awards in one transaction. The conditional update (`state = 'posted'`) lets exactly
 * one caller through; everyone else — a second call, another process — gets `already-revealed` and awards nothing.
 */
export async function revealQuiz(db: Kysely<Database>, quizId: number, awards: AwardsSource, now: Date): Promise<RevealResult> {
  const given = Array.isArray(awards) ? awards.map((a, i) => parseInput(AwardSchema, a, `revealQuiz awards[${i}]`)) : undefined;
  return db.transaction().execute(async (trx): Promise<RevealResult> => {
    const closed = await trx
      .updateTable('daily_quiz')
      .set({ state: 'revealed', revealed_at: now.getTime() })
      .where('id', '=', quizId)
      .where('state', '=', 'posted')
      .returningAll()
      .executeTakeFirst();
    if (!closed) {
      const quiz = await getQuiz(trx, quizId);
      if (!quiz) return { status: 'not-found' };
      return quiz.state === 'revealed' ? { status: 'already-revealed', quiz } : { status: 'not-posted', quiz };
    }
    const quiz = toDailyQuiz(closed);
    let list: Award[];
    if (given) list = given;
    else if (typeof awards === 'function') {
      const computed = awards(await listAnswers(trx, quizId), quiz);
      list = computed.map((a, i) => parseInput(AwardSchema, a, `revealQuiz computed award ${i}`));
    } else list = [];
    const awarded = await appendLedger(
      trx,
      list
        .filter((a) => a.points !== 0)
        .map((a) => ({
          guild_id: quiz.guildId,
          user_id: a.userId,
          points: a.points,
          reason: a.reason,
          quiz_id: quiz.id,
          at: now.getTime(),
          local_date: quiz.localDate,
        })),
    );
    return { status: 'revealed', quiz, awarded };
  });
}

export async function addPoints(db: Kysely<Database>, entries: LedgerInput[], now: Date): Promise<LedgerEntry[]> {
  const rows = entries.map((e, i) => {
    const p = parseInput(LedgerInputSchema, e, `addPoints entries[${i}]`);
    return {
      guild_id: p.guildId,
      user_id: p.userId,
      points: p.points,
      reason: p.reason,
      quiz_id: p.quizId,
      at: (p.at ?? now).getTime(),
      local_date: p.localDate,
    };
  });
  if (rows.length === 0) return [];
  try {
    return await db.transaction().execute((trx) => appendLedger(trx, rows));
  } catch (error) {
    if (isForeignKeyViolation(error)) throw new StoreError('invalid-input', 'addPoints: an entry names a quizId that does not exist');
    throw error;
  }
}

/** SQLite reports SQLITE_CONSTRAINT_FOREIGNKEY, PostgreSQL SQLSTATE 23503. */
function isForeignKeyViolation(error: unknown): boolean {
  const code = error && typeof error === 'object' && 'code' in error ? error.code : undefined;
  return code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503';
}

export async function ledgerFor(db: Db, guildId: string, userId: string): Promise<LedgerEntry[]> {
  const rows = await db
    .selectFrom('points_ledger')
    .selectAll()
    .where('guild_id', '=', guildId)
    .where('user_id', '=', userId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map(toLedgerEntry);
}

/** Recomputes both rollups from the ledger, in one transaction. */
export async function rebuildRollups(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('points_period').execute();
    await trx.deleteFrom('points_daily').execute();
    await trx
      .insertInto('points_daily')
      .columns(['guild_id', 'local_date', 'user_id', 'points'])
      .expression((eb) =>
        eb
          .selectFrom('points_ledger')
          .select((s) => ['guild_id', 'local_date', 'user_id', s.fn.sum<number>('points').as('points')])
          .groupBy(['guild_id', 'local_date', 'user_id']),
      )
      .execute();
    // Period keys are calendar arithmetic done here, not in SQL: group the dates by key, then sum their daily rows.
    const dates = await trx.selectFrom('points_daily').select('local_date').distinct().execute();
    const datesByKey = new Map<string, string[]>();
    for (const { local_date } of dates) {
      for (const key of rollupKeys(local_date)) datesByKey.set(key, [...(datesByKey.get(key) ?? []), local_date]);
    }
    for (const [key, keyDates] of datesByKey) {
      await trx
        .insertInto('points_period')
        .columns(['guild_id', 'period', 'user_id', 'points'])
        .expression((eb) => {
          let q = eb
            .selectFrom('points_daily')
            .select((s) => ['guild_id', s.cast<string>(s.val(key), 'text').as('period'), 'user_id', s.fn.sum<number>('points').as('points')]);
          if (key !== ALL_TIME) q = q.where('local_date', 'in', keyDates);
          return q.groupBy(['guild_id', 'user_id']);
        })
        .execute();
    }
  });
}

/**
 * Compares the rollups with sums over the ledger, in SQL (the ledger can hold millions of rows); an empty list means
 * they agree. Period keys are computed here for each distinct date and joined in as a small VALUES list.
 */
export async function checkRollups(db: Db): Promise<RollupMismatch[]> {
  const dailyExpected = sql`select guild_id, local_date as k, user_id, sum(points) as points
    from points_ledger group by guild_id, local_date, user_id`;
  const daily = await diff(db, dailyExpected, sql`select guild_id, local_date as k, user_id, points from points_daily`);

  const dates = await db.selectFrom('points_ledger').select('local_date').distinct().execute();
  const mapping = dates.flatMap(({ local_date }) => rollupKeys(local_date).map((key) => sql`(${local_date}, ${key})`));
  const periodExpected =
    mapping.length > 0
      ? sql`select l.guild_id, m.column2 as k, l.user_id, sum(l.points) as points
          from points_ledger l join (values ${sql.join(mapping)}) as m on m.column1 = l.local_date
          group by l.guild_id, m.column2, l.user_id`
      : sql`select guild_id, period as k, user_id, points from points_period where 1 = 0`; // empty ledger
  const period = await diff(db, periodExpected, sql`select guild_id, period as k, user_id, points from points_period`);
  const toMismatch = (table: RollupMismatch['table']) => (r: Row): RollupMismatch => ({
    table,
    guildId: r.guild_id,
    userId: r.user_id,
    key: r.k,
    ledger: Number(r.ledger ?? 0),
    rollup: Number(r.rollup ?? 0),
  });
  return [...daily.map(toMismatch('points_daily')), ...period.map(toMismatch('points_period'))];
}

interface Row {
  guild_id: string;
  k: string;
  user_id: string;
  ledger: number | string | null;
  rollup: number | string | null;
}

/** Rows where `expected` and `actual` (both: guild_id, k, user_id, points) disagree; a missing row counts as 0. */
async function diff(db: Db, expected: RawBuilder<unknown>, actual: RawBuilder<unknown>): Promise<Row[]> {
  const { rows } = await sql<Row>`with e as (${expected}), a as (${actual})
    select e.guild_id, e.k, e.user_id, e.points as ledger, a.points as rollup
      from e left join a on a.guild_id = e.guild_id and a.k = e.k and a.user_id = e.user_id
      where coalesce(a.points, 0) <> e.points
    union all
    select a.guild_id, a.k, a.user_id, null as ledger, a.points as rollup
      from a where a.points <> 0
      and not exists (select 1 from e where e.guild_id = a.guild_id and e.k = a.k and e.user_id = a.user_id)`.execute(db);
  return rows;
}
