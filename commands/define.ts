import { SlashCommandBuilder } from 'discord.js';
import { completeTerm, defineTerm } from '../src/knowledge/define.ts';
import { glossaryChoices, renderDefinition } from '../src/discord/render/index.ts';
import type { Command } from '../src/discord/types.ts';

const data = new SlashCommandBuilder()
  .setName('define')
  .setDescription('Look up a term or an abbreviation in the glossary the notes define')
  .addStringOption((o) =>
    o.setName('term').setDescription('e.g. a term the notes define, an abbreviation (ENI) or its full name').setRequired(true).setMaxLength(100).setAutocomplete(true),
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
