import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type DialectAdapter,
  type Driver,
  type SchemaMetadata,
  type SqliteDialectConfig,
  type TableMetadata,
} from 'kysely';
import pg from 'pg';
import type { Database, Dialect } from './schema.ts';
import { StoreError } from './types.ts';

export type DatabaseTarget =
  | { dialect: 'sqlite'; filename: string }
  | { dialect: 'postgres'; connectionString: string };

/** `sqlite:./data/x.sqlite`, `sqlite::memory:` or `postgres://…` (see src/config.ts). */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  if (url.startsWith('sqlite:')) {
    const filename = url.slice('sqlite:'.length);
    if (filename === '') throw new StoreError('invalid-url', 'DATABASE_URL sqlite: needs a file path, e.g. sqlite:./data/studybot.sqlite');
    return { dialect: 'sqlite', filename };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { dialect: 'postgres', connectionString: url };
  throw new StoreError('invalid-url', 'DATABASE_URL must start with sqlite: or postgres://');
}

/** SQLite supports transactional DDL, so migrations can run in one transaction like on PostgreSQL. */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/**
 * A first-come-first-served lock. Kysely's own SQLite mutex wakes every waiter on each release (all but one go
 * back to sleep), which costs O(n²) with a thousand answers queued behind one connection.
 */
class FifoLock {
  private busy = false;
  private readonly waiters: Array<() => void> = [];
  async acquire(): Promise<void> {
    if (!this.busy) {
      this.busy = true;
      return;
    }
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }
  release(): void {
    const next = this.waiters.shift();
    // Hand the lock straight to the next waiter, or free it.
    if (next) next();
    else this.busy = false;
  }
}

/**
 * Kysely's SQLite driver with two changes. BEGIN IMMEDIATE takes the write lock up front, so two processes sharing
 * the file wait on busy_timeout instead of failing with SQLITE_BUSY when a read transaction tries to upgrade.
 * Waiters for the single connection queue in order (see FifoLock), so Kysely's mutex never has more than one.
 */
class StoreSqliteDriver extends SqliteDriver {
  private readonly queue = new FifoLock();
  override async acquireConnection(): Promise<DatabaseConnection> {
    await this.queue.acquire();
    return super.acquireConnection();
  }
  override async releaseConnection(): Promise<void> {
    await super.releaseConnection();
    this.queue.release();
  }
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/**
 * Reuses prepared statements (Kysely prepares every query afresh); bounded, oldest evicted first. Safe because the
 * store never streams (a statement mid-iteration could not be reused).
 */
function withStatementCache(db: SqliteDatabase.Database, size = 256): SqliteDialectConfig['database'] {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => db.close(),
    prepare(text: string) {
      let stmt = cache.get(text);
      if (!stmt) {
        stmt = db.prepare(text);
        cache.set(text, stmt);
        if (cache.size > size) {
          const oldest = cache.keys().next().value;
          if (oldest !== undefined) cache.delete(oldest);
        }
      }
      return stmt;
    },
  };
}

class StoreSqliteDialect extends SqliteDialect {
  constructor(private readonly storeConfig: SqliteDialectConfig) {
    super(storeConfig);
  }
  override createDriver(): Driver {
    return new StoreSqliteDriver(this.storeConfig);
  }
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

function openSqlite(filename: string): Kysely<Database> {
  const inMemory = filename === ':memory:';
  let sqlite: SqliteDatabase.Database;
  try {
    if (!inMemory) mkdirSync(dirname(resolve(filename)), { recursive: true });
    // Wait for another process's write lock instead of failing at once (set first: switching to WAL may wait too).
    sqlite = new SqliteDatabase(filename, { timeout: 5000 });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new StoreError('cannot-open', `cannot open the SQLite database ${resolve(filename)}: ${reason}. Check DATABASE_URL and that its folder can be created and written.`);
  }
  if (!inMemory) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  // WAL makes NORMAL durable enough (a power cut may lose the last commit, never corrupt).
  sqlite.pragma('synchronous = NORMAL');
  return new Kysely<Database>({ dialect: new StoreSqliteDialect({ database: withStatementCache(sqlite) }) });
}

/**
 * Names only, from pg_namespace and pg_tables. Kysely's Migrator asks "does my table exist?" by listing every
 * column of every table in the database; that query fails when another process drops a schema at the same moment
 * (parallel test files do) and slows down with many schemas. The store needs nothing more than names.
 */
class TableNamesIntrospector implements DatabaseIntrospector {
  constructor(private readonly db: Kysely<unknown>) {}
  async getSchemas(): Promise<SchemaMetadata[]> {
    const { rows } = await sql<{ name: string }>`select nspname as name from pg_catalog.pg_namespace`.execute(this.db);
    return rows;
  }
  async getTables(): Promise<TableMetadata[]> {
    const { rows } = await sql<{ name: string; schema: string }>`
      select tablename as name, schemaname as schema from pg_catalog.pg_tables
      where schemaname not in ('pg_catalog', 'information_schema')`.execute(this.db);
    return rows.map((r) => ({ ...r, isView: false, columns: [] }));
  }
  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() };
  }
}

class StorePostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new TableNamesIntrospector(db);
  }
}

const INT8_OID = 20;
/** bigint columns hold epoch milliseconds and counts: well inside 2^53, so numbers, not strings. */
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

export function validSchemaName(name: string): boolean {
  return /^[a-z_][a-z0-9_]{0,62}$/.test(name);
}

async function openPostgres(
  connectionString: string,
  schema: string | undefined,
  poolSize: number,
): Promise<{ db: Kysely<Database>; schema: string }> {
  if (schema !== undefined) {
    if (!validSchemaName(schema)) throw new StoreError('invalid-input', `schema name "${schema}" must match [a-z_][a-z0-9_]*`);
    const admin = new pg.Client({ connectionString });
    await admin.connect();
    try {
      await admin.query(`create schema if not exists ${schema}`);
    } catch (error) {
      // Two processes creating the same schema at once: the loser sees a duplicate; the schema is there either way.
      const exists = await admin.query('select 1 from pg_namespace where nspname = $1', [schema]);
      if (exists.rowCount === 0) throw error;
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    types: pgTypes,
    ...(schema !== undefined ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new StorePostgresDialect({ pool }) });
  const row = await db
    .selectNoFrom((eb) => eb.fn<string>('current_schema').as('schema'))
    .executeTakeFirstOrThrow()
    .catch(async (error: unknown) => {
      await db.destroy();
      throw error;
    });
  return { db, schema: row.schema };
}

export interface Connection {
  db: Kysely<Database>;
  dialect: Dialect;
  /** PostgreSQL schema in use (where the migration tables live); undefined for SQLite. */
  schema?: string;
}

export async function connect(url: string, options: { pgSchema?: string; pgPoolSize?: number } = {}): Promise<Connection> {
  const target = parseDatabaseUrl(url);
  if (target.dialect === 'sqlite') return { db: openSqlite(target.filename), dialect: 'sqlite' };
  const { db, schema } = await openPostgres(target.connectionString, options.pgSchema, options.pgPoolSize ?? 10);
  return { db, dialect: 'postgres', schema };
}
