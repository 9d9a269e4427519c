import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  MessageComponentInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Logger } from '../logger.ts';
import type { Services } from '../services.ts';

/** What every command handler receives: the core services plus injected time. */
export interface BotContext extends Services {
  logger: Logger;
  now: () => Date;
}

/**
 * One slash command, as a file in `commands/`: its definition plus thin handlers.
 * Components (buttons, selects) whose custom_id starts with `${customIdPrefix}:` are routed here too.
 */
export interface Command {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
  customIdPrefix?: string;
  handleComponent?(interaction: MessageComponentInteraction, ctx: BotContext): Promise<void>;
  /**
   * Replies to this command are private to the invoker. The router's automatic deferral (for slow
   * handlers) uses the same visibility, so a later reply does not have to change it.
   */
  ephemeral?: boolean;
}
