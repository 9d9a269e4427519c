import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach } from 'vitest';
import { openStore, type OpenStoreOptions } from '../../src/store/index.ts';
import type { Award, DailyQuiz, Store } from '../../src/store/index.ts';

/**
 * Every store test runs against SQLite (a temp file, WAL) and, when TEST_DATABASE_URL is set, against PostgreSQL in
 * a fresh schema per test that is dropped afterwards, so parallel test files never see each other's rows.
 */
export interface Backend {
  name: 'sqlite' | 'postgres';
  /** A new, empty database location: returns the URL and store options, plus how to remove it. */
  provision(): Promise<{ url: string; options: OpenStoreOptions; dispose(): Promise<void> }>;
}

const sqliteBackend: Backend = {
  name: 'sqlite',
  async provision() {
    const dir = mkdtempSync(join(tmpdir(), 'studybot-store-'));
    return {
      url: `sqlite:${join(dir, 'nested', 'store.sqlite')}`,
      options: {},
      async dispose() {
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

function postgresBackend(url: string): Backend {
  return {
    name: 'postgres',
    async provision() {
      const schema = `store_test_${randomBytes(6).toString('hex')}`;
      return {
        url,
        options: { pgSchema: schema, pgPoolSize: 8 },
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
  };
}

export const backends: Backend[] = [
  sqliteBackend,
  ...(process.env.TEST_DATABASE_URL ? [postgresBackend(process.env.TEST_DATABASE_URL)] : []),
];

/** A clock the test moves by hand. */
export interface Clock {
  now(): Date;
  set(iso: string): void;
}

export function createClock(iso = '2026-03-02T08:00:00Z'): Clock {
  let t = new Date(iso);
  return { now: () => t, set: (next) => void (t = new Date(next)) };
}

export interface StoreFixture {
  store: Store;
  clock: Clock;
  /** Opens another store on the same database — a second process, as far as the database can tell. */
  openAnother(): Promise<Store>;
  url: string;
  options: OpenStoreOptions;
}

/** Registers beforeEach/afterEach that give each test a fresh, migrated store; read `fx()` inside tests. */
export function useStore(backend: Backend): () => StoreFixture {
  let fixture: StoreFixture | undefined;
  let cleanup: Array<() => Promise<void>> = [];
  beforeEach(async () => {
    const clock = createClock();
    const location = await backend.provision();
    const options: OpenStoreOptions = { ...location.options, now: clock.now };
    cleanup = [location.dispose]; // dropped even if opening fails
    const store = await openStore(location.url, options);
    cleanup.push(() => store.close());
    fixture = {
      store,
      clock,
      url: location.url,
      options,
      async openAnother() {
        const other = await openStore(location.url, options);
        cleanup.push(() => other.close());
        return other;
      },
    };
  });
  afterEach(async () => {
    // Close stores before dropping the database they use.
    for (const step of cleanup.reverse()) await step();
    cleanup = [];
    fixture = undefined;
  });
  return () => {
    if (!fixture) throw new Error('store fixture used outside a test');
    return fixture;
  };
}

export const GUILD = '111111111111111111';
export const OTHER_GUILD = '222222222222222222';
export const CHANNEL = '333333333333333333';

/** A guild's quiz for a local date, claimed and posted; open for one day from 09:00 UTC that date. */
export async function postQuiz(
  store: Store,
  localDate: string,
  opts: { guildId?: string; questionId?: string; topic?: string } = {},
): Promise<DailyQuiz> {
  const opensAt = new Date(`${localDate}T09:00:00Z`);
  const { quiz } = await store.claimDailyQuiz({
    guildId: opts.guildId ?? GUILD,
    localDate,
    questionId: opts.questionId ?? `q_${localDate}`,
    topic: opts.topic ?? 'S3',
    channelId: CHANNEL,
    opensAt,
    closesAt: new Date(opensAt.getTime() + 23 * 3600_000),
  });
  const posted = await store.markPosted(quiz.id, `m_${quiz.id}`);
  if (posted.status !== 'updated') throw new Error(`could not post quiz ${quiz.id}: ${posted.status}`);
  return posted.quiz;
}

/** Posts a quiz, records each user's answer (true = correct), and reveals it awarding 10 points per correct answer. */
export async function playDay(
  store: Store,
  localDate: string,
  answers: Record<string, boolean>,
  opts: { guildId?: string; questionId?: string; topic?: string } = {},
): Promise<DailyQuiz> {
  const quiz = await postQuiz(store, localDate, opts);
  const during = new Date(quiz.opensAt.getTime() + 60_000);
  for (const [userId, correct] of Object.entries(answers)) {
    const r = await store.recordAnswer({ quizId: quiz.id, userId, choices: [correct ? 0 : 1], correct, credit: correct ? 1 : 0, answeredAt: during });
    if (r.status !== 'recorded') throw new Error(`answer for ${userId} not recorded: ${r.status}`);
  }
  const revealed = await store.revealQuiz(quiz.id, tenPointsPerCorrect);
  if (revealed.status !== 'revealed') throw new Error(`could not reveal quiz ${quiz.id}: ${revealed.status}`);
  return revealed.quiz;
}

export const tenPointsPerCorrect = (answers: { userId: string; correct: boolean }[]): Award[] =>
  answers.filter((a) => a.correct).map((a) => ({ userId: a.userId, points: 10, reason: 'correct' }));
