/**
 * A Discord-compatible server for tests: REST (/api/v10) and gateway on 127.0.0.1, so the real
 * discord.js client can log in, receive interactions and answer them. Point the bot at `apiUrl`.
 *
 *   const discord = await startDiscordServer();
 *   // bot: new Client({ rest: { api: discord.apiUrl }, ... }).login(discord.token)
 *   const click = discord.interact({ type: 'command', name: 'ask', options: { question: 'S3' } });
 *   const reply = await click.response();
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { ChannelType, PermissionFlagsBits, type APIApplicationCommand, type APIMessage } from 'discord.js';
import { Gateway, GATEWAY_PATH } from './gateway.ts';
import { HttpRouter, type FailureRule, type HoldHandle, type HoldRule, type LoggedRequest } from './httpRouter.ts';
import { registerRestRoutes } from './restRoutes.ts';
import { DiscordState } from './state.ts';
import { buildInteraction, interactionHandle, type InteractionHandle, type InteractOptions } from './interactions.ts';
import { createSnowflakeGenerator } from './snowflake.ts';
import type { GuildSeed, UserSeed } from './discordPayloads.ts';

export type { InteractionHandle, InteractOptions } from './interactions.ts';
export type { CallbackRecord } from './state.ts';
export type { FailureRule, HoldHandle, HoldRule, LoggedRequest } from './httpRouter.ts';
export type { GuildSeed, UserSeed, ChannelSeed, RoleSeed } from './discordPayloads.ts';

export interface DiscordServerOptions {
  /** Guilds the bot is in; default: one "Study Group" guild with #general and #quiz and two members. */
  guilds?: GuildSeed[];
  botName?: string;
  /** Gateway heartbeat interval; long by default so tests see no heartbeat traffic. */
  heartbeatIntervalMs?: number;
  /** How long after INTERACTION_CREATE a callback is accepted (wall time); Discord's is 3 s. */
  interactionTimeoutMs?: number;
}

/** Fixed ids for the default world, so tests can name them. */
const ids = createSnowflakeGenerator(2, 2);
export const DEFAULT_GUILD_ID = ids();
export const DEFAULT_CHANNELS = { general: ids(), quiz: ids() } as const;
export const DEFAULT_USERS = {
  alice: { id: ids(), username: 'alice', globalName: 'Alice' },
  bob: { id: ids(), username: 'bob', globalName: 'Bob' },
} as const satisfies Record<string, UserSeed>;
/** More members for quiz tests (answers from several people); `gone` is not a member (someone who left). */
export const MORE_USERS = {
  carol: { id: ids(), username: 'carol', globalName: 'Carol' },
  dave: { id: ids(), username: 'dave', globalName: 'Dave' },
  gone: { id: ids(), username: 'gone', globalName: 'Left the server' },
} as const satisfies Record<string, UserSeed>;
/** Channels the quiz must refuse: #locked (the bot may not send there), #lounge (voice), #study (a category). */
export const RESTRICTED_CHANNELS = { locked: ids(), lounge: ids(), category: ids() } as const;
export const DEFAULT_ROLES = { quizFans: ids() } as const;
export const OTHER_GUILD = { id: ids(), channel: ids() } as const;

function defaultGuilds(): GuildSeed[] {
  return [
    {
      id: DEFAULT_GUILD_ID,
      name: 'Study Group',
      ownerId: DEFAULT_USERS.alice.id,
      channels: [
        { id: DEFAULT_CHANNELS.general, name: 'general' },
        { id: DEFAULT_CHANNELS.quiz, name: 'quiz' },
      ],
      members: [DEFAULT_USERS.alice, DEFAULT_USERS.bob],
    },
  ];
}

/**
 * The default guild plus what daily-quiz tests need: more members, a pingable role, and channels the quiz must
 * refuse — #announcements (the bot may not send), #lounge (voice), #study (a category). Pass as `guilds`.
 */
export function quizGuilds(): GuildSeed[] {
  const [guild] = defaultGuilds();
  return [
    {
      ...guild!,
      channels: [
        ...guild!.channels,
        {
          id: RESTRICTED_CHANNELS.locked,
          name: 'announcements',
          // Members may read but not write; the bot gets no exception.
          permissionOverwrites: [{ id: DEFAULT_GUILD_ID, type: 0, allow: '0', deny: String(PermissionFlagsBits.SendMessages) }],
        },
        { id: RESTRICTED_CHANNELS.lounge, name: 'lounge', type: ChannelType.GuildVoice },
        { id: RESTRICTED_CHANNELS.category, name: 'study', type: ChannelType.GuildCategory },
      ],
      members: [...guild!.members, MORE_USERS.carol, MORE_USERS.dave],
      roles: [{ id: DEFAULT_ROLES.quizFans, name: 'quiz-fans', mentionable: true }],
    },
    // Another server with its own quiz: clicks on its quizzes from the first guild must be refused.
    {
      id: OTHER_GUILD.id,
      name: 'Other Group',
      ownerId: MORE_USERS.dave.id,
      channels: [{ id: OTHER_GUILD.channel, name: 'quiz' }],
      members: [MORE_USERS.dave],
    },
  ];
}

/** A token in Discord's shape (base64 user id, timestamp, HMAC), so config validation accepts it. */
function fakeToken(botId: string): string {
  return `${Buffer.from(botId).toString('base64url')}.${randomBytes(4).toString('base64url')}.${randomBytes(20).toString('base64url')}`;
}

export class DiscordTestServer {
  readonly state: DiscordState;
  readonly gateway: Gateway;
  private readonly router: HttpRouter;
  private readonly http: Server;
  private port = 0;

  constructor(options: DiscordServerOptions = {}) {
    const botId = createSnowflakeGenerator(3, 3)();
    const bot: UserSeed = { id: botId, username: options.botName ?? 'studybot', bot: true };
    this.state = new DiscordState({
      token: fakeToken(botId),
      bot,
      applicationId: botId, // as for every bot created in the Developer Portal
      guilds: options.guilds ?? defaultGuilds(),
      interactionTimeoutMs: options.interactionTimeoutMs ?? 3_000,
    });
    const isValidToken = (token: string) => token === this.state.token;
    this.gateway = new Gateway({
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 45_000,
      isValidToken,
      onIdentify: (sessionId, resumeUrl) => ({
        ready: {
          v: 10,
          user: { ...this.state.bot, verified: true, mfa_enabled: false, flags: 0 },
          guilds: this.state.guildSeeds.map((g) => ({ id: g.id, unavailable: true })),
          session_id: sessionId,
          resume_gateway_url: resumeUrl,
          shard: [0, 1],
          application: { id: this.state.applicationId, flags: 0 },
        },
        guilds: this.state.guildSeeds.map((g) => this.state.guildCreate(g)),
      }),
    });
    this.router = new HttpRouter(isValidToken);
    registerRestRoutes(this.router, this.state, () => this.gatewayUrl);
    this.http = createServer((req, res) => void this.router.handle(req, res));
    this.http.on('upgrade', (req, socket, head) => this.gateway.handleUpgrade(req, socket, head));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (this.http.address() as AddressInfo).port;
    this.gateway.setUrl(this.gatewayUrl);
    return this;
  }

  async close(): Promise<void> {
    await this.gateway.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  /** Pass as DISCORD_API_URL / `rest.api`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}${GATEWAY_PATH}`;
  }

  get token(): string {
    return this.state.token;
  }

  get applicationId(): string {
    return this.state.applicationId;
  }

  get botUser() {
    return this.state.bot;
  }

  /** Change the callback window, e.g. to make a slow handler miss it without waiting 3 s. */
  set interactionTimeoutMs(ms: number) {
    this.state.interactionTimeoutMs = ms;
  }

  /**
   * Sends a gateway event to every session: live ones now, disconnected-but-resumable ones on RESUME.
   * Throws if no bot has a session.
   */
  dispatch(event: string, data: unknown): void {
    if (this.gateway.dispatch(event, data) === 0) {
      throw new Error(`test Discord server: cannot dispatch ${event}: no bot is connected`);
    }
  }

  /** Simulates a user: dispatches INTERACTION_CREATE and returns a handle to await the bot's answer. */
  interact(options: InteractOptions): InteractionHandle {
    const { payload, channelId } = buildInteraction(this.state, options);
    const stored = this.state.addInteraction(payload, channelId);
    this.dispatch('INTERACTION_CREATE', payload);
    return interactionHandle(this.state, stored);
  }

  /** Every message in a channel, oldest first, ephemeral ones included (flag 64). */
  messages(channelId: string): APIMessage[] {
    return this.state.messages(channelId);
  }

  /** Waits for a message in the channel matching `match` (e.g. the daily quiz post). */
  waitForMessage(channelId: string, match: (m: APIMessage) => boolean = () => true, timeoutMs = 5_000): Promise<APIMessage> {
    return this.state.waitFor(() => this.state.messages(channelId).find(match), `a message in channel ${channelId}`, timeoutMs);
  }

  /** Registered commands: global, or for one guild. */
  commands(guildId?: string): APIApplicationCommand[] {
    return guildId === undefined ? [...this.state.globalCommands] : [...(this.state.guildCommands.get(guildId) ?? [])];
  }

  /** Every REST request received, in order. */
  get requests(): readonly LoggedRequest[] {
    return this.router.log;
  }

  /** The next matching requests fail: 429 (with retry headers), 5xx, 403 50013, 404 10003, … */
  failNext(rule: FailureRule): void {
    this.router.failNext(rule);
  }

  clearFailures(): void {
    this.router.clearFailures();
  }

  /**
   * Holds the next matching request, before Discord applies it or after (applied, response not sent yet), until
   * `release()`. With the bot killed meanwhile, a request held before is dropped, as if it never arrived.
   */
  hold(rule: HoldRule): HoldHandle {
    return this.router.hold(rule);
  }

  /** Resolves when `check` returns a value, re-checked after every change (messages, edits, callbacks). */
  waitFor<T>(check: () => T | undefined, what: string, timeoutMs = 5_000): Promise<T> {
    return this.state.waitFor(check, what, timeoutMs);
  }
}

export async function startDiscordServer(options: DiscordServerOptions = {}): Promise<DiscordTestServer> {
  return new DiscordTestServer(options).start();
}
