import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, DiscordAPIError, GatewayIntentBits, HTTPError, InteractionResponseType, REST, Routes } from 'discord.js';
import { createClient } from '../../src/discord/client.ts';
import { silentLogger } from '../../src/logger.ts';
import { DEFAULT_CHANNELS, DEFAULT_GUILD_ID, DEFAULT_USERS, startDiscordServer, type DiscordTestServer } from '../support/discordServer.ts';
import { snowflakeTime, createSnowflakeGenerator } from '../support/snowflake.ts';

describe('snowflakes', () => {
  it('are increasing and encode their creation time', () => {
    const next = createSnowflakeGenerator();
    const before = Date.now();
    const ids = Array.from({ length: 5000 }, () => next());
    const after = Date.now();
    for (let i = 1; i < ids.length; i++) expect(BigInt(ids[i] ?? 0) > BigInt(ids[i - 1] ?? 0)).toBe(true);
    expect(ids[0]).toMatch(/^\d{17,20}$/);
    const created = snowflakeTime(ids[0] ?? '').getTime();
    expect(created).toBeGreaterThanOrEqual(before);
    expect(created).toBeLessThanOrEqual(after + 2); // 5000 ids may borrow a ms
  });
});

describe('test Discord server: REST', () => {
  let discord: DiscordTestServer;
  let rest: REST;
  beforeAll(async () => {
    discord = await startDiscordServer();
    rest = new REST({ api: discord.apiUrl, timeout: 2_000, retries: 2 }).setToken(discord.token);
  });
  afterAll(async () => {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
    await discord.close();
  });
  const api = (path: string, init?: RequestInit) => fetch(`${discord.apiUrl}/v10${path}`, init);

  it('requires the bot token and answers 401 in Discord’s error shape', async () => {
    const res = await api('/users/@me');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: '401: Unauthorized', code: 0 });
    const wrong = await api('/users/@me', { headers: { authorization: `Bot ${discord.token}x` } });
    expect(wrong.status).toBe(401);
  });

  it('answers an unknown route with 404 and Discord’s error shape', async () => {
    const res = await api('/no/such/route', { headers: { authorization: `Bot ${discord.token}` } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ message: '404: Not Found', code: 0 });
  });

  it('serves the bot, its application, guilds, channels and members', async () => {
    expect(await rest.get(Routes.user())).toMatchObject({ id: discord.botUser.id, bot: true });
    expect(await rest.get(Routes.currentApplication())).toMatchObject({ id: discord.applicationId });
    expect(await rest.get(Routes.guild(DEFAULT_GUILD_ID))).toMatchObject({ id: DEFAULT_GUILD_ID, name: 'Study Group' });
    const channels = (await rest.get(Routes.guildChannels(DEFAULT_GUILD_ID))) as Array<{ name: string }>;
    expect(channels.map((c) => c.name)).toEqual(['general', 'quiz']);
    expect(await rest.get(Routes.channel(DEFAULT_CHANNELS.quiz))).toMatchObject({ name: 'quiz', guild_id: DEFAULT_GUILD_ID });
    expect(await rest.get(Routes.guildMember(DEFAULT_GUILD_ID, DEFAULT_USERS.bob.id))).toMatchObject({ user: { username: 'bob' } });
    await expect(rest.get(Routes.channel('1'))).rejects.toMatchObject({ code: 10003, status: 404 });
    await expect(rest.get(Routes.guildMember(DEFAULT_GUILD_ID, '1'))).rejects.toMatchObject({ code: 10007 });
  });

  it('stores channel messages with snowflake ids; edits and deletes them', async () => {
    const posted = (await rest.post(Routes.channelMessages(DEFAULT_CHANNELS.quiz), { body: { content: 'Question 1' } })) as { id: string };
    expect(posted).toMatchObject({ content: 'Question 1', channel_id: DEFAULT_CHANNELS.quiz, author: { id: discord.botUser.id } });
    expect(posted.id).toMatch(/^\d{17,20}$/);
    await rest.patch(Routes.channelMessage(DEFAULT_CHANNELS.quiz, posted.id), { body: { content: 'Question 1 (closed)' } });
    expect(discord.messages(DEFAULT_CHANNELS.quiz).map((m) => m.content)).toEqual(['Question 1 (closed)']);
    await rest.delete(Routes.channelMessage(DEFAULT_CHANNELS.quiz, posted.id));
    expect(discord.messages(DEFAULT_CHANNELS.quiz)).toEqual([]);
    await expect(rest.get(Routes.channelMessage(DEFAULT_CHANNELS.quiz, posted.id))).rejects.toMatchObject({ code: 10008 });
    await expect(rest.post(Routes.channelMessages(DEFAULT_CHANNELS.quiz), { body: { content: '' } })).rejects.toMatchObject({
      code: 50006,
    });
  });

  describe('failure injection', () => {
    it('a 500 once: discord.js REST retries and succeeds', async () => {
      discord.failNext({ method: 'GET', path: '/channels/:channel', status: 500 });
      const from = discord.requests.length;
      await expect(rest.get(Routes.channel(DEFAULT_CHANNELS.general))).resolves.toMatchObject({ name: 'general' });
      expect(discord.requests.slice(from).map((r) => r.status)).toEqual([500, 200]);
    });

    it('5xx more times than REST retries: surfaces as an HTTPError', async () => {
      discord.failNext({ path: /^\/channels\/\d+$/, status: 503, times: 5 });
      await expect(rest.get(Routes.channel(DEFAULT_CHANNELS.general))).rejects.toBeInstanceOf(HTTPError);
      discord.clearFailures();
    });

    it('a 429 with retry_after: REST waits and retries', async () => {
      discord.failNext({ method: 'POST', path: '/channels/:channel/messages', status: 429, retryAfter: 0.05 });
      const from = discord.requests.length;
      await rest.post(Routes.channelMessages(DEFAULT_CHANNELS.general), { body: { content: 'after the limit' } });
      expect(discord.requests.slice(from).map((r) => r.status)).toEqual([429, 200]);
    });

    it('403 Missing Permissions and 404 Unknown Channel surface as DiscordAPIErrors', async () => {
      discord.failNext({ method: 'POST', path: '/channels/:channel/messages', status: 403 });
      const forbidden = await rest.post(Routes.channelMessages(DEFAULT_CHANNELS.general), { body: { content: 'x' } }).catch((e: unknown) => e);
      expect(forbidden).toBeInstanceOf(DiscordAPIError);
      expect(forbidden).toMatchObject({ status: 403, code: 50013, message: 'Missing Permissions' });
      discord.failNext({ method: 'GET', path: '/channels/:channel', status: 404, code: 10003 });
      await expect(rest.get(Routes.channel(DEFAULT_CHANNELS.general))).rejects.toMatchObject({ status: 404, code: 10003 });
      // Only the next request was affected.
      await expect(rest.get(Routes.channel(DEFAULT_CHANNELS.general))).resolves.toMatchObject({ name: 'general' });
    });
  });
});

/**
 * A plain discord.js client without the 5 s identify throttle (real Discord allows one identify per
 * 5 s), so re-identifying after INVALID_SESSION does not slow the test down.
 */
function unthrottledClient(apiUrl: string): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: apiUrl, timeout: 2_000 },
    ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }) },
  });
}

describe('test Discord server: gateway and interaction callbacks', () => {
  let discord: DiscordTestServer;
  let client: Client;
  beforeAll(async () => {
    discord = await startDiscordServer();
    client = unthrottledClient(discord.apiUrl);
    await client.login(discord.token);
  });
  afterAll(async () => {
    await client?.destroy();
    await discord?.close();
  });
  const callback = (id: string, token: string, body: unknown) =>
    fetch(`${discord.apiUrl}/v10/interactions/${id}/${token}/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('rejects a second callback with 40060 "Interaction has already been acknowledged"', async () => {
    const call = discord.interact({ type: 'command', name: 'anything' });
    const first = await callback(call.id, call.token, { type: 4, data: { content: 'one' } });
    expect(first.status).toBe(204);
    const second = await callback(call.id, call.token, { type: 4, data: { content: 'two' } });
    expect(second.status).toBe(400);
    expect(await second.json()).toEqual({ message: 'Interaction has already been acknowledged.', code: 40060 });
    expect(call.callbacks().map((c) => c.errorCode)).toEqual([undefined, 40060]);
    expect((await call.original()).content).toBe('one');
  });

  it('rejects a callback after the response window with 10062 "Unknown interaction"', async () => {
    const call = discord.interact({ type: 'command', name: 'anything' });
    discord.interactionTimeoutMs = 0;
    try {
      const late = await callback(call.id, call.token, { type: 5 });
      expect(late.status).toBe(404);
      expect(await late.json()).toEqual({ message: 'Unknown interaction', code: 10062 });
    } finally {
      discord.interactionTimeoutMs = 3_000;
    }
  });

  it('returns the callback resource when asked with with_response=true', async () => {
    const call = discord.interact({ type: 'command', name: 'anything' });
    const res = await fetch(`${discord.apiUrl}/v10/interactions/${call.id}/${call.token}/callback?with_response=true`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: 64 } }),
    });
    const body = (await res.json()) as { interaction: Record<string, unknown>; resource: { message: { flags: number } } };
    expect(body.interaction).toMatchObject({ id: call.id, response_message_loading: true, response_message_ephemeral: true });
    expect(body.resource.message.flags).toBe(64 | 128);
  });

  it('refuses follow-ups before the interaction is acknowledged (10015)', async () => {
    const call = discord.interact({ type: 'command', name: 'anything' });
    const res = await fetch(`${discord.apiUrl}/v10/webhooks/${discord.applicationId}/${call.token}?wait=true`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'too early' }),
    });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { code: number }).code).toBe(10015);
  });

  it('resumes a dropped session and replays the events dispatched meanwhile', async () => {
    const seen: string[] = [];
    client.on('interactionCreate', (i) => void seen.push(i.id));
    discord.gateway.disconnect(4000);
    const call = discord.interact({ type: 'command', name: 'anything' }); // sent while the bot is away
    await expect.poll(() => seen, { timeout: 5_000 }).toContain(call.id);
    expect(discord.gateway.resumes).toBe(1);
    expect(discord.gateway.identifies).toHaveLength(1);
  });

  it('re-identifies after a non-resumable INVALID_SESSION', async () => {
    discord.gateway.invalidateSessions(false);
    await expect.poll(() => discord.gateway.identifies.length, { timeout: 5_000 }).toBe(2);
    await discord.gateway.waitForSession();
    expect(discord.gateway.liveSessions()).toBe(1);
  });

  it('makes login fail for a wrong token (401 on GET /gateway/bot)', async () => {
    const intruder = createClient({ DISCORD_API_URL: discord.apiUrl }, silentLogger, { rest: { timeout: 2_000 } });
    await expect(intruder.login('bm90.dGhl.cmlnaHQtdG9rZW4')).rejects.toThrow(/invalid token/i);
    await intruder.destroy();
  });
});
