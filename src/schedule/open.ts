import { DailyQuizScheduler, type SchedulerOptions } from './scheduler.ts';

export interface RunningScheduler {
  scheduler: DailyQuizScheduler;
  /** Stops every job and waits for running steps (the store stays open: its owner closes it). */
  close(): Promise<void>;
}

export type StartSchedulerOptions = SchedulerOptions & {
  /** @deprecated Ignored: leases now live in the store, so the scheduler opens no connection of its own. */
  databaseUrl?: string;
  /** @deprecated Ignored, as `databaseUrl`. */
  pgSchema?: string;
};

/**
 * Wires the scheduler for the bot and starts it (catch-up first, then the cron jobs). Everything, leases included,
 * goes through `options.store`; the caller owns the store and closes it after `close()`.
 */
export async function startDailyQuizScheduler(options: StartSchedulerOptions): Promise<RunningScheduler> {
  const { databaseUrl: _url, pgSchema: _schema, ...rest } = options;
  const scheduler = new DailyQuizScheduler(rest);
  try {
    await scheduler.start();
  } catch (error) {
    await scheduler.stop();
    throw error;
  }
  return { scheduler, close: () => scheduler.stop() };
}
