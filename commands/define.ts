import { SlashCommandBuilder } from 'discord.js';
import { completeTerm, defineTerm } from '../src/knowledge/define.ts';
import { glossaryChoices, renderDefinition } from '../src/discord/render/index.ts';
import type { Command } from '../src/discord/types.ts';

const data = new SlashCommandBuilder()
  .setName('define')
  .setDescription('Look up an abbreviation or its full name in the glossary from the notes')
  .addStringOption((o) =>
    o.setName('term').setDescription('e.g. ENI, or Elastic Network Interface').setRequired(true).setMaxLength(100).setAutocomplete(true),
  )
  .toJSON();

export const command: Command = {
  data,
  async execute(interaction, ctx) {
    const term = interaction.options.getString('term', true).trim();
    await interaction.reply(renderDefinition(defineTerm(ctx.knowledge, term), ctx.knowledge));
  },
  async autocomplete(interaction, ctx) {
    await interaction.respond(glossaryChoices(completeTerm(ctx.knowledge, interaction.options.getFocused())));
  },
};

export default command;
