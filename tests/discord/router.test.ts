import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  InteractionResponseType,
  MessageFlags,
  SlashCommandBuilder,
  StringSelectMenuBuilder,
} from 'discord.js';
import type { Command } from '../../src/discord/types.ts';
import { ROUTER_MESSAGES } from '../../src/discord/router.ts';
import { DEFAULT_CHANNELS } from '../support/discordServer.ts';
import { startHarness, type Harness } from './harness.ts';

/** A promise the test resolves, to hold a handler "busy" for exactly as long as needed. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

const TOPICS = ['S3 storage classes', 'S3 Glacier', 'EC2 instance types', 'IAM policies'];

/** /topic name: autocompletes names, answers with a button and a select whose ids start with `topic:`. */
const topic: Command = {
  data: new SlashCommandBuilder()
    .setName('topic')
    .setDescription('Show a topic')
    .addStringOption((o) => o.setName('name').setDescription('Topic').setRequired(true).setAutocomplete(true))
    .toJSON(),
  customIdPrefix: 'topic',
  async execute(interaction) {
    const name = interaction.options.getString('name', true);
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId(`topic:more:${TOPICS.indexOf(name)}`).setLabel('More').setStyle(ButtonStyle.Primary),
    );
    const select = new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(
      new StringSelectMenuBuilder().setCustomId('topic:pick').addOptions(TOPICS.map((t, i) => ({ label: t, value: String(i) }))),
    );
    await interaction.reply({ content: `Topic: ${name}`, components: [row, select] });
  },
  async autocomplete(interaction) {
    const typed = interaction.options.getFocused().toLowerCase();
    await interaction.respond(TOPICS.filter((t) => t.toLowerCase().includes(typed)).map((t) => ({ name: t, value: t })));
  },
  async handleComponent(interaction) {
    const [, action, arg] = interaction.customId.split(':');
    if (action === 'more') {
      await interaction.reply({ content: `More about ${TOPICS[Number(arg)]}`, flags: MessageFlags.Ephemeral });
    } else if (interaction.isStringSelectMenu()) {
      await interaction.update({ content: `Picked ${TOPICS[Number(interaction.values[0])]}`, components: [] });
    }
  },
};

const boom: Command = {
  data: { name: 'boom', description: 'Always fails' },
  customIdPrefix: 'boom',
  async execute() {
    throw new Error('kaboom: database is on fire');
  },
  async autocomplete() {
    throw new Error('autocomplete kaboom');
  },
  async handleComponent() {
    throw new Error('component kaboom');
  },
};

let slowGate = gate();
let slowReply: { content: string; flags?: MessageFlags.Ephemeral } = { content: 'finally done' };

/** Waits for the test's gate before answering: slower than the router's auto-defer threshold. */
const slow: Command = {
  data: { name: 'slow', description: 'Takes its time' },
  customIdPrefix: 'slow',
  async execute(interaction) {
    await slowGate.opened;
    await interaction.reply(slowReply);
  },
  async handleComponent(interaction) {
    await slowGate.opened;
    await interaction.update({ content: 'updated late', components: [] });
  },
};

/** Private by declaration: a slow run is deferred ephemerally and the reply stays private. */
const slowSecret: Command = {
  data: { name: 'slowsecret', description: 'Slow and private' },
  ephemeral: true,
  async execute(interaction) {
    await slowGate.opened;
    await interaction.reply({ content: 'your score: 7', flags: MessageFlags.Ephemeral });
  },
};

/** Fails after the router has deferred it. */
const slowBoom: Command = {
  data: { name: 'slowboom', description: 'Slow, then fails' },
  async execute() {
    await slowGate.opened;
    throw new Error('late kaboom');
  },
};

const silent: Command = {
  data: { name: 'silent', description: 'Forgets to answer' },
  async execute() {},
};

const stuck: Command = {
  data: { name: 'stuck', description: 'Defers, then forgets to answer' },
  async execute(interaction) {
    await interaction.deferReply();
  },
};

describe('interaction router', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ commands: [topic, boom, slow, slowSecret, slowBoom, silent, stuck], router: { autoDeferMs: 100 } });
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(() => {
    h.discord.interactionTimeoutMs = 3_000;
  });

  describe('routing', () => {
    it('routes autocomplete to the command and returns its choices', async () => {
      const call = h.discord.interact({ type: 'autocomplete', name: 'topic', options: { name: 's3' }, focused: 'name' });
      const response = await call.response();
      expect(response.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
      expect(response.data?.choices).toEqual([
        { name: 'S3 storage classes', value: 'S3 storage classes' },
        { name: 'S3 Glacier', value: 'S3 Glacier' },
      ]);
    });

    it('routes a button by its custom_id prefix, from the message the command posted', async () => {
      const command = h.discord.interact({ type: 'command', name: 'topic', options: { name: 'S3 Glacier' } });
      const posted = await command.original();
      const click = h.discord.interact({ type: 'button', customId: 'topic:more:1' });
      expect(click.payload.message?.id).toBe(posted.id);
      const response = await click.response();
      expect(response.data).toMatchObject({ content: 'More about S3 Glacier', flags: MessageFlags.Ephemeral });
    });

    it('routes a select menu by prefix and lets the handler update the message', async () => {
      const command = h.discord.interact({ type: 'command', name: 'topic', options: { name: 'IAM policies' } });
      const posted = await command.original();
      const pick = h.discord.interact({ type: 'select', customId: 'topic:pick', values: ['2'], message: posted });
      const response = await pick.response();
      expect(response.type).toBe(InteractionResponseType.UpdateMessage);
      const updated = h.discord.messages(DEFAULT_CHANNELS.general).find((m) => m.id === posted.id);
      expect(updated?.content).toBe('Picked EC2 instance types');
      expect(updated?.components).toEqual([]);
    });

    it.each(['nope:1', 'garbage-without-prefix', ':topic', 'topic'])('answers a forged custom_id %j politely and privately', async (customId) => {
      const call = h.discord.interact({ type: 'button', customId });
      const response = await call.response();
      expect(response.type).toBe(InteractionResponseType.ChannelMessageWithSource);
      expect(response.data).toMatchObject({
        content: ROUTER_MESSAGES.staleComponent,
        flags: MessageFlags.Ephemeral,
        allowed_mentions: { parse: [] },
      });
    });

    it('answers an unknown command politely and privately', async () => {
      const response = await h.discord.interact({ type: 'command', name: 'removed' }).response();
      expect(response.data).toMatchObject({ content: ROUTER_MESSAGES.unknownCommand('removed'), flags: MessageFlags.Ephemeral });
    });

    it('answers for a handler that returned without replying', async () => {
      const response = await h.discord.interact({ type: 'command', name: 'silent' }).response();
      expect(response.data).toMatchObject({ content: ROUTER_MESSAGES.noAnswer, flags: MessageFlags.Ephemeral });
    });

    it('finishes a reply the handler deferred but never sent, instead of leaving it "thinking…"', async () => {
      const call = h.discord.interact({ type: 'command', name: 'stuck' });
      expect((await call.response()).type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
      expect((await call.original()).content).toBe(ROUTER_MESSAGES.noAnswer);
    });
  });

  describe('handler errors', () => {
    it('replies with a short ephemeral message whose error id is logged with the error', async () => {
      const response = await h.discord.interact({ type: 'command', name: 'boom' }).response();
      expect(response.data?.flags).toBe(MessageFlags.Ephemeral);
      const content = String(response.data?.content);
      expect(content).not.toContain('kaboom');
      const errorId = /`([0-9a-f]{8})`/.exec(content)?.[1];
      expect(errorId).toBeDefined();
      const logged = h.logs.find((l) => l.errorId === errorId);
      expect(logged).toMatchObject({ msg: 'handler failed', command: 'boom', level: 50 });
      expect(JSON.stringify(logged?.err)).toContain('kaboom: database is on fire');
    });

    it('reports a failing component handler the same way', async () => {
      const response = await h.discord.interact({ type: 'button', customId: 'boom:x' }).response();
      expect(response.data?.flags).toBe(MessageFlags.Ephemeral);
      expect(String(response.data?.content)).toMatch(/error `[0-9a-f]{8}`/);
    });

    it('answers a failing autocomplete with an empty list', async () => {
      const response = await h.discord.interact({ type: 'autocomplete', name: 'boom', focused: 'q', options: { q: 'x' } }).response();
      expect(response).toMatchObject({ type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } });
    });

    it('keeps serving after failures', async () => {
      const response = await h.discord.interact({ type: 'autocomplete', name: 'topic', focused: 'name', options: { name: 'iam' } }).response();
      expect(response.data?.choices).toEqual([{ name: 'IAM policies', value: 'IAM policies' }]);
    });
  });

  describe('slow handlers', () => {
    beforeEach(() => {
      slowGate = gate();
      slowReply = { content: 'finally done' };
    });

    it('defers before the deadline, then the handler reply edits the original (no 10062)', async () => {
      const call = h.discord.interact({ type: 'command', name: 'slow' });
      const deferral = await call.response();
      expect(deferral).toMatchObject({ type: InteractionResponseType.DeferredChannelMessageWithSource, status: 204 });
      // From now on any further callback would be too late; the reply must go through the webhook.
      h.discord.interactionTimeoutMs = 0;
      slowGate.open();
      const original = await call.original();
      expect(original.content).toBe('finally done');
      expect(original.flags ?? 0).toBe(0);
      expect(call.callbacks()).toHaveLength(1);
      expect(h.discord.requests.filter((r) => r.status === 404 && r.path.includes(call.id))).toEqual([]);
    });

    it('keeps an ephemeral reply private even after a public deferral', async () => {
      slowReply = { content: 'just for you', flags: MessageFlags.Ephemeral };
      const call = h.discord.interact({ type: 'command', name: 'slow' });
      await call.response();
      slowGate.open();
      const [followUp] = await call.followUps(1);
      expect(followUp).toMatchObject({ content: 'just for you', flags: MessageFlags.Ephemeral });
      // The public "thinking…" placeholder is gone.
      await expect.poll(() => h.discord.messages(DEFAULT_CHANNELS.general).some((m) => m.interaction_metadata?.id === call.id && m.content === '')).toBe(false);
    });

    it('reports a failure after a public deferral privately and removes the placeholder', async () => {
      const call = h.discord.interact({ type: 'command', name: 'slowboom' });
      expect((await call.response()).type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
      slowGate.open();
      const [apology] = await call.followUps(1);
      expect(apology?.flags).toBe(MessageFlags.Ephemeral);
      expect(apology?.content).toMatch(/error `[0-9a-f]{8}`/);
      expect(h.discord.messages(DEFAULT_CHANNELS.general).filter((m) => m.interaction_metadata?.id === call.id)).toEqual([apology]);
    });

    it('defers a command declared ephemeral privately, and the reply stays private', async () => {
      const call = h.discord.interact({ type: 'command', name: 'slowsecret' });
      expect((await call.response()).data).toEqual({ flags: MessageFlags.Ephemeral });
      slowGate.open();
      const original = await call.original();
      expect(original).toMatchObject({ content: 'your score: 7', flags: MessageFlags.Ephemeral });
      expect(call.callbacks()).toHaveLength(1);
    });

    it('defers a slow component with a deferred update, then update edits the message', async () => {
      const command = h.discord.interact({ type: 'command', name: 'topic', options: { name: 'S3 Glacier' } });
      const posted = await command.original();
      const click = h.discord.interact({ type: 'button', customId: 'slow:go', message: posted });
      expect((await click.response()).type).toBe(InteractionResponseType.DeferredMessageUpdate);
      h.discord.interactionTimeoutMs = 0;
      slowGate.open();
      const edited = await click.original();
      expect(edited).toMatchObject({ id: posted.id, content: 'updated late', components: [] });
      expect(click.callbacks()).toHaveLength(1);
    });
  });
});
