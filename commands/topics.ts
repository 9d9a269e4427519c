import { SlashCommandBuilder } from 'discord.js';
import { findTopic, listTopics } from '../src/knowledge/browse.ts';
import { resolveSectionRef } from '../src/knowledge/sectionRef.ts';
import { TOPICS_PREFIX, forUpdate, renderNotice, renderSection, renderTopic, renderTopicList } from '../src/discord/render/index.ts';
import type { Command } from '../src/discord/types.ts';

const data = new SlashCommandBuilder()
  .setName('topics')
  .setDescription('Browse what the study notes cover, topic by topic')
  .toJSON();

/**
 * Custom ids: `topics:p:<page>` (topic list page), `topics:t:<page>` (select a topic),
 * `topics:o:<page>:<key>` (a topic's sections page), `topics:s` (select a section).
 */
export const command: Command = {
  data,
  customIdPrefix: TOPICS_PREFIX,

  async execute(interaction, ctx) {
    await interaction.reply(renderTopicList(listTopics(ctx.knowledge), 0));
  },

  async handleComponent(interaction, ctx) {
    const [, action, arg, ...rest] = interaction.customId.split(':');
    const stale = () => interaction.reply(renderNotice('That part of the notes has changed. Run `/topics` again.', 'warn'));
    if (action === 'p' && interaction.isButton()) {
      await interaction.update(forUpdate(renderTopicList(listTopics(ctx.knowledge), Number(arg) || 0)));
      return;
    }
    if (action === 't' && interaction.isStringSelectMenu()) {
      const topic = findTopic(ctx.knowledge, interaction.values[0] ?? '');
      if (!topic) return void (await stale());
      await interaction.update(forUpdate(renderTopic(topic, 0)));
      return;
    }
    if (action === 'o' && interaction.isButton()) {
      const topic = findTopic(ctx.knowledge, rest.join(':'));
      if (!topic) return void (await stale());
      await interaction.update(forUpdate(renderTopic(topic, Number(arg) || 0)));
      return;
    }
    if (action === 's' && interaction.isStringSelectMenu()) {
      const section = resolveSectionRef(ctx.knowledge, interaction.values[0] ?? '');
      if (!section) return void (await stale());
      await interaction.reply(renderSection(section, ctx.search.passageFor(section), { hide: true }));
      return;
    }
    await interaction.reply(renderNotice('That button is not one studybot made. Run `/topics` to browse.', 'warn'));
  },
};

export default command;
