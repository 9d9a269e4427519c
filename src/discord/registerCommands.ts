import { REST, Routes, type APIApplication, type RESTOptions, type RESTPutAPIApplicationCommandsResult } from 'discord.js';
import type { Command } from './types.ts';

export interface RegisterCommandsOptions {
  token: string;
  /** Looked up with GET /applications/@me when not given. */
  applicationId?: string;
  /** Register in one guild (instant, for development) instead of globally. */
  guildId?: string;
  /** DISCORD_API_URL, e.g. a local test server. */
  apiUrl?: string;
  commands: readonly Pick<Command, 'data'>[];
  rest?: Partial<RESTOptions>;
}

export interface RegisteredCommands {
  applicationId: string;
  scope: { kind: 'global' } | { kind: 'guild'; guildId: string };
  commands: RESTPutAPIApplicationCommandsResult;
}

/**
 * Replaces the application's slash commands with `commands` in one bulk overwrite (PUT), so removed
 * commands disappear too. A separate step from starting the bot: Discord rate-limits command writes.
 */
export async function registerCommands(options: RegisterCommandsOptions): Promise<RegisteredCommands> {
  const rest = new REST({ ...(options.apiUrl ? { api: options.apiUrl } : {}), ...options.rest }).setToken(options.token);
  try {
    const applicationId = options.applicationId ?? ((await rest.get(Routes.currentApplication())) as APIApplication).id;
    const body = options.commands.map((c) => c.data);
    const route = options.guildId
      ? Routes.applicationGuildCommands(applicationId, options.guildId)
      : Routes.applicationCommands(applicationId);
    const commands = (await rest.put(route, { body })) as RESTPutAPIApplicationCommandsResult;
    return {
      applicationId,
      scope: options.guildId ? { kind: 'guild', guildId: options.guildId } : { kind: 'global' },
      commands,
    };
  } finally {
    // The REST client keeps sweep timers; stop them so a CLI run can exit.
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}
