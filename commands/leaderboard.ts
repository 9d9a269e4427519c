import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import {
  LEADERBOARD_PAGE_SIZE,
  LEADERBOARD_PREFIX,
  leaderboardPages,
  parseLeaderboardCustomId,
  renderLeaderboard,
} from '../src/discord/render/scores.ts';
import { asEphemeral, forUpdate, renderNotice, type MessagePayload } from '../src/discord/render/common.ts';
import type { BotContext, Command } from '../src/discord/types.ts';
import { PERIOD_KINDS, periodRange, type PeriodKind } from '../src/schedule/periods.ts';

const data = new SlashCommandBuilder()
  .setName('leaderboard')
  .setDescription('Daily quiz points: who leads this week, this month or overall')
  .setContexts(InteractionContextType.Guild)
  .addStringOption((o) =>
    o
      .setName('period')
      .setDescription('Which points count (default: this week)')
      .addChoices({ name: 'This week', value: 'week' }, { name: 'This month', value: 'month' }, { name: 'All time', value: 'all' }),
  )
  .addIntegerOption((o) => o.setName('page').setDescription('Page number (default: the page with your rank)').setMinValue(1).setMaxValue(100_000))
  .toJSON();

/** A page of the guild's board; `page` undefined opens the page holding the viewer's rank. */
export async function leaderboardView(
  ctx: BotContext,
  guildId: string,
  userId: string,
  period: PeriodKind,
  page: number | undefined,
): Promise<MessagePayload> {
  const quiz = ctx.quiz;
  if (!quiz) return renderNotice('The daily quiz is not available: this bot runs without its database.', 'warn');
  const config = await quiz.store.getGuildConfig(guildId);
  // Week and month boundaries are the guild's; an unconfigured guild counts in UTC.
  const timeZone = config?.timeZone ?? 'UTC';
  const range = periodRange(period, ctx.now(), timeZone);
  const viewer = await quiz.store.rankOf(guildId, userId, range);
  const pages = leaderboardPages(viewer.total);
  const ownPage = viewer.rank === null ? 0 : Math.floor((viewer.rank - 1) / LEADERBOARD_PAGE_SIZE);
  const shown = Math.min(Math.max(0, page ?? ownPage), pages - 1);
  const board = await quiz.store.leaderboard({ guildId, ...range, limit: LEADERBOARD_PAGE_SIZE, offset: shown * LEADERBOARD_PAGE_SIZE });
  const streaks = await quiz.store.streaksOf(guildId, board.entries.map((e) => e.userId));
  return renderLeaderboard({
    period,
    page: shown,
    board: { ...board, total: Math.max(board.total, viewer.total) },
    range,
    timeZone,
    streaks,
    viewer: { userId, rank: viewer.rank, points: viewer.points },
  });
}

export const command: Command = {
  data,
  customIdPrefix: LEADERBOARD_PREFIX,

  async execute(interaction, ctx) {
    if (!interaction.guildId) return void (await interaction.reply(renderNotice('`/leaderboard` works in a server only.', 'warn')));
    const raw = interaction.options.getString('period') ?? 'week';
    const period = (PERIOD_KINDS as readonly string[]).includes(raw) ? (raw as PeriodKind) : 'week';
    const page = interaction.options.getInteger('page');
    await interaction.reply(await leaderboardView(ctx, interaction.guildId, interaction.user.id, period, page === null ? undefined : page - 1));
  },

  async handleComponent(interaction, ctx) {
    const state = parseLeaderboardCustomId(interaction.customId);
    if (!state || !interaction.guildId || !interaction.isButton()) {
      return void (await interaction.reply(renderNotice('That button is not one studybot made. Run `/leaderboard` again.', 'warn')));
    }
    const view = await leaderboardView(ctx, interaction.guildId, interaction.user.id, state.period, state.page);
    // Whoever opened the board pages it; anyone else gets their own private copy.
    const opener = interaction.message.interactionMetadata?.user.id;
    if (!opener || opener === interaction.user.id) await interaction.update(forUpdate(view));
    else await interaction.reply(asEphemeral(view));
  },
};

export default command;
