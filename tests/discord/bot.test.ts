import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayIntentBits, InteractionResponseType, MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../../src/discord/types.ts';
import { DEFAULT_CHANNELS, DEFAULT_GUILD_ID, DEFAULT_USERS } from '../support/discordServer.ts';
import { startBot } from '../../src/discord/startBot.ts';
import { startDiscordServer } from '../support/discordServer.ts';
import { captureLogger, emptyServices, startHarness, type Harness } from './harness.ts';

/** /echo text [private] — replies with the text, mentions included verbatim, optionally ephemeral. */
const echo: Command = {
  data: new SlashCommandBuilder()
    .setName('echo')
    .setDescription('Repeats what you say')
    .addStringOption((o) => o.setName('text').setDescription('What to repeat').setRequired(true))
    .addBooleanOption((o) => o.setName('private').setDescription('Only you see it'))
    .toJSON(),
  async execute(interaction, ctx) {
    const text = interaction.options.getString('text', true);
    const isPrivate = interaction.options.getBoolean('private') ?? false;
    ctx.logger.info({ text }, 'echoing');
    await interaction.reply({ content: text, ...(isPrivate ? { flags: MessageFlags.Ephemeral } : {}) });
  },
};

describe('the bot logs in to a Discord-compatible server with the real discord.js client', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ commands: [echo] });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('identifies with only the Guilds intent and caches the guild from GUILD_CREATE', () => {
    expect(h.discord.gateway.identifies).toHaveLength(1);
    expect(h.discord.gateway.identifies[0]?.intents).toBe(GatewayIntentBits.Guilds);
    expect(h.discord.gateway.connections[0]).toMatchObject({ v: '10', encoding: 'json' });
    const guild = h.bot.client.guilds.cache.get(DEFAULT_GUILD_ID);
    expect(guild?.name).toBe('Study Group');
    expect(guild?.available).toBe(true);
    expect(guild?.channels.cache.get(DEFAULT_CHANNELS.quiz)?.name).toBe('quiz');
    expect(h.bot.client.user.id).toBe(h.discord.botUser.id);
    expect(h.bot.client.application.id).toBe(h.discord.applicationId);
  });

  it('fetched the gateway URL from GET /gateway/bot with the bot token', () => {
    const gatewayRequest = h.discord.requests.find((r) => r.route === '/gateway/bot');
    expect(gatewayRequest).toMatchObject({ method: 'GET', status: 200, authorized: true });
  });

  it('answers a slash command; the reply carries allowed_mentions parse [] by default', async () => {
    const call = h.discord.interact({ type: 'command', name: 'echo', options: { text: 'hi <@&123> @everyone' } });
    const response = await call.response();
    expect(response.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(response.status).toBe(204);
    expect(response.data).toMatchObject({ content: 'hi <@&123> @everyone', allowed_mentions: { parse: [] } });
    expect(((response.data?.flags as number | undefined) ?? 0) & MessageFlags.Ephemeral).toBe(0);
    const original = await call.original();
    expect(original.content).toBe('hi <@&123> @everyone');
    expect(original.channel_id).toBe(DEFAULT_CHANNELS.general);
    expect(original.interaction_metadata?.user.id).toBe(DEFAULT_USERS.alice.id);
  });

  it('sends an ephemeral reply with flag 64', async () => {
    const call = h.discord.interact({ type: 'command', name: 'echo', options: { text: 'secret', private: true }, user: DEFAULT_USERS.bob });
    const response = await call.response();
    expect(response.data?.flags).toBe(MessageFlags.Ephemeral);
    expect(response.data).not.toHaveProperty('ephemeral');
    expect((await call.original()).flags).toBe(MessageFlags.Ephemeral);
  });

  it('passes the injected logger to handlers', () => {
    expect(h.logs.some((l) => l.msg === 'echoing' && l.text === 'secret')).toBe(true);
  });

  it('stop() destroys the client and closes the gateway connection', async () => {
    await h.bot.stop();
    expect(h.bot.client.isReady()).toBe(false);
    await expect.poll(() => h.discord.gateway.liveSessions()).toBe(0);
    await h.bot.stop(); // idempotent
  });
});

describe('startBot with a wrong token', () => {
  it('rejects with discord.js TokenInvalid and leaves no session open', async () => {
    const discord = await startDiscordServer();
    try {
      const { logger } = captureLogger();
      await expect(
        startBot({
          config: { DISCORD_TOKEN: 'bm90.dGhl.cmlnaHQtdG9rZW4', DISCORD_API_URL: discord.apiUrl },
          services: emptyServices(),
          logger,
          commands: [echo],
        }),
      ).rejects.toMatchObject({ code: 'TokenInvalid' });
      expect(discord.gateway.liveSessions()).toBe(0);
    } finally {
      await discord.close();
    }
  });

  it('refuses to start without a token', async () => {
    const { logger } = captureLogger();
    await expect(startBot({ config: {}, services: emptyServices(), logger, commands: [echo] })).rejects.toThrow(/DISCORD_TOKEN is required/);
  });
});
