import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import { backends, CHANNEL_A, GUILD_A } from './support.ts';

const run = promisify(execFile);
const WORKER = fileURLToPath(new URL('./raceWorker.ts', import.meta.url));

interface Entry {
  pid: number;
  kind: 'post' | 'reveal' | 'done';
  quizId?: number;
  guildId?: string;
  errors?: string[];
}

/** Runs `count` bot processes at once against the database, all at the same clock time. */
async function race(count: number, url: string, clockIso: string, outFile: string, pgSchema?: string): Promise<void> {
  await Promise.all(
    Array.from({ length: count }, () =>
      run(process.execPath, ['--import', 'tsx', WORKER, url, clockIso, outFile, '2', ...(pgSchema ? [pgSchema] : [])], { timeout: 60_000 }),
    ),
  );
}

const GUILDS = [GUILD_A, '100000000000000003', '100000000000000004'];

for (const backend of backends) {
  describe(`three bot processes on one ${backend.name} database`, () => {
    let dispose: (() => Promise<void>) | undefined;
    let dir: string | undefined;
    afterEach(async () => {
      await dispose?.();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('post each guild’s quiz once and reveal it once with one award set', { timeout: 120_000 }, async () => {
      const location = await backend.provision();
      dispose = location.dispose;
      dir = mkdtempSync(join(tmpdir(), 'studybot-race-'));
      const out = join(dir, 'discord.jsonl');
      const setupClock = () => new Date('2026-03-02T07:00:00Z');
      const store = await openStore(location.url, { ...location.options, now: setupClock });
      try {
        for (const [i, guildId] of GUILDS.entries()) {
          await store.upsertGuildConfig({ guildId, channelId: `${CHANNEL_A.slice(0, -1)}${i}`, postTime: '09:00', timeZone: 'Europe/Berlin', openForMinutes: 60 });
        }
        await race(3, location.url, '2026-03-02T08:00:00Z', out, location.options.pgSchema);
        const quizzes = await Promise.all(GUILDS.map((g) => store.getQuizByDate(g, '2026-03-02')));
        for (const quiz of quizzes) {
          if (!quiz) throw new Error('missing quiz');
          await store.recordAnswer({ quizId: quiz.id, userId: 'alice', choices: [0], correct: true, credit: 1, answeredAt: new Date('2026-03-02T08:30:00Z') });
        }
        await race(3, location.url, '2026-03-02T09:00:00Z', out, location.options.pgSchema);

        const entries = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Entry);
        expect(entries.filter((e) => e.kind === 'done').flatMap((e) => e.errors)).toEqual([]);
        const postsPerGuild = GUILDS.map((g) => entries.filter((e) => e.kind === 'post' && e.guildId === g).length);
        expect(postsPerGuild).toEqual([1, 1, 1]);
        const revealsPerGuild = GUILDS.map((g) => entries.filter((e) => e.kind === 'reveal' && e.guildId === g).length);
        expect(revealsPerGuild).toEqual([1, 1, 1]);
        // The work was actually shared out or raced: more than one process exists in the log.
        expect(new Set(entries.map((e) => e.pid)).size).toBe(6);
        const ledger = await store.ledgerFor(GUILD_A, 'alice');
        expect(ledger.map((e) => e.reason).sort()).toEqual(['correct', 'first']);
        expect(await store.checkRollups()).toEqual([]);
      } finally {
        await store.close();
      }
    });
  });
}
