import { once } from 'node:events';
import { Events, type Client } from 'discord.js';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { Services } from '../services.ts';
import { createClient, type CreateClientOptions } from './client.ts';
import { loadCommands } from './loadCommands.ts';
import { createRouter, type RouterOptions } from './router.ts';
import type { BotContext, Command } from './types.ts';

export interface StartBotOptions {
  config: Pick<Config, 'DISCORD_TOKEN' | 'DISCORD_API_URL'>;
  services: Services;
  logger: Logger;
  /** Where the command files live (default `commands`); ignored when `commands` is given. */
  commandsDir?: string;
  /** Already loaded commands, e.g. from a test. */
  commands?: readonly Command[];
  now?: () => Date;
  router?: RouterOptions;
  client?: CreateClientOptions;
}

export interface RunningBot {
  client: Client<true>;
  commands: readonly Command[];
  /** Disconnects from the gateway and releases the client; safe to call twice. */
  stop(): Promise<void>;
}

/** Logs in, waits until the guilds are cached, and routes interactions. Does not register commands. */
export async function startBot(options: StartBotOptions): Promise<RunningBot> {
  const { config, logger } = options;
  if (!config.DISCORD_TOKEN) throw new Error('DISCORD_TOKEN is required to start the bot');
  const commands = options.commands ?? (await loadCommands(options.commandsDir ?? 'commands'));
  const ctx: BotContext = { ...options.services, logger, now: options.now ?? (() => new Date()) };

  const client = createClient(config, logger, options.client);
  client.on(Events.InteractionCreate, createRouter(commands, ctx, options.router));
  // ClientReady comes after READY and every GUILD_CREATE, so the guild cache is filled by then.
  const abort = new AbortController();
  const ready = once(client, Events.ClientReady, { signal: abort.signal });
  ready.catch(() => undefined); // awaited below; don't let it become an unhandled rejection if login fails
  try {
    await client.login(config.DISCORD_TOKEN);
    await ready;
  } catch (error) {
    abort.abort();
    await client.destroy();
    throw error;
  }
  const user = client.user;
  if (!client.isReady() || !user) throw new Error('discord client reported ready without a user');
  logger.info({ user: user.tag, guilds: client.guilds.cache.size, commands: commands.map((c) => c.data.name) }, 'bot is online');

  let stopped: Promise<void> | undefined;
  return {
    client,
    commands,
    stop() {
      stopped ??= client.destroy().then(() => logger.info('bot disconnected'));
      return stopped;
    },
  };
}
