import { afterEach, beforeEach } from 'vitest';
import { silentLogger } from '../../src/logger.ts';
import type { Question } from '../../src/quiz/schema.ts';
import { DailyQuizScheduler, type SchedulerOptions } from '../../src/schedule/scheduler.ts';
import { openStore } from '../../src/store/index.ts';
import type { GuildConfigInput, Store } from '../../src/store/types.ts';
import type { Backend } from '../store/support.ts';
import { createClock, FakeCron, FakePublisher, POOL, type Clock } from './fixtures.ts';

export * from './fixtures.ts';

// The same databases as the store tests: a temp SQLite file, and a throwaway PostgreSQL schema when TEST_DATABASE_URL is set.
export { backends, type Backend } from '../store/support.ts';

/**
 * One bot process: its own store (its one connection, or pool), publisher and scheduler, sharing the database.
 * On SQLite, two of them in one test process must not write at the same moment: better-sqlite3 waits for another
 * connection's lock synchronously, blocking the event loop that would release it. Tests that race use PostgreSQL,
 * or real processes (processRace.test.ts).
 */
export interface Bot {
  store: Store;
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
      const publisher = options.publisher ?? new FakePublisher();
      const cron = new FakeCron();
      const sleeps: number[] = [];
      const scheduler = new DailyQuizScheduler({
        store,
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
        await store.close();
      });
      return { store, publisher, cron, scheduler, sleeps };
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
