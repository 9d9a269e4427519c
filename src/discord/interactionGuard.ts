/**
 * Keeps an interaction alive while its handler runs. Discord fails an interaction that gets no
 * callback within 3 s, so if the handler has not answered by `afterMs` the guard defers for it.
 * The handler's own calls are then translated so it never needs to know:
 *   chat input: reply → edit the deferred reply (or replace it when the visibility differs)
 *   component:  reply → ephemeral-capable follow-up, update → edit the message
 */
import {
  MessageFlags,
  MessageFlagsBitField,
  MessagePayload,
  type ChatInputCommandInteraction,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  type InteractionUpdateOptions,
  type MessageComponentInteraction,
  type MessageFlagsResolvable,
} from 'discord.js';
import type { Logger } from '../logger.ts';

export type GuardedInteraction = ChatInputCommandInteraction | MessageComponentInteraction;
type ReplyOptions = string | MessagePayload | InteractionReplyOptions;
type UpdateOptions = string | MessagePayload | InteractionUpdateOptions;

export interface InteractionGuard {
  /** Who sent the first callback: nobody yet, the handler, or the guard's automatic deferral. */
  readonly acknowledgedBy: 'nobody' | 'handler' | 'router';
  /** Resolves once an automatic deferral in flight has completed (or failed). */
  settled(): Promise<void>;
  /** Stops the timer; call when the handler has finished. */
  dispose(): void;
}

export interface GuardOptions {
  afterMs: number;
  /** Visibility of the automatic deferral of a chat input command. */
  ephemeral: boolean;
  logger: Logger;
}

export function wantsEphemeral(options: ReplyOptions): boolean {
  if (typeof options === 'string' || options instanceof MessagePayload) return false;
  return new MessageFlagsBitField(options.flags as MessageFlagsResolvable | undefined).has(MessageFlags.Ephemeral);
}

/** The parts of a reply that an edit can carry (visibility and tts cannot change after the fact). */
export function toEditOptions(options: ReplyOptions | UpdateOptions): string | MessagePayload | InteractionEditReplyOptions {
  if (typeof options === 'string' || options instanceof MessagePayload) return options;
  const { content, embeds, components, files, allowedMentions } = options;
  const attachments = 'attachments' in options ? options.attachments : undefined;
  return { content, embeds, components, files, allowedMentions, ...(attachments ? { attachments } : {}) };
}

/** Replaces an instance method; discord.js defines these on the prototype, so the original stays reachable. */
function override(target: object, name: string, fn: (...args: never[]) => unknown): void {
  Object.defineProperty(target, name, { value: fn, configurable: true, writable: true });
}

export function guardInteraction(interaction: GuardedInteraction, options: GuardOptions): InteractionGuard {
  let acknowledgedBy: InteractionGuard['acknowledgedBy'] = 'nobody';
  let routerDefer: Promise<void> | null = null;
  const isComponent = interaction.isMessageComponent();

  const original = {
    reply: interaction.reply.bind(interaction),
    deferReply: interaction.deferReply.bind(interaction),
    editReply: interaction.editReply.bind(interaction),
    deleteReply: interaction.deleteReply.bind(interaction),
    followUp: interaction.followUp.bind(interaction),
    showModal: interaction.showModal.bind(interaction),
    deferUpdate: interaction.isMessageComponent() ? interaction.deferUpdate.bind(interaction) : undefined,
  };

  const timer = setTimeout(() => {
    if (acknowledgedBy !== 'nobody' || interaction.replied || interaction.deferred) return;
    acknowledgedBy = 'router';
    // The originals: the instance methods are overridden below.
    const defer: Promise<unknown> = original.deferUpdate
      ? original.deferUpdate()
      : original.deferReply(options.ephemeral ? { flags: MessageFlags.Ephemeral } : {});
    routerDefer = defer.then(
      () => options.logger.debug({ interactionId: interaction.id }, 'handler is slow: deferred automatically'),
      (error: unknown) => options.logger.warn({ err: error, interactionId: interaction.id }, 'automatic deferral failed'),
    );
  }, options.afterMs);
  timer.unref();

  override(interaction, 'reply', async (opts: ReplyOptions) => {
    if (acknowledgedBy !== 'router') {
      acknowledgedBy = 'handler';
      return original.reply(opts);
    }
    await routerDefer;
    if (isComponent) return original.followUp(opts);
    if (wantsEphemeral(opts) === options.ephemeral) return original.editReply(toEditOptions(opts));
    // The deferral's visibility cannot change: replace it with a follow-up that has the wanted one.
    await original.deleteReply();
    return original.followUp(opts);
  });
  override(interaction, 'deferReply', async (opts?: Parameters<typeof original.deferReply>[0]) => {
    if (acknowledgedBy !== 'router') {
      acknowledgedBy = 'handler';
      return original.deferReply(opts);
    }
    await routerDefer; // already deferred: nothing more to send
    return undefined;
  });
  override(interaction, 'editReply', async (opts: Parameters<typeof original.editReply>[0]) => {
    await routerDefer;
    return original.editReply(opts);
  });
  override(interaction, 'followUp', async (opts: ReplyOptions) => {
    await routerDefer;
    return original.followUp(opts);
  });
  override(interaction, 'showModal', async (modal: Parameters<typeof original.showModal>[0]) => {
    if (acknowledgedBy === 'router') throw new Error('cannot show a modal: the interaction was already deferred automatically');
    acknowledgedBy = 'handler';
    return original.showModal(modal);
  });
  if (interaction.isMessageComponent()) {
    const update = interaction.update.bind(interaction);
    const deferUpdate = interaction.deferUpdate.bind(interaction); // bound before being overridden below
    override(interaction, 'update', async (opts: UpdateOptions) => {
      if (acknowledgedBy !== 'router') {
        acknowledgedBy = 'handler';
        return update(opts);
      }
      await routerDefer;
      return original.editReply(toEditOptions(opts));
    });
    override(interaction, 'deferUpdate', async (opts?: Parameters<typeof deferUpdate>[0]) => {
      if (acknowledgedBy !== 'router') {
        acknowledgedBy = 'handler';
        return deferUpdate(opts);
      }
      await routerDefer;
      return undefined;
    });
  }

  return {
    get acknowledgedBy() {
      return acknowledgedBy;
    },
    settled: async () => {
      await routerDefer;
    },
    dispose: () => clearTimeout(timer),
  };
}
