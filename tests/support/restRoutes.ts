/** The REST routes of the fake Discord API (below /api/v10), each doing what Discord does with the request. */
import {
  ApplicationCommandType,
  ApplicationFlags,
  ChannelType,
  MessageFlags,
  PermissionFlagsBits,
  type APIApplicationCommand,
  type APIAttachment,
  type APIMessage,
  type InteractionResponseType,
} from 'discord.js';
import { discordError, type DiscordErrorCode } from './discordErrors.ts';
import { channelPermissionsFor, type MessageFields } from './discordPayloads.ts';
import type { HttpRouter, RestRequest, RestResponse, UploadedFile } from './httpRouter.ts';
import type { DiscordState, StoredInteraction } from './state.ts';

const ok = (body: unknown, status = 200): RestResponse => ({ status, body });
const noContent: RestResponse = { status: 204 };
const fail = (code: DiscordErrorCode, errors?: unknown): RestResponse => discordError(code, errors);

const COMMAND_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

export function registerRestRoutes(router: HttpRouter, state: DiscordState, gatewayUrl: () => string): void {
  // ── session & identity ─────────────────────────────────────────────────
  router.on('GET', '/gateway/bot', () =>
    ok({
      url: gatewayUrl(),
      shards: 1,
      session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
    }),
  );
  router.on('GET', '/gateway', () => ok({ url: gatewayUrl() }), 'none');
  router.on('GET', '/users/@me', () => ok(state.bot));
  router.on('GET', '/applications/@me', () =>
    ok({
      id: state.applicationId,
      name: state.bot.username,
      icon: null,
      description: '',
      bot_public: false,
      bot_require_code_grant: false,
      verify_key: '0'.repeat(64),
      flags: ApplicationFlags.GatewayMessageContentLimited,
      team: null,
      bot: state.bot,
    }),
  );

  // ── application commands (bulk overwrite) ──────────────────────────────
  const commandsFor = (req: RestRequest): APIApplicationCommand[] | RestResponse => {
    if (req.params.app !== state.applicationId) return fail(50001);
    const guildId = req.params.guild;
    if (guildId === undefined) return state.globalCommands;
    if (!state.guild(guildId)) return fail(50001);
    const list = state.guildCommands.get(guildId) ?? [];
    state.guildCommands.set(guildId, list);
    return list;
  };
  const getCommands = (req: RestRequest) => {
    const list = commandsFor(req);
    return Array.isArray(list) ? ok(list) : list;
  };
  const putCommands = (req: RestRequest) => {
    const list = commandsFor(req);
    if (!Array.isArray(list)) return list;
    if (!Array.isArray(req.body)) return fail(50035, { _errors: [{ code: 'LIST_TYPE_CONVERT', message: 'Must be an array.' }] });
    const problems = validateCommands(req.body as Array<Record<string, unknown>>);
    if (problems) return fail(50035, problems);
    const previous = new Map(list.map((c) => [`${c.type}:${c.name}`, c.id]));
    const stored = (req.body as Array<Record<string, unknown>>).map((body) => {
      const type = (body.type as number | undefined) ?? ApplicationCommandType.ChatInput;
      const name = String(body.name);
      return {
        default_member_permissions: null,
        nsfw: false,
        contexts: null,
        integration_types: [0],
        ...body,
        // Discord keeps the id of a command that already existed under the same name.
        id: previous.get(`${type}:${name}`) ?? state.nextId(),
        application_id: state.applicationId,
        ...(req.params.guild ? { guild_id: req.params.guild } : {}),
        type,
        name,
        description: String(body.description ?? ''),
        version: state.nextId(),
      } as APIApplicationCommand;
    });
    list.splice(0, list.length, ...stored);
    state.changed();
    return ok(stored);
  };
  router.on('GET', '/applications/:app/commands', getCommands);
  router.on('PUT', '/applications/:app/commands', putCommands);
  router.on('GET', '/applications/:app/guilds/:guild/commands', getCommands);
  router.on('PUT', '/applications/:app/guilds/:guild/commands', putCommands);

  // ── guilds & channels ──────────────────────────────────────────────────
  router.on('GET', '/guilds/:guild', (req) => {
    const guild = state.guild(req.params.guild ?? '');
    if (!guild) return fail(10004);
    const { members: _m, channels: _c, voice_states: _v, presences: _p, threads: _t, ...rest } = state.guildCreate(guild);
    return ok(rest);
  });
  router.on('GET', '/guilds/:guild/channels', (req) => {
    const guild = state.guild(req.params.guild ?? '');
    if (!guild) return fail(10004);
    return ok(guild.channels.map((c) => state.channels.get(c.id)));
  });
  router.on('GET', '/guilds/:guild/members/:user', (req) => {
    if (!state.guild(req.params.guild ?? '')) return fail(10004);
    const member = state.member(req.params.guild ?? '', req.params.user ?? '');
    return member ? ok(member) : fail(10007);
  });
  router.on('GET', '/channels/:channel', (req) => {
    const channel = state.channels.get(req.params.channel ?? '');
    return channel ? ok(channel) : fail(10003);
  });

  // ── channel messages ───────────────────────────────────────────────────
  router.on('GET', '/channels/:channel/messages', (req) => {
    if (!state.channels.has(req.params.channel ?? '')) return fail(10003);
    const limit = Math.min(Number(req.query.get('limit') ?? 50), 100);
    const visible = state.messages(req.params.channel ?? '').filter((m) => !((m.flags ?? 0) & MessageFlags.Ephemeral));
    return ok(visible.reverse().slice(0, limit)); // newest first, as Discord lists them
  });
  router.on('POST', '/channels/:channel/messages', (req) => {
    const channelId = req.params.channel ?? '';
    const channel = state.channels.get(channelId);
    if (!channel) return fail(10003);
    // Discord checks the bot's permissions in the channel, overwrites included.
    const perms = channelPermissionsFor(channel, state.bot.id);
    if (!(perms & PermissionFlagsBits.ViewChannel)) return fail(50001);
    if (channel.type !== ChannelType.GuildText && channel.type !== ChannelType.GuildAnnouncement) return fail(50008);
    if (!(perms & PermissionFlagsBits.SendMessages)) return fail(50013);
    const fields = messageFields(req, state);
    if ((fields.embeds ?? []).length > 0 && !(perms & PermissionFlagsBits.EmbedLinks)) return fail(50013);
    const problem = validateMessage(fields, true);
    if (problem) return problem;
    // enforce_nonce: the same nonce again returns the message already created instead of a second one.
    const nonce = fields.enforce_nonce && fields.nonce !== undefined ? String(fields.nonce) : undefined;
    const earlier = nonce === undefined ? undefined : state.messageByNonce(channelId, nonce);
    if (earlier) return ok(earlier);
    const message = state.createMessage(channelId, fields);
    if (nonce !== undefined) state.rememberNonce(channelId, nonce, message.id);
    return ok(message);
  });
  const channelMessage = (req: RestRequest): { found: false; error: RestResponse } | { found: true; message: APIMessage } => {
    if (!state.channels.has(req.params.channel ?? '')) return { found: false, error: fail(10003) };
    const message = state.message(req.params.message ?? '');
    if (!message || message.channel_id !== req.params.channel) return { found: false, error: fail(10008) };
    return { found: true, message };
  };
  router.on('GET', '/channels/:channel/messages/:message', (req) => {
    const found = channelMessage(req);
    return found.found ? ok(found.message) : found.error;
  });
  router.on('PATCH', '/channels/:channel/messages/:message', (req) => {
    const found = channelMessage(req);
    if (!found.found) return found.error;
    const fields = messageFields(req, state);
    const problem = validateMessage(fields, false);
    if (problem) return problem;
    return ok(state.editMessage(found.message.id, fields) ?? found.message);
  });
  router.on('DELETE', '/channels/:channel/messages/:message', (req) => {
    const found = channelMessage(req);
    if (!found.found) return found.error;
    state.deleteMessage(found.message.id);
    return noContent;
  });

  // ── interaction callbacks (authorised by the interaction token, no bot token) ──
  router.on(
    'POST',
    '/interactions/:id/:token/callback',
    (req) => {
      const interaction = state.interactions.get(req.params.id ?? '');
      if (!interaction || interaction.token !== req.params.token) return fail(10062);
      const body = (req.body ?? {}) as { type?: number; data?: Record<string, unknown> };
      const data = body.data ? { ...body.data, ...withAttachments(body.data as MessageFields, req.files, state) } : undefined;
      const result = state.acceptCallback(interaction, body.type as InteractionResponseType, data);
      if ('error' in result) return result.error;
      if (req.query.get('with_response') !== 'true') return noContent;
      const message = result.message;
      return ok({
        interaction: {
          id: interaction.id,
          type: interaction.payload.type,
          ...(message
            ? {
                response_message_id: message.id,
                response_message_loading: Boolean((message.flags ?? 0) & MessageFlags.Loading),
                response_message_ephemeral: Boolean((message.flags ?? 0) & MessageFlags.Ephemeral),
              }
            : {}),
        },
        resource: { type: body.type, ...(message ? { message } : {}) },
      });
    },
    'none',
  );

  // ── interaction webhooks: follow-ups and @original ─────────────────────
  const webhookInteraction = (req: RestRequest): StoredInteraction | RestResponse => {
    const interaction = state.interactionByToken(req.params.token ?? '');
    if (req.params.app !== state.applicationId || !interaction) return fail(10015);
    // The webhook exists only once the interaction has been acknowledged.
    if (!interaction.callbacks.some((c) => c.errorCode === undefined && state.isMessageCallback(c.type))) return fail(10015);
    return interaction;
  };
  const webhookMessageId = (interaction: StoredInteraction, id: string): string | undefined => {
    if (id === '@original') return interaction.originalMessageId;
    return interaction.followUpIds.includes(id) || interaction.originalMessageId === id ? id : undefined;
  };
  router.on(
    'POST',
    '/webhooks/:app/:token',
    (req) => {
      const interaction = webhookInteraction(req);
      if (!('token' in interaction)) return interaction;
      const fields = messageFields(req, state);
      const problem = validateMessage(fields, true);
      if (problem) return problem;
      const message = state.createMessage(interaction.channelId, fields, interaction);
      interaction.followUpIds.push(message.id);
      state.changed();
      return req.query.get('wait') === 'false' ? noContent : ok(message);
    },
    'none',
  );
  router.on(
    'GET',
    '/webhooks/:app/:token/messages/:message',
    (req) => {
      const interaction = webhookInteraction(req);
      if (!('token' in interaction)) return interaction;
      const id = webhookMessageId(interaction, req.params.message ?? '');
      const message = id ? state.message(id) : undefined;
      return message ? ok(message) : fail(10008);
    },
    'none',
  );
  router.on(
    'PATCH',
    '/webhooks/:app/:token/messages/:message',
    (req) => {
      const interaction = webhookInteraction(req);
      if (!('token' in interaction)) return interaction;
      const id = webhookMessageId(interaction, req.params.message ?? '');
      if (!id || !state.message(id)) return fail(10008);
      const fields = messageFields(req, state);
      const problem = validateMessage(fields, false);
      if (problem) return problem;
      const message = state.editMessage(id, fields);
      if (id === interaction.originalMessageId) {
        interaction.originalState = 'ready';
        state.changed();
      }
      return ok(message);
    },
    'none',
  );
  router.on(
    'DELETE',
    '/webhooks/:app/:token/messages/:message',
    (req) => {
      const interaction = webhookInteraction(req);
      if (!('token' in interaction)) return interaction;
      const id = webhookMessageId(interaction, req.params.message ?? '');
      if (!id || !state.deleteMessage(id)) return fail(10008);
      return noContent;
    },
    'none',
  );
}

/** The message fields of a create/edit body, with uploaded files turned into attachments. */
function messageFields(req: RestRequest, state: DiscordState): MessageFields {
  const body = (req.body ?? {}) as MessageFields;
  return { ...body, ...withAttachments(body, req.files, state) };
}

function withAttachments(fields: MessageFields, files: UploadedFile[], state: DiscordState): Pick<MessageFields, 'attachments'> {
  if (files.length === 0) return {};
  const attachments: APIAttachment[] = files.map((file) => {
    const id = state.nextId();
    return {
      id,
      filename: file.name,
      size: file.size,
      content_type: file.contentType,
      url: `https://cdn.discordapp.test/attachments/${id}/${file.name}`,
      proxy_url: `https://media.discordapp.test/attachments/${id}/${file.name}`,
    };
  });
  return { attachments: [...(fields.attachments ?? []).filter((a) => 'url' in a), ...attachments] };
}

/** Discord's limits on a message body: a create must carry something; content ≤ 2000; ≤ 10 embeds; ≤ 5 rows. */
function validateMessage(fields: MessageFields, creating: boolean): RestResponse | undefined {
  const errors: Record<string, unknown> = {};
  const err = (code: string, message: string) => ({ _errors: [{ code, message }] });
  if ((fields.content ?? '').length > 2000) errors.content = err('BASE_TYPE_MAX_LENGTH', 'Must be 2000 or fewer in length.');
  if ((fields.embeds ?? []).length > 10) errors.embeds = err('BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
  if ((fields.components ?? []).length > 5) errors.components = err('BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');
  if (Object.keys(errors).length > 0) return fail(50035, errors);
  const empty =
    !fields.content && (fields.embeds ?? []).length === 0 && (fields.components ?? []).length === 0 && (fields.attachments ?? []).length === 0;
  if (creating && empty) return { status: 400, body: { message: 'Cannot send an empty message', code: 50006 } };
  return undefined;
}

/** Discord's checks on a bulk overwrite, reported in its nested `errors` shape keyed by index. */
function validateCommands(commands: Array<Record<string, unknown>>): Record<string, unknown> | undefined {
  const errors: Record<string, unknown> = {};
  const err = (code: string, message: string) => ({ _errors: [{ code, message }] });
  const seen = new Set<string>();
  commands.forEach((command, i) => {
    const name = command.name;
    const type = (command.type as number | undefined) ?? ApplicationCommandType.ChatInput;
    const problems: Record<string, unknown> = {};
    if (typeof name !== 'string' || !COMMAND_NAME.test(name) || (type === ApplicationCommandType.ChatInput && name !== name.toLowerCase())) {
      problems.name = err('APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    } else if (seen.has(`${type}:${name}`)) {
      problems.name = err('APPLICATION_COMMANDS_DUPLICATE_NAME', 'Application command names must be unique');
    }
    seen.add(`${type}:${String(name)}`);
    const description = command.description;
    if (type === ApplicationCommandType.ChatInput && (typeof description !== 'string' || description.length < 1 || description.length > 100)) {
      problems.description = err('BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
    }
    if (Array.isArray(command.options) && command.options.length > 25) {
      problems.options = err('BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
    }
    if (Object.keys(problems).length > 0) errors[String(i)] = problems;
  });
  if (commands.length > 100) errors._errors = [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 100 or fewer in length.' }];
  return Object.keys(errors).length > 0 ? errors : undefined;
}
