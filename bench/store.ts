/**
 * Store bench: 1,000 users answering one quiz at once, then board and stats latency over 1,000,000 ledger rows
 * (and as many answers) from 100,000 users, on SQLite and — when TEST_DATABASE_URL or BENCH_DATABASE_URL is set —
 * on PostgreSQL in a throwaway schema. Targets: 1,000 answers < 2 s; leaderboard < 50 ms.
 * Run alone with `npx tsx bench/store.ts`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { connect } from '../src/store/connect.ts';
import type { Store } from '../src/store/index.ts';
import { migrateToLatest } from '../src/store/migrations.ts';
import type { Database, Dialect } from '../src/store/schema.ts';
import { createStore } from '../src/store/store.ts';

const USERS = 100_000;
const DAYS = 100;
const PER_DAY = 10_000; // DAYS × PER_DAY = 1,000,000 answers and ledger rows
const GUILD = '111111111111111111';
const CONCURRENT_ANSWERS = 1_000;

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const fmt = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));

async function timeIt(runs: number, fn: () => Promise<unknown>): Promise<{ p50: number; p95: number; max: number }> {
  await fn(); // warm caches and statement plans
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn();
    times.push(ms(t));
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return { p50: at(0.5), p95: at(0.95), max: times[times.length - 1] ?? 0 };
}

/** Generates the rows inside the database (generate_series / a recursive CTE): far faster than shipping them. */
async function seed(db: Kysely<Database>, dialect: Dialect, store: Store): Promise<void> {
  for (let d = 0; d < DAYS; d++) {
    const localDate = new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10);
    const opensAt = new Date(`${localDate}T09:00:00Z`);
    const { quiz } = await store.claimDailyQuiz({
      guildId: GUILD,
      localDate,
      questionId: `q_${d % 40}`,
      topic: ['S3', 'EC2', 'IAM', 'VPC'][d % 4] ?? 'S3',
      channelId: '333333333333333333',
      opensAt,
      closesAt: new Date(opensAt.getTime() + 23 * 3600_000),
    });
    await store.markPosted(quiz.id, `m${d}`);
  }
  await db.updateTable('daily_quiz').set({ state: 'revealed', revealed_at: Date.UTC(2026, 3, 1) }).execute();
  const first = await db.selectFrom('daily_quiz').select((eb) => eb.fn.min('id').as('id')).executeTakeFirstOrThrow();
  const firstId = Number(first.id);

  // Row i: day d = i / PER_DAY, k = i % PER_DAY, user (k*10 + d) mod USERS — each user answers ten days.
  // Two answers in three are right (10 points), the rest earn a participation point: one ledger row per answer.
  // Literals, not parameters: better-sqlite3 binds JS numbers as REAL, which would turn `/` into float division.
  const [perDay, users, last] = [sql.lit(PER_DAY), sql.lit(USERS), sql.lit(DAYS * PER_DAY - 1)];
  const rows =
    dialect === 'postgres'
      ? sql`select i, i / ${perDay} as d, ((i % ${perDay}) * 10 + i / ${perDay}) % ${users} as u from generate_series(0, ${last}) as i`
      : sql`with recursive n(i) as (select 0 union all select i + 1 from n where i < ${last})
            select i, i / ${perDay} as d, ((i % ${perDay}) * 10 + i / ${perDay}) % ${users} as u from n`;
  const uid = dialect === 'postgres' ? sql.raw(`(100000000000000000 + g.u)::text`) : sql.raw(`cast(100000000000000000 + g.u as text)`);
  const day = dialect === 'postgres' ? sql.raw(`to_char(date '2026-01-01' + g.d::int, 'YYYY-MM-DD')`) : sql.raw(`date('2026-01-01', '+' || g.d || ' days')`);
  const correct = sql.raw(`case when (g.u + g.d) % 3 = 0 then 0 else 1 end`);
  await db.transaction().execute(async (trx) => {
    await sql`insert into answer (quiz_id, user_id, choices, answered_at, correct, credit)
      select ${sql.lit(firstId)} + g.d, ${uid}, '[0]', ${sql.lit(Date.UTC(2026, 0, 1, 10))} + cast(g.d as bigint) * 86400000, ${correct}, ${correct}
      from (${rows}) as g`.execute(trx);
    await sql`insert into points_ledger (guild_id, user_id, points, reason, quiz_id, at, local_date)
      select ${GUILD}, ${uid}, case when (g.u + g.d) % 3 = 0 then 1 else 10 end, 'correct', ${sql.lit(firstId)} + g.d,
             ${sql.lit(Date.UTC(2026, 0, 2, 8))} + cast(g.d as bigint) * 86400000, ${day}
      from (${rows}) as g`.execute(trx);
  });
}

async function benchBackend(name: string, url: string, options: { pgSchema?: string }, cleanup: () => Promise<void>): Promise<void> {
  console.log(`\n-- ${name}`);
  // One connection (pool) for the seeding SQL and the store, as in the bot: a second better-sqlite3 connection in
  // one process would block the thread while waiting for the other's lock.
  const { db, dialect, schema } = await connect(url, options);
  await migrateToLatest(db as unknown as Kysely<unknown>, dialect, schema !== undefined ? { migrationTableSchema: schema } : {});
  const store = createStore(db, dialect, () => new Date());
  try {
    let t = process.hrtime.bigint();
    await seed(db, dialect, store);
    const seeded = ms(t);
    t = process.hrtime.bigint();
    await store.rebuildRollups();
    const rebuilt = ms(t);
    // Fresh statistics (and, on PostgreSQL, the visibility map for index-only scans), as autovacuum would provide.
    await (dialect === 'postgres' ? sql`vacuum analyze` : sql`analyze`).execute(db);
    const count = async (table: 'points_ledger' | 'answer') =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const players = (await store.leaderboard({ guildId: GUILD, limit: 1 })).total;
    console.log(
      `seed: ${await count('points_ledger')} ledger rows, ${await count('answer')} answers, ${players} users ` +
        `in ${fmt(seeded / 1000)} s; rollups rebuilt from the ledger in ${fmt(rebuilt / 1000)} s`,
    );

    // 1,000 users answer one quiz at once; then all of them click again at once, and nothing may change.
    const opensAt = new Date('2026-04-11T09:00:00Z');
    const { quiz } = await store.claimDailyQuiz({
      guildId: GUILD,
      localDate: '2026-04-11',
      questionId: 'q_live',
      topic: 'S3',
      channelId: '333333333333333333',
      opensAt,
      closesAt: new Date(opensAt.getTime() + 3600_000),
    });
    await store.markPosted(quiz.id, 'm_live');
    const answeredAt = new Date(opensAt.getTime() + 60_000);
    const everyone = (click: number) =>
      Promise.all(
        Array.from({ length: CONCURRENT_ANSWERS }, (_, i) =>
          store.recordAnswer({
            quizId: quiz.id,
            userId: `9${String(i).padStart(17, '0')}`,
            choices: [(i + click) % 3],
            correct: (i + click) % 3 === 0,
            credit: (i + click) % 3 === 0 ? 1 : 0,
            answeredAt,
          }),
        ),
      );
    t = process.hrtime.bigint();
    const first = await everyone(0);
    const firstMs = ms(t);
    t = process.hrtime.bigint();
    const again = await everyone(1);
    const againMs = ms(t);
    const recorded = first.filter((r) => r.status === 'recorded').length;
    const duplicates = again.filter((r) => r.status === 'duplicate').length;
    const stored = await store.answerCount(quiz.id);
    const ok = recorded === CONCURRENT_ANSWERS && duplicates === CONCURRENT_ANSWERS && stored === CONCURRENT_ANSWERS;
    console.log(
      `${CONCURRENT_ANSWERS} users answering at once: ${recorded} recorded in ${fmt(firstMs)} ms [target < 2000 ms: ${firstMs < 2000 ? 'met' : 'MISSED'}]; ` +
        `the same ${CONCURRENT_ANSWERS} clicking again at once: ${duplicates} duplicates in ${fmt(againMs)} ms; ` +
        `${stored} rows stored (${ok ? 'exactly once' : 'MISMATCH'})`,
    );
    t = process.hrtime.bigint();
    await store.revealQuiz(quiz.id, (answers) => answers.filter((a) => a.correct).map((a) => ({ userId: a.userId, points: 10, reason: 'correct' })));
    console.log(`reveal with ${Math.ceil(CONCURRENT_ANSWERS / 3)} awards (ledger + rollups, one transaction): ${fmt(ms(t))} ms`);

    const midUser = String(100000000000000000 + 4242);
    const cases: Array<[string, () => Promise<unknown>, number | undefined]> = [
      ['leaderboard all-time, top 10', () => store.leaderboard({ guildId: GUILD, limit: 10 }), 50],
      ['leaderboard all-time, page at offset 50,000', () => store.leaderboard({ guildId: GUILD, limit: 10, offset: 50_000 }), 50],
      ['leaderboard one week (7 local dates)', () => store.leaderboard({ guildId: GUILD, from: '2026-02-02', to: '2026-02-08', limit: 10 }), 50],
      ['leaderboard one month (31 local dates)', () => store.leaderboard({ guildId: GUILD, from: '2026-03-01', to: '2026-03-31', limit: 10 }), 50],
      ['leaderboard Sunday–Saturday week (no rollup: daily sums)', () => store.leaderboard({ guildId: GUILD, from: '2026-02-01', to: '2026-02-07', limit: 10 }), undefined],
      ['leaderboard 60 days (no rollup: daily sums)', () => store.leaderboard({ guildId: GUILD, from: '2026-01-15', to: '2026-03-15', limit: 10 }), undefined],
      ['rankOf all-time', () => store.rankOf(GUILD, midUser), undefined],
      ['rankOf one month', () => store.rankOf(GUILD, midUser, { from: '2026-03-01', to: '2026-03-31' }), undefined],
      ['userStats', () => store.userStats(GUILD, midUser), undefined],
      ['lease acquire + release (each post and reveal step)', async () => {
        const token = await store.acquireLease('bench:lease', 'bench', 60_000);
        if (token === undefined) throw new Error('lease unexpectedly held');
        await store.releaseLease('bench:lease', token);
      }, undefined],
      ['streaksOf 1,000 users (reveal-time streak bonus)', () => store.streaksOf(GUILD, Array.from({ length: 1000 }, (_, i) => String(100000000000000000 + i * 97))), undefined],
    ];
    for (const [label, fn, target] of cases) {
      const { p50, p95, max } = await timeIt(30, fn);
      const verdict = target === undefined ? '' : ` [target < ${target} ms: ${p95 < target ? 'met' : p50 < target ? 'p50 met, p95 MISSED' : 'MISSED'}]`;
      console.log(`${label}: p50 ${fmt(p50)} ms, p95 ${fmt(p95)} ms, max ${fmt(max)} ms${verdict}`);
    }
    const check = process.hrtime.bigint();
    const drift = await store.checkRollups();
    console.log(`rollups vs ledger: ${drift.length === 0 ? 'equal' : `${drift.length} MISMATCHES`} (checked in ${fmt(ms(check) / 1000)} s)`);
  } finally {
    await store.close(); // destroys db too
    await cleanup();
  }
}

export async function runStoreBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'studybot-bench-'));
  await benchBackend('SQLite (better-sqlite3, WAL, temp file)', `sqlite:${join(dir, 'bench.sqlite')}`, {}, async () =>
    rmSync(dir, { recursive: true, force: true }),
  );

  const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!pgUrl) {
    console.log('\n-- PostgreSQL: skipped (set TEST_DATABASE_URL or BENCH_DATABASE_URL to a postgres:// URL to include it)');
    return;
  }
  const schema = `store_bench_${randomBytes(4).toString('hex')}`;
  await benchBackend('PostgreSQL (pg pool of 10, throwaway schema)', pgUrl, { pgSchema: schema }, async () => {
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    try {
      await client.query(`drop schema if exists ${schema} cascade`);
    } finally {
      await client.end();
    }
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runStoreBench();
}
