import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Store } from '../store/types.ts';

/*
 * Short exclusive leases on a quiz's next step ("post", "reveal"), kept by the store. The claim's unique key decides
 * who creates a quiz; a lease decides who may act on an existing row — a pending one left by a crash, a failed one
 * being retried, or a reveal — so two processes never post or announce the same quiz at once. A lease expires on its
 * own, so a process that dies holding one blocks the step only until its time-to-live has passed.
 */

export type LeaseJob = 'post' | 'reveal';

export interface Lease {
  readonly token: string;
  /** Lets another process take the step right away. Harmless if the lease already expired and was taken over. */
  release(): Promise<void>;
}

export function leaseKey(quizId: number, job: LeaseJob): string {
  return `daily-quiz:${quizId}:${job}`;
}

/** This process, for the lease table's `holder` column (only people read it). */
export function defaultLeaseHolder(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/** A lease on (quiz, job) until `now + ttlMs` on the scheduler's clock, or undefined while someone else holds it. */
export async function acquireJobLease(
  deps: { store: Pick<Store, 'acquireLease' | 'releaseLease'>; now: () => Date; leaseHolder: string; leaseTtlMs: number },
  quizId: number,
  job: LeaseJob,
): Promise<Lease | undefined> {
  const key = leaseKey(quizId, job);
  const token = await deps.store.acquireLease(key, deps.leaseHolder, deps.leaseTtlMs, deps.now());
  if (token === undefined) return undefined;
  return {
    token,
    release: async () => void (await deps.store.releaseLease(key, token)),
  };
}
