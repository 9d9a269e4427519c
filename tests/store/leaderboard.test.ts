import { describe, expect, it } from 'vitest';
import type { LedgerInput, Store } from '../../src/store/index.ts';
import { backends, GUILD, OTHER_GUILD, useStore, type Backend } from './support.ts';

const award = (userId: string, points: number, localDate = '2026-03-02', guildId = GUILD, reason = 'correct'): LedgerInput => ({
  guildId,
  userId,
  points,
  reason,
  localDate,
});

/** Seven players with ties at 20 and at 10: competition ranks 1, 2, 2, 4, 4, 4, 7. */
async function seedTies(store: Store): Promise<void> {
  await store.addPoints([
    award('gina', 5),
    award('dave', 10),
    award('erin', 6),
    award('erin', 4, '2026-03-03', GUILD, 'bonus'),
    award('frank', 10),
    award('carl', 20),
    award('bea', 20),
    award('ann', 30),
    award('zed', 100, '2026-03-02', OTHER_GUILD),
  ]);
}

describe.each(backends)('leaderboard on $name', (backend: Backend) => {
  const fx = useStore(backend);

  it('uses standard competition ranking, ties listed by user id', async () => {
    const { store } = fx();
    await seedTies(store);
    const board = await store.leaderboard({ guildId: GUILD, limit: 10 });
    expect(board.total).toBe(7);
    expect(board.entries.map((e) => [e.rank, e.userId, e.points])).toEqual([
      [1, 'ann', 30],
      [2, 'bea', 20],
      [2, 'carl', 20],
      [4, 'dave', 10],
      [4, 'erin', 10],
      [4, 'frank', 10],
      [7, 'gina', 5],
    ]);
  });

  it('pages keep the ranks of ties that straddle a page boundary', async () => {
    const { store } = fx();
    await seedTies(store);
    const page = async (offset: number, limit: number) =>
      (await store.leaderboard({ guildId: GUILD, limit, offset })).entries.map((e) => `${e.rank}:${e.userId}`);
    expect(await page(0, 2)).toEqual(['1:ann', '2:bea']);
    expect(await page(2, 2)).toEqual(['2:carl', '4:dave']);
    expect(await page(4, 2)).toEqual(['4:erin', '4:frank']);
    expect(await page(6, 2)).toEqual(['7:gina']);
    expect(await store.leaderboard({ guildId: GUILD, limit: 2, offset: 50 })).toEqual({ entries: [], total: 7 });
  });

  it('filters by an inclusive local-date period and ranks within it', async () => {
    const { store } = fx();
    await seedTies(store);
    await store.addPoints([award('gina', 50, '2026-03-09'), award('ann', 1, '2026-03-09'), award('ann', 1, '2026-03-10', GUILD, 'late')]);
    const week = await store.leaderboard({ guildId: GUILD, from: '2026-03-09', to: '2026-03-15', limit: 10 });
    expect(week).toEqual({
      entries: [
        { rank: 1, userId: 'gina', points: 50 },
        { rank: 2, userId: 'ann', points: 2 },
      ],
      total: 2,
    });
    const firstDay = await store.leaderboard({ guildId: GUILD, from: '2026-03-02', to: '2026-03-02', limit: 3, offset: 3 });
    expect(firstDay.entries.map((e) => `${e.rank}:${e.userId}:${e.points}`)).toEqual(['4:dave:10', '4:frank:10', '6:erin:6']);
    expect(firstDay.total).toBe(7);
    const open = await store.leaderboard({ guildId: GUILD, from: '2026-03-03', limit: 10 });
    expect(open.entries.map((e) => e.userId)).toEqual(['gina', 'erin', 'ann']);
    expect(await store.leaderboard({ guildId: GUILD, from: '2027-01-01', limit: 10 })).toEqual({ entries: [], total: 0 });
  });

  it('whole months and ISO weeks (read from rollups) agree with the same days summed', async () => {
    const { store } = fx();
    await seedTies(store);
    await store.addPoints([award('gina', 50, '2026-03-09'), award('bea', 3, '2026-03-15'), award('ann', 7, '2026-03-16'), award('carl', 9, '2026-02-28')]);
    const board = (from: string, to: string) => store.leaderboard({ guildId: GUILD, from, to, limit: 20 });
    // 2026-03-09 is a Monday: 09..15 is ISO week 2026-W11; 08..15 is the same points summed day by day.
    expect(await board('2026-03-09', '2026-03-15')).toEqual(await board('2026-03-08', '2026-03-15'));
    expect((await board('2026-03-09', '2026-03-15')).entries.map((e) => e.userId)).toEqual(['gina', 'bea']);
    // March as a whole month versus March plus an empty day of April.
    const march = await board('2026-03-01', '2026-03-31');
    expect(march).toEqual(await board('2026-03-01', '2026-04-01'));
    expect(march.entries[0]).toEqual({ rank: 1, userId: 'gina', points: 55 });
    expect(await store.rankOf(GUILD, 'carl', { from: '2026-02-01', to: '2026-02-28' })).toEqual({ rank: 1, points: 9, total: 1 });
  });

  it('rankOf agrees with the board, all time and for a period; no points means no rank', async () => {
    const { store } = fx();
    await seedTies(store);
    expect(await store.rankOf(GUILD, 'frank')).toEqual({ rank: 4, points: 10, total: 7 });
    expect(await store.rankOf(GUILD, 'erin', { from: '2026-03-02', to: '2026-03-02' })).toEqual({ rank: 6, points: 6, total: 7 });
    expect(await store.rankOf(GUILD, 'zed')).toEqual({ rank: null, points: 0, total: 7 });
    expect(await store.rankOf(OTHER_GUILD, 'zed')).toEqual({ rank: 1, points: 100, total: 1 });
    expect(await store.rankOf(GUILD, 'ann', { from: '2026-03-03' })).toEqual({ rank: null, points: 0, total: 1 });
  });

  it('rejects a malformed period or page', async () => {
    const { store } = fx();
    await expect(store.leaderboard({ guildId: GUILD, from: '2026-3-1', limit: 10 })).rejects.toThrow(/from/);
    await expect(store.leaderboard({ guildId: GUILD, limit: 0 })).rejects.toThrow(/limit/);
  });
});
