import cron from 'node-cron';
import type { Logger } from '../logger.ts';
import { seededRng } from '../quiz/daily/rng.ts';
import type { Question } from '../quiz/schema.ts';
import type { GuildConfig, Store } from '../store/types.ts';
import type { DailyDeps } from './deps.ts';
import { defaultLeaseHolder } from './leases.ts';
import { dailyCronExpression } from './localTime.ts';
import { postClaimedQuiz, postDueQuiz, type PostOutcome } from './postQuiz.ts';
import { DEFAULT_RETRY, type QuizPublisher } from './publisher.ts';
import { revealDueQuiz, type RevealOutcome } from './revealQuiz.ts';
import { nextPostInstant } from './window.ts';

/** The part of node-cron the scheduler uses; tests pass a fake that records jobs and fires them by hand. */
export interface CronTask {
  destroy(): void | Promise<void>;
}
export interface CronLike {
  schedule(expression: string, run: () => Promise<void>, options: { name: string; timezone?: string }): CronTask;
}

/** Real node-cron: a job that is still running when its next fire comes is skipped, not stacked. */
export const nodeCron: CronLike = {
  schedule: (expression, run, options) => cron.schedule(expression, run, { ...options, noOverlap: true }),
};

export interface SchedulerOptions {
  store: Store;
  publisher: QuizPublisher;
  questions: () => readonly Question[];
  logger: Logger;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  cron?: CronLike;
  /** Seed mixed into every guild/date RNG; change it to reshuffle question order. */
  seed?: string;
  overrides?: Partial<Pick<DailyDeps, 'retry' | 'maxPostAttempts' | 'leaseHolder' | 'leaseTtlMs' | 'revealGiveUpMs' | 'rngFor'>>;
}

export interface SweepReport {
  posts: { guildId: string; outcome: PostOutcome }[];
  reveals: { quizId: number; outcome: RevealOutcome }[];
  errors: { scope: string; error: string }[];
}

/** Checks every minute for reveals, retries and posts a cron fire could miss (downtime, a DST gap). */
export const SWEEP_EXPRESSION = '* * * * *';

/**
 * Runs the daily quiz for every configured guild: one node-cron job per guild at its local post time in its own
 * zone, plus a one-minute sweep. Neither does anything a second time: each step is decided by the database
 * (claim, lease, conditional reveal), so fires, sweeps, restarts and other processes can overlap freely.
 * `start()` sweeps once first — that is the catch-up after downtime.
 */
export class DailyQuizScheduler {
  readonly deps: DailyDeps;
  private readonly cron: CronLike;
  private readonly guildTasks = new Map<string, CronTask>();
  private sweepTask: CronTask | undefined;
  private readonly queues = new Map<string, Promise<unknown>>();
  private stopped = false;

  constructor(options: SchedulerOptions) {
    const seed = options.seed ?? 'studybot';
    this.cron = options.cron ?? nodeCron;
    this.deps = {
      store: options.store,
      publisher: options.publisher,
      questions: options.questions,
      logger: options.logger,
      now: options.now ?? (() => new Date()),
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      rngFor: (guildId, localDate) => seededRng(`${seed}:${guildId}:${localDate}`),
      retry: DEFAULT_RETRY,
      maxPostAttempts: 5,
      leaseHolder: defaultLeaseHolder(),
      leaseTtlMs: 5 * 60_000,
      revealGiveUpMs: 30 * 60_000,
      ...options.overrides,
    };
  }

  /** Catches up on everything missed, then schedules every active guild and the sweep. */
  async start(): Promise<SweepReport> {
    this.stopped = false;
    await this.sweepTask?.destroy();
    const report = await this.sweep();
    for (const config of await this.deps.store.listActiveGuildConfigs()) this.scheduleGuild(config);
    this.sweepTask = this.cron.schedule(SWEEP_EXPRESSION, async () => void (await this.sweep()), { name: 'daily-quiz-sweep' });
    return report;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.sweepTask?.destroy();
    this.sweepTask = undefined;
    for (const task of this.guildTasks.values()) await task.destroy();
    this.guildTasks.clear();
    await Promise.allSettled([...this.queues.values()]);
  }

  /**
   * Call after /setup, pause, resume or a topic change: re-reads the guild's configuration and replaces its job.
   * Returns the next post time, or null when the guild is paused or not configured.
   */
  async reschedule(guildId: string): Promise<Date | null> {
    const config = await this.deps.store.getGuildConfig(guildId);
    await this.unscheduleGuild(guildId);
    if (!config || config.paused || this.stopped) return null;
    this.scheduleGuild(config);
    return nextPostInstant(config, this.deps.now());
  }

  /** Guilds that currently have a cron job. */
  scheduledGuilds(): string[] {
    return [...this.guildTasks.keys()];
  }

  /** What a guild's cron job does: re-read the configuration (changes apply at once) and post if due. */
  async runGuild(guildId: string): Promise<PostOutcome> {
    return this.serial(`guild:${guildId}`, async () => {
      const config = await this.deps.store.getGuildConfig(guildId);
      if (!config) return { status: 'not-due' } as const;
      return postDueQuiz(this.deps, config);
    });
  }

  /**
   * One pass over everything due: each active guild's post for today (catch-up), pending or failed quizzes still
   * in their window (claimed but never posted, retries), and closed quizzes to reveal. One guild's failure is
   * logged and does not stop the others.
   */
  async sweep(): Promise<SweepReport> {
    return this.serial('sweep', async () => {
      const report: SweepReport = { posts: [], reveals: [], errors: [] };
      const guard = async (scope: string, step: () => Promise<void>) => {
        try {
          await step();
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          report.errors.push({ scope, error: message });
          this.deps.logger.error({ scope, err: error }, 'daily quiz step failed');
        }
      };
      const { store, now, maxPostAttempts } = this.deps;

      let configs: GuildConfig[] = [];
      await guard('list guilds', async () => void (configs = await store.listActiveGuildConfigs()));
      for (const config of configs) {
        await guard(`post ${config.guildId}`, async () => {
          const outcome = await this.serial(`guild:${config.guildId}`, () => postDueQuiz(this.deps, config));
          report.posts.push({ guildId: config.guildId, outcome });
        });
      }

      const seen = new Set(report.posts.map((p) => ('quiz' in p.outcome ? p.outcome.quiz.id : -1)));
      let pending: Awaited<ReturnType<Store['quizzesDueForPosting']>> = [];
      await guard('list pending', async () => void (pending = await store.quizzesDueForPosting(now(), { maxAttempts: maxPostAttempts })));
      for (const quiz of pending.filter((q) => !seen.has(q.id))) {
        await guard(`post quiz ${quiz.id}`, async () => {
          const outcome = await this.serial(`guild:${quiz.guildId}`, () => postClaimedQuiz(this.deps, quiz));
          report.posts.push({ guildId: quiz.guildId, outcome });
        });
      }

      let closed: Awaited<ReturnType<Store['quizzesDueForReveal']>> = [];
      await guard('list reveals', async () => void (closed = await store.quizzesDueForReveal(now())));
      for (const quiz of closed) {
        await guard(`reveal quiz ${quiz.id}`, async () => {
          report.reveals.push({ quizId: quiz.id, outcome: await revealDueQuiz(this.deps, quiz) });
        });
      }
      return report;
    });
  }

  private scheduleGuild(config: GuildConfig): void {
    if (this.stopped || config.paused) return;
    // A second start() must not leave the first job running beside the new one.
    void this.guildTasks.get(config.guildId)?.destroy();
    const task = this.cron.schedule(
      dailyCronExpression(config.postTime),
      async () => {
        try {
          await this.runGuild(config.guildId);
        } catch (error) {
          this.deps.logger.error({ guildId: config.guildId, err: error }, 'daily quiz job failed');
        }
      },
      { name: `daily-quiz:${config.guildId}`, timezone: config.timeZone },
    );
    this.guildTasks.set(config.guildId, task);
  }

  private async unscheduleGuild(guildId: string): Promise<void> {
    const task = this.guildTasks.get(guildId);
    this.guildTasks.delete(guildId);
    await task?.destroy();
  }

  /** Runs steps with the same key one after another in this process (the database guards across processes). */
  private serial<T>(key: string, step: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.then(step, step);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(key, settled);
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return next;
  }
}
