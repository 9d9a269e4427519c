import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { loadQuestionBank } from '../quiz/loadQuestionBank.ts';
import { formatProblem } from '../quiz/curated/index.ts';
import { startDailyQuizScheduler, type RunningScheduler } from '../schedule/open.ts';
import type { SchedulerOptions } from '../schedule/scheduler.ts';
import { createDailyHandle, loadKnowledgeServices, type Services } from '../services.ts';
import { openStore } from '../store/index.ts';
import type { Store } from '../store/types.ts';
import { createDailyRuntime, type BoundDailyRuntime } from './dailyRuntime.ts';
import { createDiscordPublisher } from './quizPublisher.ts';
import { startBot, type RunningBot, type StartBotOptions } from './startBot.ts';

export interface RunBotOptions {
  config: Pick<Config, 'DISCORD_TOKEN' | 'DISCORD_API_URL' | 'DATABASE_URL' | 'KNOWLEDGE_DIR'>;
  logger: Logger;
  commandsDir: string;
  /** Tests: a shifted clock, a faster cron, quicker retries. */
  now?: () => Date;
  scheduler?: Pick<SchedulerOptions, 'cron' | 'overrides' | 'sleep' | 'seed'>;
  client?: StartBotOptions['client'];
  /** Minimum time between two "N answered" edits of one quiz message. */
  countIntervalMs?: number;
}

export interface RunningStudybot {
  bot: RunningBot;
  store: Store;
  services: Services;
  scheduler: RunningScheduler;
  daily: BoundDailyRuntime;
  /** Stops the scheduler, the counter and the bot, then closes the store. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * `studybot start`: opens the store (created and migrated on first start), loads the notes and the question bank,
 * logs the bot in, then starts the daily quiz scheduler with the Discord publisher (its first sweep is the catch-up).
 */
export async function runBot(options: RunBotOptions): Promise<RunningStudybot> {
  const { config, logger } = options;
  const now = options.now ?? (() => new Date());
  const store = await openStore(config.DATABASE_URL, { logger, now });
  const cleanup: Array<() => Promise<void>> = [() => store.close()];
  const unwind = async () => {
    for (const step of cleanup.reverse()) await step().catch((error: unknown) => logger.error({ err: error }, 'shutdown step failed'));
  };
  try {
    const core = await loadKnowledgeServices(config.KNOWLEDGE_DIR, logger);
    const { bank, curated, generated } = await loadQuestionBank(core.knowledge, config.KNOWLEDGE_DIR);
    for (const p of curated.problems) logger[p.severity === 'error' ? 'error' : 'warn']({ file: p.file }, formatProblem(p));
    for (const notice of curated.notices) logger.info(notice);
    logger.info({ curated: curated.questions.length, generated: generated.questions.length, total: bank.questions.length }, 'question bank loaded');

    const daily = createDailyHandle();
    const services: Services = { ...core, quiz: { store, bank, daily } };
    const bot = await startBot({ config, services, logger, commandsDir: options.commandsDir, now, ...(options.client ? { client: options.client } : {}) });
    cleanup.push(() => bot.stop());

    const publisher = createDiscordPublisher({ client: () => bot.client, store, questions: () => bank.byId, logger, now });
    const scheduler = await startDailyQuizScheduler({ store, publisher, questions: () => bank.questions, logger, now, ...options.scheduler });
    cleanup.push(() => scheduler.close());
    const runtime = createDailyRuntime({
      scheduler: scheduler.scheduler,
      publisher,
      logger,
      ...(options.countIntervalMs !== undefined ? { countIntervalMs: options.countIntervalMs } : {}),
    });
    daily.attach(runtime);
    cleanup.push(async () => {
      daily.attach(undefined);
      await runtime.stop();
    });

    logger.info({ guilds: bot.client.guilds.cache.size, questions: bank.questions.length }, 'studybot is running');
    let stopping: Promise<void> | undefined;
    return {
      bot,
      store,
      services,
      scheduler,
      daily: runtime,
      // Reverse order of starting: commands stop touching the scheduler, the scheduler finishes its step, the bot
      // disconnects, and only then does the store close.
      stop: () => (stopping ??= unwind()),
    };
  } catch (error) {
    await unwind();
    throw error;
  }
}
