/**
 * Routes every interaction to its command: chat input by command name, autocomplete to the same
 * command, buttons and selects by custom_id prefix (`prefix:…`). Whatever a handler does — throw,
 * stall, or forget to answer — the user gets a reply and the process keeps running.
 */
import { randomBytes } from 'node:crypto';
import {
  DiscordAPIError,
  MessageFlags,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type InteractionReplyOptions,
  type MessageComponentInteraction,
  type RepliableInteraction,
} from 'discord.js';
import { guardInteraction, type GuardedInteraction, type InteractionGuard } from './interactionGuard.ts';
import type { BotContext, Command } from './types.ts';

export interface RouterOptions {
  /**
   * Defer on the handler's behalf when it has not answered after this long. Discord fails an
   * interaction without a callback after 3 s; 2 s leaves room for a slow network.
   */
  autoDeferMs?: number;
  /** Short id shown to the user and logged with the error, to find one in the other. */
  newErrorId?: () => string;
}

export type InteractionRouter = (interaction: Interaction) => Promise<void>;

/** What users see; short, polite, never a stack trace. */
export const ROUTER_MESSAGES = {
  unknownCommand: (name: string) => `I don't know \`/${name}\` (it may have been removed). Try again in a minute.`,
  staleComponent: 'That button or menu is no longer active. Run the command again to get a fresh one.',
  unsupported: "I can't handle that kind of interaction.",
  failed: (errorId: string) => `Sorry, something went wrong on my side. If it keeps happening, mention error \`${errorId}\`.`,
  noAnswer: 'Done. (There was nothing to show.)',
} as const;

const SILENT = { parse: [] } as const;

/** The error for the log, plus Discord's code and HTTP status when Discord refused a request (e.g. 50013). */
function describeError(error: unknown): Record<string, unknown> {
  return error instanceof DiscordAPIError ? { err: error, discordCode: error.code, httpStatus: error.status } : { err: error };
}

export function createRouter(commands: readonly Command[], ctx: BotContext, options: RouterOptions = {}): InteractionRouter {
  const byName = new Map(commands.map((c) => [c.data.name, c]));
  const byPrefix = new Map(commands.filter((c) => c.customIdPrefix !== undefined).map((c) => [c.customIdPrefix as string, c]));
  const autoDeferMs = options.autoDeferMs ?? 2_000;
  const newErrorId = options.newErrorId ?? (() => randomBytes(4).toString('hex'));
  const { logger } = ctx;

  /** A reply the router sends itself: ephemeral, no mentions; failures are logged, never thrown. */
  async function tell(interaction: GuardedInteraction | RepliableInteraction, content: string): Promise<void> {
    const message: InteractionReplyOptions = { content, flags: MessageFlags.Ephemeral, allowedMentions: SILENT };
    try {
      if (!interaction.replied && !interaction.deferred) await interaction.reply(message);
      else await interaction.followUp(message);
    } catch (error) {
      logger.warn({ err: error, interactionId: interaction.id }, 'could not send a reply');
    }
  }

  /** After a failure: say so where the user is looking, in whatever state the interaction is in. */
  async function reportFailure(interaction: GuardedInteraction, guard: InteractionGuard, errorId: string): Promise<void> {
    await guard.settled();
    const content = ROUTER_MESSAGES.failed(errorId);
    try {
      if (!interaction.replied && !interaction.deferred) {
        await interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: SILENT });
      } else if (interaction.deferred && !interaction.replied && interaction.isChatInputCommand()) {
        // A pending "thinking…" message: a private one becomes the apology; a public one is
        // removed so the apology can be private.
        if (interaction.ephemeral) {
          await interaction.editReply({ content, allowedMentions: SILENT });
        } else {
          await interaction.deleteReply();
          await interaction.followUp({ content, flags: MessageFlags.Ephemeral, allowedMentions: SILENT });
        }
      } else {
        await interaction.followUp({ content, flags: MessageFlags.Ephemeral, allowedMentions: SILENT });
      }
    } catch (error) {
      logger.warn({ err: error, interactionId: interaction.id, errorId }, 'could not report a failure to the user');
    }
  }

  /** Runs a handler under the guard: auto-deferral, error reporting with an id, and a reply if it forgot one. */
  async function run(
    interaction: GuardedInteraction,
    command: Command,
    handle: () => Promise<void>,
    what: Record<string, string>,
  ): Promise<void> {
    const guard = guardInteraction(interaction, { afterMs: autoDeferMs, ephemeral: command.ephemeral ?? false, logger });
    const started = Date.now();
    try {
      await handle();
      await guard.settled();
      // A command left "thinking…" or unanswered would end as "The application did not respond".
      // (A component's deferred update is a complete answer: the message simply stays as it is.)
      const unanswered = interaction.isChatInputCommand() ? !interaction.replied : !interaction.replied && !interaction.deferred;
      if (unanswered) {
        logger.warn({ ...what, interactionId: interaction.id }, 'handler finished without answering');
        if (interaction.deferred) await interaction.editReply({ content: ROUTER_MESSAGES.noAnswer, allowedMentions: SILENT });
        else await tell(interaction, ROUTER_MESSAGES.noAnswer);
      }
      logger.debug({ ...what, ms: Date.now() - started, acknowledgedBy: guard.acknowledgedBy }, 'interaction handled');
    } catch (error) {
      const errorId = newErrorId();
      logger.error({ ...describeError(error), errorId, ...what, interactionId: interaction.id, userId: interaction.user.id }, 'handler failed');
      await reportFailure(interaction, guard, errorId);
    } finally {
      guard.dispose();
    }
  }

  async function onChatInput(interaction: ChatInputCommandInteraction): Promise<void> {
    const command = byName.get(interaction.commandName);
    if (!command) {
      logger.warn({ command: interaction.commandName }, 'unknown command');
      return tell(interaction, ROUTER_MESSAGES.unknownCommand(interaction.commandName));
    }
    await run(interaction, command, () => command.execute(interaction, ctx), { command: command.data.name });
  }

  async function onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const command = byName.get(interaction.commandName);
    try {
      if (!command?.autocomplete) throw new Error(`no autocomplete handler for /${interaction.commandName}`);
      await command.autocomplete(interaction, ctx);
    } catch (error) {
      logger.error({ ...describeError(error), command: interaction.commandName }, 'autocomplete failed');
      // An empty list is the polite answer: the user can still type and submit.
      if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
    }
  }

  async function onComponent(interaction: MessageComponentInteraction): Promise<void> {
    const colon = interaction.customId.indexOf(':');
    const prefix = colon > 0 ? interaction.customId.slice(0, colon) : undefined;
    const command = prefix === undefined ? undefined : byPrefix.get(prefix);
    const handleComponent = command?.handleComponent;
    if (!command || !handleComponent) {
      logger.warn({ customId: interaction.customId.slice(0, 100) }, 'component with an unknown custom_id');
      return tell(interaction, ROUTER_MESSAGES.staleComponent);
    }
    await run(interaction, command, () => handleComponent.call(command, interaction, ctx), {
      command: command.data.name,
      customId: interaction.customId,
    });
  }

  return async function route(interaction: Interaction): Promise<void> {
    try {
      if (interaction.isChatInputCommand()) await onChatInput(interaction);
      else if (interaction.isAutocomplete()) await onAutocomplete(interaction);
      else if (interaction.isMessageComponent()) await onComponent(interaction);
      else if (interaction.isRepliable()) await tell(interaction, ROUTER_MESSAGES.unsupported);
    } catch (error) {
      // Last line of defence: nothing an interaction does may take the process down.
      logger.error({ err: error, interactionId: interaction.id }, 'interaction routing failed');
    }
  };
}
