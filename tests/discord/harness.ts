/** Starts the test Discord server and the real bot runtime against it, with logs captured for assertions. */
import { createLogger, type Logger } from '../../src/logger.ts';
import type { Services } from '../../src/services.ts';
import { startBot, type RunningBot } from '../../src/discord/startBot.ts';
import type { RouterOptions } from '../../src/discord/router.ts';
import type { Command } from '../../src/discord/types.ts';
import { startDiscordServer, type DiscordServerOptions, type DiscordTestServer } from '../support/discordServer.ts';

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** A pino logger that keeps every line as parsed JSON. */
export function captureLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = createLogger('debug', { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  return { logger, lines };
}

/**
 * The router tests' commands use no core services; an empty knowledge base keeps the context honest
 * without building an index.
 */
export function emptyServices(): Services {
  return {
    knowledge: { dir: 'none', files: [], sections: [], byId: new Map(), glossary: [], warnings: [] },
    search: {
      search: (query) => ({ kind: 'empty-knowledge', query }),
      suggestSections: () => [],
      passageFor: () => '',
    },
  } as Services; // later capabilities add services these tests do not touch
}

export interface Harness {
  discord: DiscordTestServer;
  bot: RunningBot;
  logs: LogLine[];
  close(): Promise<void>;
}

export async function startHarness(options: {
  commands: Command[];
  router?: RouterOptions;
  server?: DiscordServerOptions;
}): Promise<Harness> {
  const discord = await startDiscordServer(options.server);
  const { logger, lines } = captureLogger();
  try {
    const bot = await startBot({
      config: { DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl },
      services: emptyServices(),
      logger,
      commands: options.commands,
      router: options.router,
      client: { rest: { timeout: 2_000, retries: 2 } },
    });
    return {
      discord,
      bot,
      logs: lines,
      async close() {
        await bot.stop();
        await discord.close();
      },
    };
  } catch (error) {
    await discord.close();
    throw error;
  }
}
