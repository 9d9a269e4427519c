import { SlashCommandBuilder } from 'discord.js';
import { renderHelp } from '../src/discord/render/scores.ts';
import type { Command } from '../src/discord/types.ts';
import { SCORING_RULES } from '../src/quiz/daily/scoring.ts';

const data = new SlashCommandBuilder().setName('help').setDescription('What studybot does and how daily quiz points work').toJSON();

export const command: Command = {
  data,
  ephemeral: true,
  async execute(interaction) {
    await interaction.reply(renderHelp(SCORING_RULES));
  },
};

export default command;
