import { randomUUID } from 'node:crypto';
import type { Db } from './schema.ts';
import { AcquireLeaseInputSchema, parseInput, type AcquireLeaseInput, type LeaseInfo } from './types.ts';

/**
 * Takes the lease if nobody holds it or the last holder's time ran out, in ONE statement: an upsert whose update
 * only happens when the stored lease has expired. SQLite runs it under the write lock; PostgreSQL locks the
 * conflicting row and re-checks the condition on its latest version — so of any number of concurrent callers in any
 * number of processes, exactly one gets its token back.
 */
export async function acquireLease(db: Db, input: AcquireLeaseInput, now: Date): Promise<string | undefined> {
  const { key, holder, ttlMs } = parseInput(AcquireLeaseInputSchema, input, 'acquireLease');
  const token = randomUUID();
  const t = now.getTime();
  const row = await db
    .insertInto('lease')
    .values({ key, holder, token, expires_at: t + ttlMs })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet((eb) => ({
          holder: eb.ref('excluded.holder'),
          token: eb.ref('excluded.token'),
          expires_at: eb.ref('excluded.expires_at'),
        }))
        .where('lease.expires_at', '<=', t),
    )
    .returning('token')
    .executeTakeFirst();
  return row?.token === token ? token : undefined;
}

/** Gives the lease up early. Only the token's own acquisition is removed: a lease since taken over stays. */
export async function releaseLease(db: Db, key: string, token: string): Promise<boolean> {
  const result = await db.deleteFrom('lease').where('key', '=', key).where('token', '=', token).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The lease row as stored, expired or not (for diagnostics). */
export async function getLease(db: Db, key: string): Promise<LeaseInfo | undefined> {
  const row = await db.selectFrom('lease').select(['key', 'holder', 'expires_at']).where('key', '=', key).executeTakeFirst();
  return row && { key: row.key, holder: row.holder, expiresAt: new Date(Number(row.expires_at)) };
}
