/**
 * The foundation end to end: the real discord.js client, logged in to the project's Discord-compatible test
 * server, answering /ask (with autocomplete and result navigation), /define and /topics over the shipped
 * notes, after the commands were registered by the separate `studybot register` step.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InteractionResponseType, MessageFlags, type APIEmbed, type APIMessage, type APIStringSelectComponent } from 'discord.js';
import { main } from '../../src/cli.ts';
import { loadCommands } from '../../src/discord/loadCommands.ts';
import { startBot, type RunningBot } from '../../src/discord/startBot.ts';
import { resolveSectionRef } from '../../src/knowledge/sectionRef.ts';
import { loadKnowledgeServices, type Services } from '../../src/services.ts';
import { DEFAULT_GUILD_ID, DEFAULT_USERS, startDiscordServer, type DiscordTestServer } from '../support/discordServer.ts';
import { captureLogger } from '../discord/harness.ts';

const COMMANDS_DIR = fileURLToPath(new URL('../../commands', import.meta.url));
const KNOWLEDGE_DIR = fileURLToPath(new URL('../../knowledge', import.meta.url));

let discord: DiscordTestServer;
let bot: RunningBot;
let services: Services;

function embedOf(data: unknown): APIEmbed {
  const embeds = (data as { embeds?: APIEmbed[] }).embeds ?? [];
  expect(embeds).toHaveLength(1);
  return embeds[0]!;
}

function selectOf(message: Pick<APIMessage, 'components'>): APIStringSelectComponent {
  for (const row of message.components ?? []) {
    for (const c of (row as { components: unknown[] }).components) {
      if ((c as { options?: unknown }).options) return c as APIStringSelectComponent;
    }
  }
  throw new Error('no select menu in the message');
}

beforeAll(async () => {
  discord = await startDiscordServer();
  services = await loadKnowledgeServices(KNOWLEDGE_DIR, captureLogger().logger);
  bot = await startBot({
    config: { DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl },
    services,
    logger: captureLogger().logger,
    commands: await loadCommands(COMMANDS_DIR),
    client: { rest: { timeout: 5_000, retries: 1 } },
  });
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  await discord?.close();
});

describe('registration step', () => {
  it('`studybot register --guild` bulk-overwrites the commands through REST, looking the application up', async () => {
    const out: string[] = [];
    const env = { ...process.env };
    process.env.DISCORD_TOKEN = discord.token;
    process.env.DISCORD_API_URL = discord.apiUrl;
    delete process.env.DISCORD_APPLICATION_ID;
    try {
      const code = await main(['register', '--guild', DEFAULT_GUILD_ID], {
        out: { write: (s: string) => out.push(s) } as unknown as NodeJS.WritableStream,
        err: process.stderr,
      });
      expect(code).toBe(0);
    } finally {
      process.env = env;
    }
    const names = discord.commands(DEFAULT_GUILD_ID).map((c) => c.name).sort();
    expect(names).toEqual(expect.arrayContaining(['ask', 'define', 'topics']));
    expect(out.join('')).toMatch(/Registered \d+ commands .* on server/);
    expect(discord.requests.some((r) => r.method === 'GET' && r.path.endsWith('/applications/@me'))).toBe(true);
  });

  it('starting the bot registered nothing', () => {
    // Registration happened only in the test above, through the register step.
    const puts = discord.requests.filter((r) => r.method === 'PUT' && r.path.includes('/commands'));
    expect(puts.length).toBeLessThanOrEqual(1);
  });
});

describe('/ask', () => {
  it('answers in the channel with the heading path, passage, footer and the other results', async () => {
    const call = discord.interact({ type: 'command', name: 'ask', options: { query: 'nacl vs security group' } });
    const response = await call.response();
    expect(response.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    const data = response.data as { flags?: number; allowed_mentions?: { parse: unknown[] } };
    expect((data.flags ?? 0) & MessageFlags.Ephemeral).toBe(0);
    expect(data.allowed_mentions?.parse).toEqual([]);
    const embed = embedOf(response.data);
    expect(embed.title).toContain(' › ');
    expect(embed.description!.length).toBeGreaterThan(20);
    expect(embed.footer?.text).toMatch(/\.md · line \d+ · result 1 of [2-5]/);
    const message = await call.original();
    expect(selectOf(message).options.length).toBeGreaterThan(1);
    expect(`${embed.title} ${embed.description}`.toLowerCase()).toMatch(/nacl|security group/);
  });

  it('navigating the results updates the message for the asker, and gives others a private copy', async () => {
    const asker = DEFAULT_USERS.alice;
    const call = discord.interact({ type: 'command', name: 'ask', user: asker, options: { query: 'lambda concurrency' } });
    const message = await call.original();
    const select = selectOf(message);
    const second = select.options[1]!;

    const nav = discord.interact({ type: 'select', customId: select.custom_id, values: [second.value], user: asker, message });
    const update = await nav.response();
    expect(update.type).toBe(InteractionResponseType.UpdateMessage);
    expect(embedOf(update.data).footer?.text).toMatch(/result 2 of/);
    expect(embedOf(update.data).title).toBe(resolveSectionRef(services.knowledge, second.value)!.headingPath.join(' › '));

    const other = discord.interact({
      type: 'select',
      customId: select.custom_id,
      values: [select.options[0]!.value],
      user: DEFAULT_USERS.bob,
      message,
    });
    const copy = await other.response();
    expect(copy.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(((copy.data as { flags?: number }).flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
  });

  it('navigation still works when only the custom_id survives (e.g. after a restart)', async () => {
    const section = services.knowledge.sections.find((s) => s.searchable && s.text.length > 50)!;
    const ref = section.id.length <= 100 ? section.id : undefined;
    if (!ref) return;
    const call = discord.interact({ type: 'select', customId: 'ask:r:something unrelated', values: [ref] });
    const response = await call.response();
    expect([InteractionResponseType.UpdateMessage, InteractionResponseType.ChannelMessageWithSource]).toContain(response.type);
    expect(embedOf(response.data).title).toBe(section.headingPath.join(' › '));
  });

  it('hide:true answers privately; mention pings only that user', async () => {
    const hidden = await discord.interact({ type: 'command', name: 'ask', options: { query: 's3 encryption', hide: true } }).response();
    expect(((hidden.data as { flags?: number }).flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);

    const bob = DEFAULT_USERS.bob;
    const mentioned = await discord
      .interact({ type: 'command', name: 'ask', options: { query: 's3 encryption', mention: bob.id } })
      .response();
    const data = mentioned.data as { content?: string; allowed_mentions?: { parse: unknown[]; users?: string[] } };
    expect(data.content).toBe(`Suggested for <@${bob.id}>`);
    expect(data.allowed_mentions).toEqual({ parse: [], users: [bob.id] });
  });

  it('autocomplete offers ≤ 25 section headings whose values open exactly that section', async () => {
    const auto = await discord
      .interact({ type: 'autocomplete', name: 'ask', focused: 'query', options: { query: 'route 53 rout' } })
      .response();
    expect(auto.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
    const choices = (auto.data as { choices: Array<{ name: string; value: string }> }).choices;
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const c of choices) {
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }
    const picked = choices[0]!;
    const section = resolveSectionRef(services.knowledge, picked.value);
    expect(section).toBeDefined();
    const opened = await discord.interact({ type: 'command', name: 'ask', options: { query: picked.value } }).response();
    expect(embedOf(opened.data).title).toBe(section!.headingPath.join(' › '));
  });

  it('says so when the notes do not cover the query', async () => {
    const response = await discord.interact({ type: 'command', name: 'ask', options: { query: 'kubernetes helm charts' } }).response();
    const embed = embedOf(response.data);
    expect(embed.title).toBe('Not covered by the notes');
  });
});

describe('/define', () => {
  it('finds an abbreviation, the reverse, and where it is defined', async () => {
    const forward = embedOf((await discord.interact({ type: 'command', name: 'define', options: { term: 'ENI' } }).response()).data);
    expect(forward.description).toMatch(/Elastic Network Interface/i);
    expect(forward.description).toMatch(/Defined in .*\.md, line \d+/);

    const reverse = embedOf(
      (await discord.interact({ type: 'command', name: 'define', options: { term: 'elastic network interface' } }).response()).data,
    );
    expect(reverse.description).toMatch(/\*\*ENI\*\*/);
  });

  it('autocompletes over the glossary and refuses unknown terms privately', async () => {
    const auto = await discord.interact({ type: 'autocomplete', name: 'define', focused: 'term', options: { term: 'kms' } }).response();
    const choices = (auto.data as { choices: Array<{ name: string; value: string }> }).choices;
    expect(choices.some((c) => c.value === 'KMS')).toBe(true);

    const unknown = await discord.interact({ type: 'command', name: 'define', options: { term: 'zzqx' } }).response();
    expect(((unknown.data as { flags?: number }).flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(embedOf(unknown.data).title).toMatch(/No glossary entry/);
  });
});

describe('/topics', () => {
  it('browses topics, then a topic’s sections, then opens a section', async () => {
    const call = discord.interact({ type: 'command', name: 'topics' });
    const list = await call.response();
    expect(((list.data as { flags?: number }).flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    const message = await call.original();
    const topicSelect = selectOf(message);
    const topic = topicSelect.options[0]!;

    const opened = discord.interact({ type: 'select', customId: topicSelect.custom_id, values: [topic.value], message });
    const topicView = await opened.response();
    expect(topicView.type).toBe(InteractionResponseType.UpdateMessage);
    expect(embedOf(topicView.data).title).toBe(topic.label);

    const sectionSelect = selectOf(topicView.data as unknown as APIMessage);
    const sectionOption = sectionSelect.options[0]!;
    const shown = await discord
      .interact({ type: 'select', customId: sectionSelect.custom_id, values: [sectionOption.value], message })
      .response();
    expect(embedOf(shown.data).title).toBe(resolveSectionRef(services.knowledge, sectionOption.value)!.headingPath.join(' › '));
  });

  it('a forged topics button gets a polite private refusal', async () => {
    const response = await discord.interact({ type: 'button', customId: 'topics:zz:1' }).response();
    expect(((response.data as { flags?: number }).flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
  });
});
