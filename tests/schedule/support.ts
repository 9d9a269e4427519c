import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach } from 'vitest';
import { silentLogger } from '../../src/logger.ts';
import type { Question } from '../../src/quiz/schema.ts';
import { openJobLeases, type JobLeases } from '../../src/schedule/leases.ts';
import { DailyQuizScheduler, type SchedulerOptions } from '../../src/schedule/scheduler.ts';
import { openStore, type OpenStoreOptions } from '../../src/store/index.ts';
import type { GuildConfigInput, Store } from '../../src/store/types.ts';
import { createClock, FakeCron, FakePublisher, POOL, type Clock } from './fixtures.ts';

export * from './fixtures.ts';

export interface Backend {
  name: 'sqlite' | 'postgres';
  provision(): Promise<{ url: string; options: OpenStoreOptions; dispose(): Promise<void> }>;
}

export const backends: Backend[] = [
  {
    name: 'sqlite',
    async provision() {
      const dir = mkdtempSync(join(tmpdir(), 'studybot-schedule-'));
      return { url: `sqlite:${join(dir, 'bot.sqlite')}`, options: {}, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  ...(process.env.TEST_DATABASE_URL
    ? [
        {
          name: 'postgres' as const,
          async provision() {
            const url = process.env.TEST_DATABASE_URL ?? '';
            const schema = `schedule_test_${randomBytes(6).toString('hex')}`;
            return {
              url,
              options: { pgSchema: schema, pgPoolSize: 4 },
              async dispose() {
                const client = new pg.Client({ connectionString: url });
                await client.connect();
                try {
                  await client.query(`drop schema if exists ${schema} cascade`);
                } finally {
                  await client.end();
                }
              },
            };
          },
        },
      ]
    : []),
];

/** One bot process: its own store connection, lease connection, publisher and scheduler, sharing the database. */
export interface Bot {
  store: Store;
  leases: JobLeases;
  publisher: FakePublisher;
  cron: FakeCron;
  scheduler: DailyQuizScheduler;
  sleeps: number[];
}

export interface World {
  clock: Clock;
  /** The database every process of this test shares. */
  url: string;
  /** Starts another process on the same database; a shared publisher stands for the one Discord channel. */
  process(options?: { publisher?: FakePublisher; questions?: () => readonly Question[]; overrides?: SchedulerOptions['overrides'] }): Promise<Bot>;
  /** The first process, opened for every test. */
  bot: Bot;
  configure(input: GuildConfigInput): Promise<void>;
}

export function useWorld(backend: Backend, startIso: string): () => World {
  let world: World | undefined;
  let cleanup: Array<() => Promise<void>> = [];
  beforeEach(async () => {
    const clock = createClock(startIso);
    const location = await backend.provision();
    cleanup = [location.dispose];
    const open = async (options: Parameters<World['process']>[0] = {}): Promise<Bot> => {
      const store = await openStore(location.url, { ...location.options, now: clock.now });
      const leases = await openJobLeases(location.url, clock.now, location.options.pgSchema ? { pgSchema: location.options.pgSchema } : {});
      const publisher = options.publisher ?? new FakePublisher();
      const cron = new FakeCron();
      const sleeps: number[] = [];
      const scheduler = new DailyQuizScheduler({
        store,
        leases,
        publisher,
        cron,
        questions: options.questions ?? (() => POOL),
        logger: silentLogger,
        now: clock.now,
        sleep: async (ms) => void sleeps.push(ms),
        ...(options.overrides ? { overrides: options.overrides } : {}),
      });
      cleanup.push(async () => {
        await scheduler.stop();
        await leases.close();
        await store.close();
      });
      return { store, leases, publisher, cron, scheduler, sleeps };
    };
    const bot = await open();
    world = {
      clock,
      url: location.url,
      process: open,
      bot,
      configure: async (input) => void (await bot.store.upsertGuildConfig(input)),
    };
  });
  afterEach(async () => {
    for (const step of cleanup.reverse()) await step();
    cleanup = [];
    world = undefined;
  });
  return () => {
    if (!world) throw new Error('world used outside a test');
    return world;
  };
}
