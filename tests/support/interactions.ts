/**
 * Builds INTERACTION_CREATE payloads the way Discord sends them, and the handle a test uses to
 * await what the bot answered.
 */
import { randomBytes } from 'node:crypto';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ComponentType,
  InteractionContextType,
  InteractionType,
  Locale,
  MessageFlags,
  type APIApplicationCommand,
  type APIApplicationCommandInteractionDataOption,
  type APIInteraction,
  type APIGuildMember,
  type APIMessage,
  type APIRole,
  type APIUser,
} from 'discord.js';
import { MEMBER_PERMISSIONS, messagePayload, userPayload, type TextChannel, type UserSeed } from './discordPayloads.ts';
import type { CallbackRecord, DiscordState, StoredInteraction } from './state.ts';

export type OptionValue = string | number | boolean;

interface InteractBase {
  guildId?: string;
  channelId?: string;
  /** Defaults to the guild's first member. */
  user?: UserSeed;
  locale?: Locale;
  /** The bot's permissions in the channel; defaults to a regular member's. */
  appPermissions?: bigint;
  /** The invoking member's permissions. */
  memberPermissions?: bigint;
}

export type InteractOptions = InteractBase &
  (
    | {
        type: 'command';
        name: string;
        /** The subcommand invoked; `options` are then its options. */
        subcommand?: string;
        options?: Record<string, OptionValue> | APIApplicationCommandInteractionDataOption[];
      }
    | {
        type: 'autocomplete';
        name: string;
        subcommand?: string;
        options?: Record<string, OptionValue> | APIApplicationCommandInteractionDataOption[];
        /** Which option the user is typing in. */
        focused: string;
      }
    | { type: 'button'; customId: string; message?: APIMessage }
    | { type: 'select'; customId: string; values: string[]; message?: APIMessage }
  );

export interface InteractionHandle {
  id: string;
  token: string;
  payload: APIInteraction;
  /** The first callback the bot sent (accepted or not). */
  response(timeoutMs?: number): Promise<CallbackRecord>;
  /** Every callback attempt so far. */
  callbacks(): CallbackRecord[];
  /** The original response message once it is final: after a reply, or after a deferral has been edited. */
  original(timeoutMs?: number): Promise<APIMessage>;
  /** Waits until there are at least `count` follow-ups; returns them all. */
  followUps(count?: number, timeoutMs?: number): Promise<APIMessage[]>;
}

const DEFAULT_WAIT_MS = 5_000;

/** Option types for a record of values: from the registered command when known, else inferred from JS types. */
function toOptions(
  values: Record<string, OptionValue> | APIApplicationCommandInteractionDataOption[] | undefined,
  command: Pick<APIApplicationCommand, 'options'> | undefined,
  focused?: string,
): APIApplicationCommandInteractionDataOption[] {
  if (!values) return [];
  if (Array.isArray(values)) return values;
  return Object.entries(values).map(([name, value]) => {
    const declared = command?.options?.find((o) => o.name === name)?.type;
    const type =
      declared ??
      (typeof value === 'boolean'
        ? ApplicationCommandOptionType.Boolean
        : typeof value === 'number'
          ? Number.isInteger(value)
            ? ApplicationCommandOptionType.Integer
            : ApplicationCommandOptionType.Number
          : ApplicationCommandOptionType.String);
    return { name, type, value, ...(name === focused ? { focused: true } : {}) } as APIApplicationCommandInteractionDataOption;
  });
}

export function buildInteraction(state: DiscordState, options: InteractOptions): { payload: APIInteraction; channelId: string } {
  const guild = options.guildId ? state.guild(options.guildId) : state.guildSeeds[0];
  if (!guild) throw new Error(`test Discord server: unknown guild ${options.guildId ?? '(none configured)'}`);
  const channelId = options.channelId ?? guild.channels[0]?.id;
  const channel = channelId ? state.channels.get(channelId) : undefined;
  if (!channelId || !channel) throw new Error(`test Discord server: unknown channel ${channelId ?? '(guild has none)'}`);
  const userSeed = options.user ?? guild.members[0];
  if (!userSeed) throw new Error('test Discord server: no user given and the guild has no members');
  const user = userPayload(userSeed);
  const member = state.member(guild.id, user.id) ?? {
    user,
    roles: [],
    joined_at: new Date().toISOString(),
    deaf: false,
    mute: false,
    flags: 0,
  };

  const common = {
    id: state.nextId(),
    application_id: state.applicationId,
    token: `aW50ZXJhY3Rpb24.${randomBytes(24).toString('base64url')}`,
    version: 1 as const,
    guild_id: guild.id,
    guild: { id: guild.id, locale: guild.locale ?? Locale.EnglishUS, features: [] },
    channel: { ...channel },
    channel_id: channelId,
    member: { ...member, user, permissions: String(options.memberPermissions ?? MEMBER_PERMISSIONS) },
    app_permissions: String(options.appPermissions ?? MEMBER_PERMISSIONS),
    locale: options.locale ?? Locale.EnglishUS,
    guild_locale: guild.locale ?? Locale.EnglishUS,
    entitlements: [],
    authorizing_integration_owners: { '0': guild.id },
    context: InteractionContextType.Guild,
    attachment_size_limit: 10 * 1024 * 1024,
  };

  const registered = (name: string) =>
    (state.guildCommands.get(guild.id) ?? []).find((c) => c.name === name) ?? state.globalCommands.find((c) => c.name === name);

  switch (options.type) {
    case 'command':
    case 'autocomplete': {
      const command = registered(options.name);
      const focused = options.type === 'autocomplete' ? options.focused : undefined;
      const sub = options.subcommand;
      const declared = sub === undefined ? command : (command?.options?.find((o) => o.name === sub) as Pick<APIApplicationCommand, 'options'> | undefined);
      const leafOptions = toOptions(options.options, declared, focused);
      const dataOptions =
        sub === undefined
          ? leafOptions
          : ([{ type: ApplicationCommandOptionType.Subcommand, name: sub, options: leafOptions }] as APIApplicationCommandInteractionDataOption[]);
      const data = {
        id: command?.id ?? state.nextId(),
        name: options.name,
        type: ApplicationCommandType.ChatInput,
        guild_id: command?.guild_id,
        options: dataOptions,
        resolved: resolveOptions(state, guild.id, leafOptions),
      };
      const type = options.type === 'command' ? InteractionType.ApplicationCommand : InteractionType.ApplicationCommandAutocomplete;
      return { payload: { ...common, type, data } as APIInteraction, channelId };
    }
    case 'button':
    case 'select': {
      const message = options.message ?? findMessageWith(state, channelId, options.customId) ?? placeholderMessage(state, channelId);
      const data =
        options.type === 'button'
          ? { custom_id: options.customId, component_type: ComponentType.Button }
          : { custom_id: options.customId, component_type: ComponentType.StringSelect, values: options.values };
      return { payload: { ...common, type: InteractionType.MessageComponent, message, data } as APIInteraction, channelId };
    }
  }
}

/** Discord sends the users, members and channels named by options in `data.resolved`; discord.js reads them there. */
function resolveOptions(state: DiscordState, guildId: string, options: APIApplicationCommandInteractionDataOption[]) {
  const users: Record<string, APIUser> = {};
  const members: Record<string, Omit<APIGuildMember, 'user' | 'deaf' | 'mute'> & { permissions: string }> = {};
  const channels: Record<string, TextChannel> = {};
  const roles: Record<string, APIRole> = {};
  const guildCreate = state.guild(guildId) ? state.guildCreate(state.guild(guildId)!) : undefined;
  for (const o of options) {
    if (o.type === ApplicationCommandOptionType.Role) {
      const role = guildCreate?.roles.find((r) => r.id === o.value);
      if (role) roles[o.value] = role;
    }
    if (o.type === ApplicationCommandOptionType.User) {
      const member = state.member(guildId, o.value);
      const user = member?.user ?? userPayload({ id: o.value, username: `user${o.value.slice(-4)}` });
      users[o.value] = user;
      if (member) {
        const { user: _u, deaf: _d, mute: _m, ...rest } = member;
        members[o.value] = { ...rest, permissions: String(MEMBER_PERMISSIONS) };
      }
    }
    if (o.type === ApplicationCommandOptionType.Channel) {
      const channel = state.channels.get(o.value);
      if (channel) channels[o.value] = channel;
    }
  }
  return { users, members, channels, roles };
}

/** The newest message in the channel that carries a component with this custom_id (what the user clicked). */
function findMessageWith(state: DiscordState, channelId: string, customId: string): APIMessage | undefined {
  return state
    .messages(channelId)
    .reverse()
    .find((m) => JSON.stringify(m.components ?? []).includes(JSON.stringify(customId)));
}

/** A bot message that is not stored: for forged custom_ids that no real message carries. */
function placeholderMessage(state: DiscordState, channelId: string): APIMessage {
  return messagePayload({
    id: state.nextId(),
    channelId,
    author: state.bot,
    timestamp: new Date().toISOString(),
    fields: { content: '' },
  });
}

export function interactionHandle(state: DiscordState, stored: StoredInteraction): InteractionHandle {
  return {
    id: stored.id,
    token: stored.token,
    payload: stored.payload,
    callbacks: () => [...stored.callbacks],
    response: (timeoutMs = DEFAULT_WAIT_MS) =>
      state.waitFor(() => stored.callbacks[0], `a callback to interaction ${stored.id}`, timeoutMs),
    original: (timeoutMs = DEFAULT_WAIT_MS) =>
      state.waitFor(
        () => {
          if (stored.originalState !== 'ready' || !stored.originalMessageId) return undefined;
          const message = state.message(stored.originalMessageId);
          return message && !((message.flags ?? 0) & MessageFlags.Loading) ? message : undefined;
        },
        `the original response of interaction ${stored.id}`,
        timeoutMs,
      ),
    followUps: (count = 1, timeoutMs = DEFAULT_WAIT_MS) =>
      state.waitFor(
        () => {
          const messages = stored.followUpIds.map((id) => state.message(id)).filter((m): m is APIMessage => m !== undefined);
          return messages.length >= count ? messages : undefined;
        },
        `${count} follow-up(s) to interaction ${stored.id}`,
        timeoutMs,
      ),
  };
}
