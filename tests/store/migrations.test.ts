import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Migrator, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { connect } from '../../src/store/connect.ts';
import { migrateToLatest, storeMigrations } from '../../src/store/migrations.ts';
import { openStore, parseDatabaseUrl, StoreError, type Store } from '../../src/store/index.ts';
import { backends, type Backend } from './support.ts';

const run = promisify(execFile);
const RACE_SCRIPT = fileURLToPath(new URL('./race-process.ts', import.meta.url));

/** The store's own migrator over a connection, so a test can stop at any version. */
function migratorFor(db: unknown, dialect: Parameters<typeof storeMigrations>[0], schema: string | undefined): Migrator {
  return new Migrator({
    db: db as Kysely<unknown>,
    provider: { getMigrations: async () => storeMigrations(dialect) },
    migrationTableName: 'studybot_migration',
    migrationLockTableName: 'studybot_migration_lock',
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
}

describe('parseDatabaseUrl', () => {
  it('reads the three documented forms', () => {
    expect(parseDatabaseUrl('sqlite:./data/studybot.sqlite')).toEqual({ dialect: 'sqlite', filename: './data/studybot.sqlite' });
    expect(parseDatabaseUrl('sqlite::memory:')).toEqual({ dialect: 'sqlite', filename: ':memory:' });
    expect(parseDatabaseUrl('postgres://u@h:5432/db')).toEqual({ dialect: 'postgres', connectionString: 'postgres://u@h:5432/db' });
  });

  it('rejects anything else with a StoreError that names the variable', () => {
    expect(() => parseDatabaseUrl('mysql://x')).toThrow(StoreError);
    expect(() => parseDatabaseUrl('mysql://x')).toThrow(/DATABASE_URL/);
    expect(() => parseDatabaseUrl('sqlite:')).toThrow(/needs a file path/);
  });
});

describe.each(backends)('migrations on $name', (backend: Backend) => {
  const disposers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const d of disposers.reverse()) await d();
    disposers.length = 0;
  });

  async function fresh() {
    const location = await backend.provision();
    disposers.push(location.dispose);
    return location;
  }
  async function open(location: Awaited<ReturnType<typeof fresh>>): Promise<Store> {
    const store = await openStore(location.url, location.options);
    disposers.push(() => store.close());
    return store;
  }

  it('are idempotent: a second run applies nothing and keeps the data', async () => {
    const location = await fresh();
    const first = await open(location);
    await first.upsertGuildConfig({ guildId: 'g1', channelId: 'c1', postTime: '09:00', timeZone: 'Europe/Berlin' });

    const { db, dialect, schema } = await connect(location.url, location.options);
    disposers.push(() => db.destroy());
    const applied = await migrateToLatest(db as never, dialect, schema ? { migrationTableSchema: schema } : {});
    expect(applied).toEqual([]);
    const recorded = await db.selectFrom('studybot_migration' as never).selectAll().execute();
    expect(recorded).toHaveLength(Object.keys(storeMigrations(dialect)).length);

    const second = await open(location);
    expect((await second.getGuildConfig('g1'))?.timeZone).toBe('Europe/Berlin');
  });

  it('survive three processes starting at once on an empty database, which then race for one daily quiz', async () => {
    const location = await fresh();
    const schema = location.options.pgSchema ?? '-';
    const outputs = await Promise.all(
      [1, 2, 3].map(() =>
        run(process.execPath, ['--import', 'tsx', RACE_SCRIPT, location.url, schema, '2026-03-05'], { cwd: process.cwd() }),
      ),
    );
    const results = outputs.map((o) => JSON.parse(o.stdout) as { created: boolean; id: number; questionId: string });
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(new Set(results.map((r) => r.questionId)).size).toBe(1);

    const store = await open(location);
    const quiz = await store.getQuizByDate('111111111111111111', '2026-03-05');
    expect(quiz?.id).toBe(results[0]!.id);
    expect(await store.usedQuestionIds('111111111111111111')).toEqual([quiz?.questionId]);
  }, 60_000);

  it('0005 keeps every existing guild on all questions, and the database refuses any other setting', async () => {
    const location = await fresh();
    const { db, dialect, schema } = await connect(location.url, location.options);
    disposers.push(() => db.destroy());
    const migrator = migratorFor(db, dialect, schema);
    expect((await migrator.migrateTo('0004_practice_card')).error).toBeUndefined();
    await db
      .insertInto('guild_config')
      .values({ guild_id: 'g1', channel_id: 'c1', post_time: '09:00', time_zone: 'UTC', paused: 0, updated_at: 0 } as never)
      .execute();
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const store = await open(location);
    expect((await store.getGuildConfig('g1'))?.questionSet).toBe('all');
    await expect(db.updateTable('guild_config').set({ question_set: 'some' } as never).execute()).rejects.toThrow(/check|constraint/i);
    expect(await store.retiredQuestionIds('g1')).toEqual([]);
  });

  it('0003 turns the old `permanent: ` / `retryable: ` reason prefixes into the flag and a plain sentence', async () => {
    const location = await fresh();
    const { db, dialect, schema } = await connect(location.url, location.options);
    disposers.push(() => db.destroy());
    const migrator = migratorFor(db, dialect, schema);
    const before = await migrator.migrateTo('0002_lease');
    expect(before.error).toBeUndefined();
    const row = (localDate: string, reason: string | null) => ({
      guild_id: 'g1',
      local_date: localDate,
      seq: Number(localDate.slice(-1)),
      question_id: `q_${localDate}`,
      topic: 'S3',
      channel_id: 'c1',
      opens_at: 1,
      closes_at: 2,
      state: reason === null ? 'pending' : 'failed',
      fail_reason: reason,
      attempts: reason === null ? 0 : 1,
      created_at: 0,
    });
    // Written as the 0001 schema knew them (no fail_permanent column yet).
    await db
      .insertInto('daily_quiz')
      .values([
        row('2026-03-01', 'permanent: its answer window ended before it could be posted'),
        row('2026-03-02', 'retryable: 502 Bad Gateway'),
        row('2026-03-03', null),
      ] as never)
      .execute();

    const store = await open(location);
    const failed = await Promise.all(['2026-03-01', '2026-03-02', '2026-03-03'].map((d) => store.getQuizByDate('g1', d)));
    expect(failed.map((q) => [q?.failReason, q?.failPermanent])).toEqual([
      ['Its answer window ended before it could be posted', true],
      ['502 Bad Gateway', false],
      [null, false],
    ]);
  });

  // One SQLite file is meant for one connection per process, so only PostgreSQL gets the in-process variant.
  it.runIf(backend.name === 'postgres')('in one process, concurrent opens (separate pools) migrate once', async () => {
    const location = await fresh();
    const stores = await Promise.all([open(location), open(location), open(location)]);
    await stores[0]!.upsertGuildConfig({ guildId: 'g1', channelId: 'c1', postTime: '09:00', timeZone: 'UTC' });
    for (const s of stores) expect((await s.getGuildConfig('g1'))?.channelId).toBe('c1');
  });
});

describe.runIf(backends.some((b) => b.name === 'sqlite'))('sqlite file setup', () => {
  it('creates the parent folder and the file on first start, in WAL mode', async () => {
    const location = await backends[0]!.provision();
    try {
      const filename = parseDatabaseUrl(location.url);
      if (filename.dialect !== 'sqlite') throw new Error('expected sqlite');
      expect(existsSync(dirname(filename.filename))).toBe(false);
      const store = await openStore(location.url);
      await store.close();
      expect(existsSync(filename.filename)).toBe(true);
      const raw = new SqliteDatabase(filename.filename, { readonly: true });
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      raw.close();
    } finally {
      await location.dispose();
    }
  });

  it('works in memory for tests', async () => {
    const store = await openStore('sqlite::memory:');
    await store.upsertGuildConfig({ guildId: 'g1', channelId: 'c1', postTime: '23:59', timeZone: 'Asia/Tokyo' });
    expect((await store.listActiveGuildConfigs()).map((c) => c.guildId)).toEqual(['g1']);
    await store.close();
  });
});
