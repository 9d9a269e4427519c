/**
 * Builders for the Discord objects the test server hands to discord.js: users, guilds, channels,
 * members, messages. Shapes follow discord-api-types so discord.js caches them as it would real ones.
 */
import {
  ChannelType,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildVerificationLevel,
  Locale,
  MessageType,
  PermissionFlagsBits,
  type APIGuildMember,
  type ChannelFlags,
  type GuildMemberFlags,
  type GuildSystemChannelFlags,
  type RoleFlags,
  type UserFlags,
  type APIGuildTextChannel,
  type APIMessage,
  type APIOverwrite,
  type APIRole,
  type APIUser,
  type GatewayGuildCreateDispatchData,
} from 'discord.js';

export interface UserSeed {
  id: string;
  username: string;
  globalName?: string;
  bot?: boolean;
}

export interface ChannelSeed {
  id: string;
  name: string;
  /** Default: a text channel. A category or voice channel has no message list of its own. */
  type?: ChannelType.GuildText | ChannelType.GuildAnnouncement | ChannelType.GuildVoice | ChannelType.GuildCategory;
  /** Per-channel allow/deny for a role (the guild id is @everyone) or a member; the server enforces them for the bot. */
  permissionOverwrites?: APIOverwrite[];
}

export interface RoleSeed {
  id: string;
  name: string;
  mentionable?: boolean;
}

export interface GuildSeed {
  id: string;
  name: string;
  ownerId: string;
  channels: ChannelSeed[];
  /** Users who are members (the bot is always added). */
  members: UserSeed[];
  /** Roles besides @everyone (none of them is given to anyone). */
  roles?: RoleSeed[];
  locale?: Locale;
}

/** A guild channel as stored; `type` says whether it is really a text channel. */
export type TextChannel = Omit<APIGuildTextChannel<ChannelType.GuildText>, 'type'> & { type: NonNullable<ChannelSeed['type']> };

/** Everything a regular member may do in a study server; the bot gets the same. */
export const MEMBER_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.UseApplicationCommands |
  PermissionFlagsBits.AddReactions;

export function userPayload(seed: UserSeed): APIUser {
  return {
    id: seed.id,
    username: seed.username,
    discriminator: '0',
    global_name: seed.globalName ?? null,
    avatar: null,
    ...(seed.bot ? { bot: true } : {}),
    public_flags: 0 as UserFlags,
  };
}

export function everyoneRole(guildId: string): APIRole {
  return {
    id: guildId, // @everyone shares the guild's id
    name: '@everyone',
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    position: 0,
    permissions: MEMBER_PERMISSIONS.toString(),
    managed: false,
    mentionable: false,
    flags: 0 as RoleFlags,
  };
}

export function rolePayload(seed: RoleSeed, position: number): APIRole {
  return { ...everyoneRole(seed.id), name: seed.name, position, permissions: '0', mentionable: seed.mentionable ?? false };
}

/**
 * What a member (with no roles of their own, as every seeded member) may do in a channel: @everyone's permissions,
 * then the channel's @everyone overwrite, then the member's own overwrite — Discord's order.
 */
export function channelPermissionsFor(channel: Pick<TextChannel, 'guild_id' | 'permission_overwrites'>, userId: string): bigint {
  let perms = MEMBER_PERMISSIONS;
  const overwrites = channel.permission_overwrites ?? [];
  for (const target of [channel.guild_id, userId]) {
    const o = overwrites.find((x) => x.id === target);
    if (o) perms = (perms & ~BigInt(o.deny)) | BigInt(o.allow);
  }
  return perms;
}

export function memberPayload(user: UserSeed, joinedAt: string): APIGuildMember {
  return {
    user: userPayload(user),
    nick: null,
    roles: [],
    joined_at: joinedAt,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
  };
}

export function textChannelPayload(guildId: string, seed: ChannelSeed, position: number): TextChannel {
  return {
    id: seed.id,
    type: seed.type ?? ChannelType.GuildText,
    guild_id: guildId,
    name: seed.name,
    position,
    permission_overwrites: seed.permissionOverwrites ?? [],
    nsfw: false,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    parent_id: null,
    flags: 0 as ChannelFlags,
  };
}

/** The full GUILD_CREATE payload: channels, @everyone role and members, so discord.js caches all of them. */
export function guildCreatePayload(seed: GuildSeed, bot: UserSeed, joinedAt: string): GatewayGuildCreateDispatchData {
  const members = [...seed.members, bot].map((u) => memberPayload(u, joinedAt));
  return {
    id: seed.id,
    name: seed.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: seed.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: GuildVerificationLevel.None,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.Disabled,
    roles: [everyoneRole(seed.id), ...(seed.roles ?? []).map((r, i) => rolePayload(r, i + 1))],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0 as GuildSystemChannelFlags,
    rules_channel_id: null,
    vanity_url_code: null,
    premium_tier: GuildPremiumTier.None,
    premium_progress_bar_enabled: false,
    preferred_locale: seed.locale ?? Locale.EnglishUS,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    nsfw_level: GuildNSFWLevel.Default,
    hub_type: null,
    incidents_data: null,
    joined_at: joinedAt,
    large: false,
    unavailable: false,
    member_count: members.length,
    voice_states: [],
    members,
    channels: seed.channels.map((c, i) => textChannelPayload(seed.id, c, i)) as GatewayGuildCreateDispatchData['channels'],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

/** A message as Discord returns it; `fields` are the sent payload's message fields. */
export function messagePayload(args: {
  id: string;
  channelId: string;
  guildId?: string;
  author: APIUser;
  timestamp: string;
  fields: MessageFields;
  applicationId?: string;
  /** Interaction responses are sent through the application's webhook. */
  viaInteraction?: { id: string; commandName?: string; user: APIUser; type: number };
}): APIMessage {
  const { fields } = args;
  return {
    id: args.id,
    type: args.viaInteraction?.commandName ? MessageType.ChatInputCommand : MessageType.Default,
    channel_id: args.channelId,
    ...(args.guildId ? { guild_id: args.guildId } : {}),
    author: args.author,
    content: fields.content ?? '',
    timestamp: args.timestamp,
    edited_timestamp: null,
    tts: fields.tts ?? false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: fields.attachments ?? [],
    embeds: fields.embeds ?? [],
    components: fields.components ?? [],
    pinned: false,
    flags: fields.flags ?? 0,
    ...(args.applicationId ? { application_id: args.applicationId, webhook_id: args.applicationId } : {}),
    ...(args.viaInteraction
      ? {
          interaction_metadata: {
            id: args.viaInteraction.id,
            type: args.viaInteraction.type,
            user: args.viaInteraction.user,
            authorizing_integration_owners: {},
          },
        }
      : {}),
  };
}

/** The message fields a create/edit body may carry. */
export interface MessageFields {
  content?: string;
  tts?: boolean;
  embeds?: APIMessage['embeds'];
  components?: APIMessage['components'];
  attachments?: APIMessage['attachments'];
  flags?: number;
  allowed_mentions?: unknown;
  nonce?: string | number;
  enforce_nonce?: boolean;
}
