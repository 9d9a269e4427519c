import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordAPIError, SlashCommandBuilder } from 'discord.js';
import { registerCommands } from '../../src/discord/registerCommands.ts';
import { DEFAULT_GUILD_ID, startDiscordServer, type DiscordTestServer } from '../support/discordServer.ts';

const ask = {
  data: new SlashCommandBuilder()
    .setName('ask')
    .setDescription('Search the notes')
    .addStringOption((o) => o.setName('question').setDescription('Your question').setRequired(true).setAutocomplete(true))
    .toJSON(),
};
const define = { data: { name: 'define', description: 'Expand an abbreviation' } };

describe('registerCommands', () => {
  let discord: DiscordTestServer;
  beforeAll(async () => {
    discord = await startDiscordServer();
  });
  afterAll(async () => {
    await discord?.close();
  });
  const rest = { timeout: 2_000, retries: 1 };

  it('bulk-overwrites global commands, looking up the application id when missing', async () => {
    const result = await registerCommands({ token: discord.token, apiUrl: discord.apiUrl, commands: [ask, define], rest });
    expect(result.applicationId).toBe(discord.applicationId);
    expect(result.scope).toEqual({ kind: 'global' });
    expect(result.commands.map((c) => c.name)).toEqual(['ask', 'define']);
    expect(discord.commands().map((c) => c.name)).toEqual(['ask', 'define']);
    expect(discord.commands()[0]?.options?.[0]).toMatchObject({ name: 'question', autocomplete: true });
    const calls = discord.requests.filter((r) => r.route?.startsWith('/applications'));
    expect(calls.map((r) => `${r.method} ${r.route}`)).toEqual(['GET /applications/@me', 'PUT /applications/:app/commands']);
  });

  it('replaces the whole set: a command left out is removed, a kept one keeps its id', async () => {
    const before = discord.commands().find((c) => c.name === 'ask')?.id;
    const result = await registerCommands({
      token: discord.token,
      apiUrl: discord.apiUrl,
      applicationId: discord.applicationId,
      commands: [ask],
      rest,
    });
    expect(result.commands.map((c) => c.name)).toEqual(['ask']);
    expect(discord.commands().map((c) => [c.name, c.id])).toEqual([['ask', before]]);
  });

  it('registers guild commands without a lookup when the application id is given', async () => {
    const logged = discord.requests.length;
    const result = await registerCommands({
      token: discord.token,
      apiUrl: discord.apiUrl,
      applicationId: discord.applicationId,
      guildId: DEFAULT_GUILD_ID,
      commands: [define],
      rest,
    });
    expect(result.scope).toEqual({ kind: 'guild', guildId: DEFAULT_GUILD_ID });
    expect(discord.commands(DEFAULT_GUILD_ID).map((c) => [c.name, c.guild_id])).toEqual([['define', DEFAULT_GUILD_ID]]);
    expect(discord.requests.slice(logged).map((r) => r.route)).toEqual(['/applications/:app/guilds/:guild/commands']);
  });

  it('surfaces Discord rejecting an invalid command', async () => {
    const error = await registerCommands({
      token: discord.token,
      apiUrl: discord.apiUrl,
      commands: [{ data: { name: 'Bad Name', description: 'x' } }],
      rest,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).code).toBe(50035);
  });

  it('fails clearly with a wrong token', async () => {
    await expect(
      registerCommands({ token: 'bm90.dGhl.cmlnaHQtdG9rZW4', apiUrl: discord.apiUrl, commands: [ask], rest }),
    ).rejects.toThrow(/401: Unauthorized/);
  });
});
