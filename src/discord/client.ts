import { Client, Events, GatewayIntentBits, type RESTOptions } from 'discord.js';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';

export interface CreateClientOptions {
  /** REST overrides, e.g. a short timeout and few retries in tests. */
  rest?: Partial<RESTOptions>;
}

/**
 * A discord.js client with only what slash commands need: the Guilds intent (no privileged
 * intents, no message content) and mentions disabled by default, so nothing the bot echoes pings anyone.
 */
export function createClient(config: Pick<Config, 'DISCORD_API_URL'>, logger: Logger, options: CreateClientOptions = {}): Client {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    rest: { ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}), ...options.rest },
  });
  // Without an 'error' listener an EventEmitter error would crash the process.
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn({ discord: message }, 'discord client warning'));
  client.on(Events.ShardError, (error, shardId) => logger.error({ err: error, shardId }, 'gateway connection error'));
  client.on(Events.ShardDisconnect, (event, shardId) => logger.warn({ code: event.code, shardId }, 'gateway disconnected for good'));
  client.on(Events.ShardReconnecting, (shardId) => logger.info({ shardId }, 'gateway reconnecting'));
  client.on(Events.ShardResume, (shardId, replayed) => logger.info({ shardId, replayed }, 'gateway session resumed'));
  return client;
}
