import { sql, type SelectQueryBuilder } from 'kysely';
import { rollupKeyFor } from './periods.ts';
import type { Database, Db } from './schema.ts';
import {
  LeaderboardQuerySchema,
  PeriodSchema,
  parseInput,
  type Leaderboard,
  type LeaderboardEntry,
  type LeaderboardQuery,
  type Period,
  type RankInfo,
} from './types.ts';

/*
 * Boards read the rollups (kept in the ledger's transactions): points_period for all time, a calendar month or an
 * ISO week — an index walk, whatever the number of players — and points_daily summed for any other range.
 * Ranking is standard competition ranking, "1, 2, 2, 4": a user's rank is one plus the number of users with
 * strictly more points. Ties are listed by user id so pages are stable.
 */

function dailyInPeriod<O>(
  qb: SelectQueryBuilder<Database, 'points_daily', O>,
  guildId: string,
  p: Period,
): SelectQueryBuilder<Database, 'points_daily', O> {
  let q = qb.where('guild_id', '=', guildId);
  if (p.from !== undefined) q = q.where('local_date', '>=', p.from);
  if (p.to !== undefined) q = q.where('local_date', '<=', p.to);
  return q;
}

/** Ranks a page sorted by points desc: only the first entry needs a count, the rest follow from their neighbours. */
function rankPage(rows: { user_id: string; points: number | string }[], offset: number, firstRank: number): LeaderboardEntry[] {
  const entries: LeaderboardEntry[] = [];
  rows.forEach((r, i) => {
    const points = Number(r.points);
    const prev = entries[i - 1];
    const rank = i === 0 ? firstRank : prev && prev.points === points ? prev.rank : offset + i + 1;
    entries.push({ rank, userId: r.user_id, points });
  });
  return entries;
}

/** One guild's rows of one rollup period (`all`, `2026-03`, `2026-W10`): the fast path of every board query. */
function periodRows(db: Db, guildId: string, key: string) {
  return db.selectFrom('points_period').where('guild_id', '=', guildId).where('period', '=', key);
}

async function countAhead(db: Db, guildId: string, period: Period, points: number): Promise<number> {
  const key = rollupKeyFor(period);
  if (key !== undefined) {
    const row = await periodRows(db, guildId, key)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('points', '>', points)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
  const ahead = dailyInPeriod(db.selectFrom('points_daily').select('user_id'), guildId, period)
    .groupBy('user_id')
    .having((eb) => eb.fn.sum('points'), '>', points);
  const row = await db
    .selectFrom(ahead.as('ahead'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function countPlayers(db: Db, guildId: string, period: Period): Promise<number> {
  const key = rollupKeyFor(period);
  if (key !== undefined) {
    const row = await periodRows(db, guildId, key)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
  const row = await dailyInPeriod(
    db.selectFrom('points_daily').select((eb) => eb.fn.count<number>('user_id').distinct().as('n')),
    guildId,
    period,
  ).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function leaderboard(db: Db, query: LeaderboardQuery): Promise<Leaderboard> {
  const q = parseInput(LeaderboardQuerySchema, query, 'leaderboard');
  const period: Period = { from: q.from, to: q.to };
  const key = rollupKeyFor(period);
  if (key !== undefined) {
    const rows = await periodRows(db, q.guildId, key)
      .select(['user_id', 'points'])
      .orderBy('points', 'desc')
      .orderBy('user_id')
      .limit(q.limit)
      .offset(q.offset)
      .execute();
    const total = await countPlayers(db, q.guildId, period);
    const first = rows[0];
    if (!first) return { entries: [], total };
    const firstRank = 1 + (await countAhead(db, q.guildId, period, Number(first.points)));
    return { entries: rankPage(rows, q.offset, firstRank), total };
  }
  // One pass over the period: sum, rank and player count together (window functions work on both dialects).
  const rows = await dailyInPeriod(
    db
      .selectFrom('points_daily')
      .select((eb) => [
        'user_id',
        eb.fn.sum<number>('points').as('points'),
        sql<number>`rank() over (order by sum(points) desc)`.as('rank'),
        sql<number>`count(*) over ()`.as('total'),
      ]),
    q.guildId,
    period,
  )
    .groupBy('user_id')
    .orderBy(sql`sum(points)`, 'desc')
    .orderBy('user_id')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  const first = rows[0];
  if (!first) return { entries: [], total: await countPlayers(db, q.guildId, period) };
  return {
    entries: rows.map((r) => ({ rank: Number(r.rank), userId: r.user_id, points: Number(r.points) })),
    total: Number(first.total),
  };
}

export async function rankOf(db: Db, guildId: string, userId: string, period: Period = {}): Promise<RankInfo> {
  const p = parseInput(PeriodSchema, period, 'rankOf period');
  let points: number | undefined;
  const key = rollupKeyFor(p);
  if (key !== undefined) {
    const row = await periodRows(db, guildId, key)
      .select('points')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    points = row === undefined ? undefined : Number(row.points);
  } else {
    const row = await dailyInPeriod(
      db.selectFrom('points_daily').select((eb) => [eb.fn.sum<number>('points').as('points'), eb.fn.countAll<number>().as('n')]),
      guildId,
      p,
    )
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    points = Number(row.n) === 0 ? undefined : Number(row.points);
  }
  const total = await countPlayers(db, guildId, p);
  if (points === undefined) return { rank: null, points: 0, total };
  return { rank: 1 + (await countAhead(db, guildId, p, points)), points, total };
}
