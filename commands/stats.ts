import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { renderNotice } from '../src/discord/render/common.ts';
import { renderStats } from '../src/discord/render/scores.ts';
import type { Command } from '../src/discord/types.ts';

const data = new SlashCommandBuilder()
  .setName('stats')
  .setDescription('Daily quiz numbers: points, rank, accuracy, streaks, weakest topics')
  .setContexts(InteractionContextType.Guild)
  .addUserOption((o) => o.setName('user').setDescription('Whose stats (default: yours)'))
  .toJSON();

export const command: Command = {
  data,
  async execute(interaction, ctx) {
    if (!ctx.quiz) return void (await interaction.reply(renderNotice('The daily quiz is not available: this bot runs without its database.', 'warn')));
    if (!interaction.guildId) return void (await interaction.reply(renderNotice('`/stats` works in a server only.', 'warn')));
    // A member who left still has their history: the option resolves to a user id either way.
    const user = interaction.options.getUser('user') ?? interaction.user;
    const stats = await ctx.quiz.store.userStats(interaction.guildId, user.id);
    await interaction.reply(renderStats(user.id, stats, user.id === interaction.user.id));
  },
};

export default command;
