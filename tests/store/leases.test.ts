import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src/store/index.ts';
import { backends, useStore, type Backend } from './support.ts';

const MINUTE = 60_000;

describe.each(backends)('leases on $name', (backend: Backend) => {
  const fx = useStore(backend);
  const at = (iso: string) => new Date(iso);

  it('one holder at a time; free again after release or expiry; a stale token releases nothing', async () => {
    const { store } = fx();
    const t0 = at('2026-03-02T08:00:00Z');
    const first = await store.acquireLease('daily-quiz:1:post', 'host-a:1', MINUTE, t0);
    expect(first).toEqual(expect.any(String));
    expect(await store.acquireLease('daily-quiz:1:post', 'host-b:2', MINUTE, t0)).toBeUndefined();
    expect(await store.acquireLease('daily-quiz:1:reveal', 'host-b:2', MINUTE, t0)).toBeDefined(); // another key
    expect(await store.releaseLease('daily-quiz:1:post', first ?? '')).toBe(true);

    const second = await store.acquireLease('daily-quiz:1:post', 'host-b:2', MINUTE, t0);
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    expect(await store.getLease('daily-quiz:1:post')).toEqual({ key: 'daily-quiz:1:post', holder: 'host-b:2', expiresAt: at('2026-03-02T08:01:00Z') });
    expect(await store.acquireLease('daily-quiz:1:post', 'host-a:1', MINUTE, at('2026-03-02T08:00:59.999Z'))).toBeUndefined();
    const third = await store.acquireLease('daily-quiz:1:post', 'host-a:1', MINUTE, at('2026-03-02T08:01:00Z'));
    expect(third).toBeDefined();

    // host-b's lease expired and was taken over: its late release must not free host-a's.
    expect(await store.releaseLease('daily-quiz:1:post', second ?? '')).toBe(false);
    expect((await store.getLease('daily-quiz:1:post'))?.holder).toBe('host-a:1');
    expect(await store.acquireLease('daily-quiz:1:post', 'host-b:2', MINUTE, at('2026-03-02T08:01:30Z'))).toBeUndefined();
  });

  it('without `now`, expiry follows the store clock', async () => {
    const { store, clock } = fx();
    clock.set('2026-03-02T08:00:00Z');
    expect(await store.acquireLease('k', 'a', MINUTE)).toBeDefined();
    clock.set('2026-03-02T08:00:59Z');
    expect(await store.acquireLease('k', 'b', MINUTE)).toBeUndefined();
    clock.set('2026-03-02T08:01:00Z');
    expect(await store.acquireLease('k', 'b', MINUTE)).toBeDefined();
  });

  it('twenty concurrent acquires of one key: exactly one wins', async () => {
    const { store, openAnother } = fx();
    // On PostgreSQL a second store is a second pool; one SQLite file gets one connection per process (another
    // process is covered by the scheduler's process race).
    const other = backend.name === 'postgres' ? await openAnother() : store;
    const now = at('2026-03-02T08:00:00Z');
    const tokens = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? other : store).acquireLease('daily-quiz:42:post', `holder-${i}`, MINUTE, now)),
    );
    expect(tokens.filter((t) => t !== undefined)).toHaveLength(1);
  });

  it('live in the database: a store opened later (a restarted process) sees the lease until it expires', async () => {
    const { store, openAnother } = fx();
    const now = at('2026-03-02T08:00:00Z');
    expect(await store.acquireLease('daily-quiz:7:reveal', 'crashed:9', 5 * MINUTE, now)).toBeDefined();
    const restarted = await openAnother();
    expect(await restarted.acquireLease('daily-quiz:7:reveal', 'restarted:10', 5 * MINUTE, now)).toBeUndefined();
    expect(await restarted.acquireLease('daily-quiz:7:reveal', 'restarted:10', 5 * MINUTE, at('2026-03-02T08:05:00Z'))).toBeDefined();
  });

  it('reject a blank key or holder and a non-positive time to live', async () => {
    const { store } = fx();
    await expect(store.acquireLease('', 'a', MINUTE)).rejects.toThrow(StoreError);
    await expect(store.acquireLease('k', '', MINUTE)).rejects.toThrow(/holder/);
    await expect(store.acquireLease('k', 'a', 0)).rejects.toThrow(/ttlMs/);
  });
});
