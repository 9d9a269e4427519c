/**
 * What the fake Discord knows: the bot, guilds, channels, messages, registered commands and the
 * interactions it has sent, with the rules Discord enforces on interaction callbacks.
 */
import { EventEmitter } from 'node:events';
import {
  InteractionResponseType,
  MessageFlags,
  type APIApplicationCommand,
  type APIGuildMember,
  type APIInteraction,
  type APIMessage,
  type APIUser,
} from 'discord.js';
import { createSnowflakeGenerator } from './snowflake.ts';
import { discordError, type ErrorResponse } from './discordErrors.ts';
import {
  guildCreatePayload,
  memberPayload,
  messagePayload,
  textChannelPayload,
  userPayload,
  type GuildSeed,
  type MessageFields,
  type TextChannel,
  type UserSeed,
} from './discordPayloads.ts';

export interface CallbackRecord {
  type: InteractionResponseType;
  /** The callback's `data` as sent (message fields, autocomplete choices, modal). */
  data: Record<string, unknown> | undefined;
  /** HTTP status the server answered: 204/200 when accepted, 400/404 when Discord would reject it. */
  status: number;
  /** Discord error code when rejected (40060 already acknowledged, 10062 unknown interaction). */
  errorCode?: number;
  at: number;
}

export interface StoredInteraction {
  id: string;
  token: string;
  payload: APIInteraction;
  createdAt: number;
  channelId: string;
  /** Every callback attempt, accepted or not, in order. */
  callbacks: CallbackRecord[];
  originalMessageId?: string;
  /** 'loading' after a deferral, until the handler edits @original. */
  originalState: 'none' | 'loading' | 'ready';
  followUpIds: string[];
}

export interface StateOptions {
  token: string;
  bot: UserSeed;
  applicationId: string;
  guilds: GuildSeed[];
  interactionTimeoutMs: number;
}

/** Callback types that answer with a message or a deferral; anything else (autocomplete, modal) has no original message. */
const MESSAGE_CALLBACKS = new Set<number>([
  InteractionResponseType.ChannelMessageWithSource,
  InteractionResponseType.DeferredChannelMessageWithSource,
  InteractionResponseType.DeferredMessageUpdate,
  InteractionResponseType.UpdateMessage,
]);

export class DiscordState {
  readonly nextId = createSnowflakeGenerator();
  /** Emits 'change' after every mutation, so waiters can re-check. */
  readonly events = new EventEmitter();
  readonly token: string;
  readonly bot: APIUser;
  readonly applicationId: string;
  readonly guildSeeds: GuildSeed[];
  interactionTimeoutMs: number;

  readonly channels = new Map<string, TextChannel>();
  private readonly messagesByChannel = new Map<string, APIMessage[]>();
  private readonly messageChannel = new Map<string, string>();
  /** `${channelId}:${nonce}` → message id, for enforce_nonce. */
  private readonly nonces = new Map<string, string>();
  readonly globalCommands: APIApplicationCommand[] = [];
  readonly guildCommands = new Map<string, APIApplicationCommand[]>();
  readonly interactions = new Map<string, StoredInteraction>();
  private readonly joinedAt = new Date().toISOString();

  constructor(options: StateOptions) {
    this.token = options.token;
    this.bot = userPayload({ ...options.bot, bot: true });
    this.applicationId = options.applicationId;
    this.guildSeeds = options.guilds;
    this.interactionTimeoutMs = options.interactionTimeoutMs;
    this.events.setMaxListeners(100);
    for (const guild of options.guilds) {
      guild.channels.forEach((c, i) => {
        this.channels.set(c.id, textChannelPayload(guild.id, c, i));
        this.messagesByChannel.set(c.id, []);
      });
    }
  }

  changed(): void {
    this.events.emit('change');
  }

  guild(guildId: string): GuildSeed | undefined {
    return this.guildSeeds.find((g) => g.id === guildId);
  }

  guildCreate(guild: GuildSeed) {
    return guildCreatePayload(guild, { id: this.bot.id, username: this.bot.username, bot: true }, this.joinedAt);
  }

  member(guildId: string, userId: string): APIGuildMember | undefined {
    const guild = this.guild(guildId);
    if (!guild) return undefined;
    if (userId === this.bot.id) return memberPayload({ id: this.bot.id, username: this.bot.username, bot: true }, this.joinedAt);
    const user = guild.members.find((m) => m.id === userId);
    return user ? memberPayload(user, this.joinedAt) : undefined;
  }

  // ── messages ───────────────────────────────────────────────────────────

  messages(channelId: string): APIMessage[] {
    return [...(this.messagesByChannel.get(channelId) ?? [])];
  }

  message(messageId: string): APIMessage | undefined {
    const channelId = this.messageChannel.get(messageId);
    return channelId ? this.messagesByChannel.get(channelId)?.find((m) => m.id === messageId) : undefined;
  }

  createMessage(channelId: string, fields: MessageFields, via?: StoredInteraction): APIMessage {
    const channel = this.channels.get(channelId);
    const invoker = via ? (via.payload.member?.user ?? via.payload.user) : undefined;
    const message = messagePayload({
      id: this.nextId(),
      channelId,
      guildId: channel?.guild_id,
      author: this.bot,
      timestamp: new Date().toISOString(),
      fields,
      applicationId: via ? this.applicationId : undefined,
      viaInteraction:
        via && invoker
          ? {
              id: via.id,
              type: via.payload.type,
              user: invoker,
              commandName: via.payload.data && 'name' in via.payload.data ? via.payload.data.name : undefined,
            }
          : undefined,
    });
    const list = this.messagesByChannel.get(channelId) ?? [];
    list.push(message);
    this.messagesByChannel.set(channelId, list);
    this.messageChannel.set(message.id, channelId);
    if (channel) channel.last_message_id = message.id;
    this.changed();
    return message;
  }

  /** Applies an edit body: only fields present in it change, as on Discord. */
  editMessage(messageId: string, fields: MessageFields): APIMessage | undefined {
    const message = this.message(messageId);
    if (!message) return undefined;
    if (fields.content !== undefined) message.content = fields.content ?? '';
    if (fields.embeds !== undefined) message.embeds = fields.embeds ?? [];
    if (fields.components !== undefined) message.components = fields.components ?? [];
    if (fields.attachments !== undefined) message.attachments = fields.attachments ?? [];
    if (fields.flags !== undefined) {
      // Ephemeral-ness cannot change after sending; loading clears on the first edit.
      message.flags = (fields.flags & ~MessageFlags.Ephemeral) | ((message.flags ?? 0) & MessageFlags.Ephemeral);
    }
    message.flags = (message.flags ?? 0) & ~MessageFlags.Loading;
    message.edited_timestamp = new Date().toISOString();
    this.changed();
    return message;
  }

  messageByNonce(channelId: string, nonce: string): APIMessage | undefined {
    const id = this.nonces.get(`${channelId}:${nonce}`);
    return id === undefined ? undefined : this.message(id);
  }

  rememberNonce(channelId: string, nonce: string, messageId: string): void {
    this.nonces.set(`${channelId}:${nonce}`, messageId);
  }

  deleteMessage(messageId: string): boolean {
    const channelId = this.messageChannel.get(messageId);
    const list = channelId ? this.messagesByChannel.get(channelId) : undefined;
    const index = list?.findIndex((m) => m.id === messageId) ?? -1;
    if (!list || index < 0) return false;
    list.splice(index, 1);
    this.messageChannel.delete(messageId);
    this.changed();
    return true;
  }

  // ── interactions ───────────────────────────────────────────────────────

  addInteraction(payload: APIInteraction, channelId: string): StoredInteraction {
    const stored: StoredInteraction = {
      id: payload.id,
      token: payload.token,
      payload,
      createdAt: Date.now(),
      channelId,
      callbacks: [],
      originalState: 'none',
      followUpIds: [],
    };
    this.interactions.set(stored.id, stored);
    return stored;
  }

  interactionByToken(token: string): StoredInteraction | undefined {
    for (const interaction of this.interactions.values()) if (interaction.token === token) return interaction;
    return undefined;
  }

  /**
   * Applies an interaction callback with Discord's rules: only one per interaction (40060), and only
   * within the response window measured in wall time (10062). Returns the resulting message, if any.
   */
  acceptCallback(
    interaction: StoredInteraction,
    type: InteractionResponseType,
    data: Record<string, unknown> | undefined,
  ): { error: ErrorResponse } | { message: APIMessage | undefined } {
    const record: CallbackRecord = { type, data, status: 204, at: Date.now() };
    const reject = (code: 40060 | 10062) => {
      const error = discordError(code);
      record.status = error.status;
      record.errorCode = code;
      interaction.callbacks.push(record);
      this.changed();
      return { error };
    };
    if (interaction.callbacks.some((c) => c.errorCode === undefined)) return reject(40060);
    if (Date.now() - interaction.createdAt >= this.interactionTimeoutMs) return reject(10062);
    interaction.callbacks.push(record);

    let message: APIMessage | undefined;
    const fields = (data ?? {}) as MessageFields;
    switch (type) {
      case InteractionResponseType.ChannelMessageWithSource:
        message = this.createMessage(interaction.channelId, fields, interaction);
        interaction.originalMessageId = message.id;
        interaction.originalState = 'ready';
        break;
      case InteractionResponseType.DeferredChannelMessageWithSource:
        message = this.createMessage(
          interaction.channelId,
          { flags: ((fields.flags ?? 0) & MessageFlags.Ephemeral) | MessageFlags.Loading },
          interaction,
        );
        interaction.originalMessageId = message.id;
        interaction.originalState = 'loading';
        break;
      case InteractionResponseType.DeferredMessageUpdate:
      case InteractionResponseType.UpdateMessage: {
        const target = interaction.payload.message?.id;
        interaction.originalMessageId = target;
        if (target && type === InteractionResponseType.UpdateMessage) message = this.editMessage(target, fields);
        else message = target ? this.message(target) : undefined;
        interaction.originalState = type === InteractionResponseType.UpdateMessage ? 'ready' : 'loading';
        break;
      }
      default:
        break; // autocomplete results, modals: recorded only
    }
    this.changed();
    return { message };
  }

  isMessageCallback(type: number): boolean {
    return MESSAGE_CALLBACKS.has(type);
  }

  /** Resolves when `check` returns a value; re-checked after every state change. */
  waitFor<T>(check: () => T | undefined, what: string, timeoutMs: number): Promise<T> {
    const now = check();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const onChange = () => {
        const value = check();
        if (value === undefined) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`test Discord server: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.events.off('change', onChange);
      };
      this.events.on('change', onChange);
    });
  }
}
