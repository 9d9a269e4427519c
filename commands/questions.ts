import {
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type ChatInputCommandInteraction,
  type MessageComponentInteraction,
} from 'discord.js';
import { forUpdate, renderNotice, type MessagePayload } from '../src/discord/render/common.ts';
import {
  QUESTIONS_PREFIX,
  REPORTS_PAGE_SIZE,
  REPORT_NOTICES,
  parseQuestionsCustomId,
  parseReportReason,
  renderDismissPrompt,
  renderDismissed,
  renderReportNotice,
  renderReportReasons,
  renderReportSaved,
  renderReportsList,
  renderRetirePrompt,
  renderRetired,
  reportsPages,
  type ReportOriginRef,
} from '../src/discord/render/reports.ts';
import type { Command } from '../src/discord/types.ts';
import type { Question } from '../src/quiz/schema.ts';
import { HOLD_AFTER_REPORTS } from '../src/schedule/postQuiz.ts';
import type { QuizServices } from '../src/services.ts';

const data = new SlashCommandBuilder()
  .setName('questions')
  .setDescription('Review the quiz questions members reported (server managers)')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((s) =>
    s
      .setName('reports')
      .setDescription('Reported questions with their reasons; retire a question or dismiss its reports')
      .addIntegerOption((o) => o.setName('page').setDescription('Page number (default: 1)').setMinValue(1).setMaxValue(100_000)),
  )
  .toJSON();

const NOT_AVAILABLE = renderNotice('Question reports are not available: this bot runs without its database.', 'warn');
const canManage = (interaction: ChatInputCommandInteraction | MessageComponentInteraction) =>
  interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false;

/** A page of the guild's reported questions (most reporters first). */
async function reportsView(quiz: QuizServices, guildId: string, page: number): Promise<MessagePayload> {
  const first = await quiz.store.listReportedQuestions({ guildId, limit: REPORTS_PAGE_SIZE, offset: page * REPORTS_PAGE_SIZE });
  const shown = Math.min(Math.max(0, page), reportsPages(first.total) - 1);
  // A page past the end (an old button after reports were closed) shows the last page instead.
  const list = shown === page ? first : await quiz.store.listReportedQuestions({ guildId, limit: REPORTS_PAGE_SIZE, offset: shown * REPORTS_PAGE_SIZE });
  return renderReportsList({
    entries: list.entries.map((report) => ({ report, question: quiz.bank.byId.get(report.questionId), held: report.reporters >= HOLD_AFTER_REPORTS })),
    total: list.total,
    page: shown,
    holdAfter: HOLD_AFTER_REPORTS,
  });
}

export const command: Command = {
  data,
  customIdPrefix: QUESTIONS_PREFIX,
  ephemeral: true,

  async execute(interaction, ctx) {
    const quiz = ctx.quiz;
    if (!quiz) return void (await interaction.reply(NOT_AVAILABLE));
    if (!interaction.inGuild() || !interaction.guildId) {
      return void (await interaction.reply(renderNotice('`/questions` works in a server only.', 'warn')));
    }
    // Discord hides the command from members without Manage Server; check again in case a server changed that.
    if (!canManage(interaction)) {
      return void (await interaction.reply(renderNotice('Only members with **Manage Server** can review reported questions.', 'warn')));
    }
    const sub = interaction.options.getSubcommand(true);
    if (sub !== 'reports') return void (await interaction.reply(renderNotice(`Unknown subcommand "${sub}".`, 'warn')));
    const page = interaction.options.getInteger('page');
    await interaction.reply(await reportsView(quiz, interaction.guildId, page === null ? 0 : page - 1));
  },

  async handleComponent(interaction, ctx) {
    const quiz = ctx.quiz;
    if (!quiz) return void (await interaction.reply(NOT_AVAILABLE));
    const click = parseQuestionsCustomId(interaction.customId);
    if (click.kind === 'invalid') return void (await interaction.reply(renderReportNotice(REPORT_NOTICES.forged)));
    if (!interaction.inGuild() || !interaction.guildId) return void (await interaction.reply(renderReportNotice(REPORT_NOTICES.notHere)));
    const guildId = interaction.guildId;

    if (click.kind === 'report' || click.kind === 'reason') {
      const checked = await reportable(quiz, guildId, interaction.user.id, click.origin, click.questionId);
      if (!checked.ok) return void (await interaction.reply(renderReportNotice(checked.notice, checked.tone)));
      if (click.kind === 'report') {
        if (!interaction.isButton()) return void (await interaction.reply(renderReportNotice(REPORT_NOTICES.forged)));
        return void (await interaction.reply(renderReportReasons(checked.question, click.origin)));
      }
      const reason = interaction.isStringSelectMenu() ? parseReportReason(interaction.values) : undefined;
      if (!reason) return void (await interaction.reply(renderReportNotice(REPORT_NOTICES.forged)));
      const result = await quiz.store.reportQuestion({
        guildId,
        questionId: click.questionId,
        userId: interaction.user.id,
        reason,
        origin: click.origin.kind,
      });
      ctx.logger.info({ guildId, questionId: click.questionId, reason, status: result.status }, 'question reported');
      // The menu is the reporter's own private message: it becomes the thank-you.
      return void (await interaction.update(forUpdate(renderReportSaved(result))));
    }

    // Everything else is an admin's decision; the list is private, but a custom id can be forged by anyone.
    if (!canManage(interaction)) return void (await interaction.reply(renderReportNotice(REPORT_NOTICES.notAdmin)));
    switch (click.kind) {
      case 'page':
        return void (await interaction.update(forUpdate(await reportsView(quiz, guildId, click.page))));
      case 'cancel':
        return void (await interaction.update(forUpdate(renderNotice('Nothing changed.', 'info'))));
      case 'retire':
      case 'dismiss': {
        const view = { questionId: click.questionId, question: quiz.bank.byId.get(click.questionId), report: await quiz.store.getReportedQuestion(guildId, click.questionId) };
        return void (await interaction.reply(click.kind === 'retire' ? renderRetirePrompt(view) : renderDismissPrompt(view)));
      }
      case 'retire-confirmed': {
        const result = await quiz.store.retireQuestion(guildId, click.questionId, interaction.user.id);
        ctx.logger.info({ guildId, questionId: click.questionId, status: result.status, by: interaction.user.id }, 'question retired');
        return void (await interaction.update(forUpdate(renderRetired(click.questionId, quiz.bank.byId.get(click.questionId), result.status === 'already-retired'))));
      }
      case 'dismiss-confirmed': {
        const count = await quiz.store.dismissReports(guildId, click.questionId, interaction.user.id);
        ctx.logger.info({ guildId, questionId: click.questionId, dismissed: count, by: interaction.user.id }, 'question reports dismissed');
        return void (await interaction.update(forUpdate(renderDismissed(click.questionId, quiz.bank.byId.get(click.questionId), count))));
      }
    }
  },
};

type ReportCheck = { ok: true; question: Question } | { ok: false; notice: string; tone: 'info' | 'warn' };

/**
 * A report's custom id must name what the member could have seen: a revealed daily quiz of this server and its
 * question, or a practice result — a question the member has answered in practice. A retired question needs no
 * more reports.
 */
async function reportable(quiz: QuizServices, guildId: string, userId: string, origin: ReportOriginRef, questionId: string): Promise<ReportCheck> {
  if (origin.kind === 'daily') {
    const row = await quiz.store.getQuiz(origin.quizId);
    if (!row || row.guildId !== guildId || row.state !== 'revealed' || row.questionId !== questionId) {
      return { ok: false, notice: REPORT_NOTICES.forged, tone: 'warn' };
    }
  } else if (!(await quiz.store.getPracticeCard(userId, questionId))) {
    return { ok: false, notice: REPORT_NOTICES.forged, tone: 'warn' };
  }
  const question = quiz.bank.byId.get(questionId);
  if (!question) return { ok: false, notice: REPORT_NOTICES.gone, tone: 'warn' };
  if ((await quiz.store.retiredQuestionIds(guildId)).includes(questionId)) return { ok: false, notice: REPORT_NOTICES.retired, tone: 'info' };
  return { ok: true, question };
}

export default command;
