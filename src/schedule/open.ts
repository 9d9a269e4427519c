import { openJobLeases } from './leases.ts';
import { DailyQuizScheduler, type SchedulerOptions } from './scheduler.ts';

export interface RunningScheduler {
  scheduler: DailyQuizScheduler;
  /** Stops every job, waits for running steps, and closes the lease connection (not the store). */
  close(): Promise<void>;
}

/**
 * Wires the scheduler for the bot: opens the lease connection on DATABASE_URL and starts (catch-up first, then
 * the cron jobs). The caller owns the store and closes it after `close()`.
 */
export async function startDailyQuizScheduler(
  options: Omit<SchedulerOptions, 'leases'> & { databaseUrl: string; pgSchema?: string },
): Promise<RunningScheduler> {
  const { databaseUrl, pgSchema, ...rest } = options;
  const leases = await openJobLeases(databaseUrl, rest.now ?? (() => new Date()), pgSchema !== undefined ? { pgSchema } : {});
  const scheduler = new DailyQuizScheduler({ ...rest, leases });
  try {
    await scheduler.start();
  } catch (error) {
    await scheduler.stop();
    await leases.close();
    throw error;
  }
  return {
    scheduler,
    async close() {
      await scheduler.stop();
      await leases.close();
    },
  };
}
