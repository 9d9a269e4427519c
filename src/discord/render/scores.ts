/** Payloads of /leaderboard, /stats and /help: points, ranks, streaks, accuracy, and the scoring rules. */
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder, MessageFlags } from 'discord.js';
import type { PeriodKind } from '../../schedule/periods.ts';
import type { Leaderboard, TopicStats, UserStats } from '../../store/types.ts';
import { COLOR, payload, plain, type MessagePayload } from './common.ts';
import { LIMITS, clip } from './limits.ts';

/** `lb:<period>:<page>` — the whole view state, so navigation works after a restart. */
export const LEADERBOARD_PREFIX = 'lb';
export const LEADERBOARD_PAGE_SIZE = 10;

export const leaderboardCustomId = (period: PeriodKind, page: number, tag = '') => `${LEADERBOARD_PREFIX}:${period}:${page}${tag}`;

export function parseLeaderboardCustomId(customId: string): { period: PeriodKind; page: number } | undefined {
  const m = /^lb:(week|month|all):(\d{1,6})(?::\w+)?$/.exec(customId);
  return m ? { period: m[1] as PeriodKind, page: Number(m[2]) } : undefined;
}

const PERIOD_TITLE: Record<PeriodKind, string> = { week: 'this week', month: 'this month', all: 'all time' };
const MEDALS = ['🥇', '🥈', '🥉'];

export interface LeaderboardView {
  period: PeriodKind;
  /** 0-based. */
  page: number;
  board: Leaderboard;
  /** Local date bounds, shown so "this week" is unambiguous. */
  range: { from?: string; to?: string };
  timeZone: string;
  streaks: ReadonlyMap<string, { current: number; best: number }>;
  viewer: { userId: string; rank: number | null; points: number };
}

export function leaderboardPages(total: number): number {
  return Math.max(1, Math.ceil(total / LEADERBOARD_PAGE_SIZE));
}

/** A page of the board: `<@id>` as plain text (no pings), ties share a rank, the viewer's line in bold. */
export function renderLeaderboard(view: LeaderboardView): MessagePayload {
  const pages = leaderboardPages(view.board.total);
  const page = Math.min(Math.max(0, view.page), pages - 1);
  const lines = view.board.entries.map((e) => {
    const badge = e.rank <= 3 ? (MEDALS[e.rank - 1] ?? '') : `**${e.rank}.**`;
    const streak = view.streaks.get(e.userId)?.current ?? 0;
    const line = `${badge} <@${e.userId}> — ${e.points} pts${streak >= 2 ? ` · 🔥${streak}` : ''}`;
    return e.userId === view.viewer.userId ? `${line} ◀ you` : line;
  });
  const range = view.range.from && view.range.to ? ` (${view.range.from} – ${view.range.to}, ${view.timeZone})` : '';
  const you =
    view.viewer.rank === null
      ? `You have no points ${PERIOD_TITLE[view.period]} yet — answer the daily quiz to get on the board.`
      : `You: rank ${view.viewer.rank} of ${view.board.total} with ${view.viewer.points} pts.`;
  const embed = new EmbedBuilder()
    .setColor(COLOR.result)
    .setTitle(`Leaderboard — ${PERIOD_TITLE[view.period]}`)
    .setDescription(
      clip(
        lines.length > 0 ? lines.join('\n') : `No points ${PERIOD_TITLE[view.period]} yet. The daily quiz awards them at each reveal.`,
        LIMITS.embedDescription,
      ),
    )
    .addFields({ name: 'Your standing', value: you })
    .setFooter({ text: clip(`Page ${page + 1} of ${pages}${range}`, LIMITS.embedFooter) });
  const viewerPage = view.viewer.rank === null ? undefined : Math.floor((view.viewer.rank - 1) / LEADERBOARD_PAGE_SIZE);
  const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(leaderboardCustomId(view.period, Math.max(0, page - 1), ':prev'))
      .setLabel('Previous')
      .setStyle(ButtonStyle.Secondary)
      .setDisabled(page === 0),
    new ButtonBuilder()
      .setCustomId(leaderboardCustomId(view.period, Math.min(pages - 1, page + 1), ':next'))
      .setLabel('Next')
      .setStyle(ButtonStyle.Secondary)
      .setDisabled(page >= pages - 1),
    new ButtonBuilder()
      .setCustomId(leaderboardCustomId(view.period, viewerPage ?? 0, ':me'))
      .setLabel('My rank')
      .setStyle(ButtonStyle.Primary)
      .setDisabled(viewerPage === undefined || viewerPage === page),
  );
  const periods = new ActionRowBuilder<ButtonBuilder>().addComponents(
    (['week', 'month', 'all'] as const).map((p) =>
      new ButtonBuilder()
        .setCustomId(leaderboardCustomId(p, 0, ':p'))
        .setLabel(p === 'all' ? 'All time' : p === 'week' ? 'This week' : 'This month')
        .setStyle(p === view.period ? ButtonStyle.Primary : ButtonStyle.Secondary)
        .setDisabled(p === view.period),
    ),
  );
  return payload([embed], [row, periods]);
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** Topics with the lowest accuracy among those answered at least twice (or once, when none was answered twice). */
export function weakestTopics(byTopic: readonly TopicStats[], count = 3): TopicStats[] {
  const seen = byTopic.filter((t) => t.answered > 0);
  const enough = seen.filter((t) => t.answered >= 2);
  const pool = enough.length > 0 ? enough : seen;
  return [...pool]
    .filter((t) => t.accuracy < 1)
    .sort((a, b) => a.accuracy - b.accuracy || b.answered - a.answered || a.topic.localeCompare(b.topic))
    .slice(0, count);
}

export function renderStats(userId: string, stats: UserStats, self: boolean): MessagePayload {
  const who = self ? 'Your' : `<@${userId}>'s`;
  const embed = new EmbedBuilder().setColor(COLOR.result).setTitle('Daily quiz stats');
  if (stats.answered === 0 && stats.points === 0) {
    embed.setDescription(`${who} stats: nothing yet — ${self ? 'you have' : 'they have'} not answered a revealed daily quiz.`);
    return payload([embed]);
  }
  const topics = [...stats.byTopic].sort((a, b) => b.answered - a.answered || a.topic.localeCompare(b.topic));
  const topicLines = topics.map((t) => `${plain(clip(t.topic, 80))}: ${t.correct}/${t.answered} (${pct(t.accuracy)})`);
  const weak = weakestTopics(stats.byTopic);
  embed
    .setDescription(`${who} numbers on this server.`)
    .addFields(
      { name: 'Points', value: String(stats.points), inline: true },
      { name: 'Rank', value: stats.rank === null ? '—' : `#${stats.rank}`, inline: true },
      { name: 'Answered', value: String(stats.answered), inline: true },
      { name: 'Accuracy', value: `${pct(stats.accuracy)} (${stats.correct} right)`, inline: true },
      { name: 'Streak', value: `${stats.currentStreak} now · best ${stats.bestStreak}`, inline: true },
      { name: 'By topic', value: clip(topicLines.join('\n') || '—', LIMITS.embedFieldValue) },
      {
        name: 'Weakest topics',
        value: clip(
          weak.length > 0 ? weak.map((t) => `${plain(clip(t.topic, 80))} (${pct(t.accuracy)})`).join('\n') : 'None — every topic answered so far was right.',
          LIMITS.embedFieldValue,
        ),
      },
    );
  return payload([embed]);
}

/** The scoring rules (SCORING_RULES, markdown) and a short command list, as a private reply. */
export function renderHelp(scoringRules: string): MessagePayload {
  const rules = scoringRules.replace(/^## .*\n+/, '');
  const embed = new EmbedBuilder()
    .setColor(COLOR.info)
    .setTitle('studybot — help')
    .setDescription(
      clip(
        [
          '**Look things up**',
          '`/ask` search the notes · `/define` glossary · `/topics` browse',
          '',
          '**Daily quiz**',
          'A question is posted every day; answer with the buttons (or the menu for "choose N" questions). Your pick is private until the reveal.',
          'After the reveal, **Report question** flags a wrong, ambiguous, outdated or badly worded question to the admins.',
          '`/leaderboard` ranks · `/stats` your numbers · `/daily` admin setup · `/questions reports` reported questions (admins)',
          '',
          '**Practice**',
          '`/practice [topic]` private questions with spaced repetition: what you miss comes back sooner. Never affects points.',
          '',
          '**How points work**',
          rules.trim(),
        ].join('\n'),
        LIMITS.embedDescription,
      ),
    );
  return payload([embed], [], { flags: MessageFlags.Ephemeral });
}
