/** Payloads of question reports: the Report button, the private reason menu, and /questions reports for admins. */
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder, MessageFlags, StringSelectMenuBuilder } from 'discord.js';
import { optionLetter, type Question } from '../../quiz/schema.ts';
import { REPORT_REASONS, type ReportQuestionResult, type ReportReason, type ReportedQuestion } from '../../store/types.ts';
import { COLOR, payload, plain, renderNotice, type MessagePayload } from './common.ts';
import { LIMITS, clip } from './limits.ts';

/*
 * Custom ids carry everything a click needs, so a restart loses nothing:
 *   questions:rb:<origin>:<questionId>      "Report question" (under a revealed quiz or a practice result)
 *   questions:rr:<origin>:<questionId>      the private reason menu (values are reason keys)
 *   questions:pg:<page>:<tag>               /questions reports paging (tag keeps ids on one message distinct)
 *   questions:rt:<questionId>               admin: retire…      questions:rtc:<questionId>  confirmed
 *   questions:ds:<questionId>               admin: dismiss…     questions:dsc:<questionId>  confirmed
 *   questions:no                            admin: cancel
 * <origin> is `d<quizId>` (a revealed daily quiz) or `p` (practice). At most 9+3+17+64 = 93 characters.
 */
export const QUESTIONS_PREFIX = 'questions';
export const REPORTS_PAGE_SIZE = 4;

export type ReportOriginRef = { kind: 'daily'; quizId: number } | { kind: 'practice' };

const originKey = (origin: ReportOriginRef) => (origin.kind === 'daily' ? `d${origin.quizId}` : 'p');

export const reportButtonId = (origin: ReportOriginRef, questionId: string) => `${QUESTIONS_PREFIX}:rb:${originKey(origin)}:${questionId}`;
export const reportReasonId = (origin: ReportOriginRef, questionId: string) => `${QUESTIONS_PREFIX}:rr:${originKey(origin)}:${questionId}`;
export const reportsPageId = (page: number, tag: string) => `${QUESTIONS_PREFIX}:pg:${page}:${tag}`;
export const retireId = (questionId: string, confirmed = false) => `${QUESTIONS_PREFIX}:${confirmed ? 'rtc' : 'rt'}:${questionId}`;
export const dismissId = (questionId: string, confirmed = false) => `${QUESTIONS_PREFIX}:${confirmed ? 'dsc' : 'ds'}:${questionId}`;
export const cancelId = () => `${QUESTIONS_PREFIX}:no`;

export type QuestionsClick =
  | { kind: 'report' | 'reason'; origin: ReportOriginRef; questionId: string }
  | { kind: 'page'; page: number }
  | { kind: 'retire' | 'retire-confirmed' | 'dismiss' | 'dismiss-confirmed'; questionId: string }
  | { kind: 'cancel' }
  | { kind: 'invalid' };

const QID = '([a-zA-Z0-9_-]{1,64})';
const ORIGIN = '(d[1-9]\\d{0,14}|p)';
const ADMIN_KINDS = { rt: 'retire', rtc: 'retire-confirmed', ds: 'dismiss', dsc: 'dismiss-confirmed' } as const;

/** Reads a /questions custom id; anything the functions above could not have made is invalid. */
export function parseQuestionsCustomId(customId: string): QuestionsClick {
  const report = new RegExp(`^questions:(rb|rr):${ORIGIN}:${QID}$`).exec(customId);
  if (report) {
    const key = report[2]!;
    const origin: ReportOriginRef = key === 'p' ? { kind: 'practice' } : { kind: 'daily', quizId: Number(key.slice(1)) };
    return { kind: report[1] === 'rb' ? 'report' : 'reason', origin, questionId: report[3]! };
  }
  const page = /^questions:pg:(0|[1-9]\d{0,5}):\w{1,8}$/.exec(customId);
  if (page) return { kind: 'page', page: Number(page[1]) };
  const admin = new RegExp(`^questions:(rtc|rt|dsc|ds):${QID}$`).exec(customId);
  if (admin) return { kind: ADMIN_KINDS[admin[1] as keyof typeof ADMIN_KINDS], questionId: admin[2]! };
  if (customId === cancelId()) return { kind: 'cancel' };
  return { kind: 'invalid' };
}

export const REASON_LABELS: Record<ReportReason, string> = {
  'wrong-answer': 'Wrong answer',
  ambiguous: 'Ambiguous',
  outdated: 'Outdated',
  wording: 'Typo or wording',
};
const REASON_HINTS: Record<ReportReason, string> = {
  'wrong-answer': 'The marked answer is not right',
  ambiguous: 'More than one option could be right, or the question is unclear',
  outdated: 'AWS (or the notes) changed since',
  wording: 'A typo, grammar, or confusing wording',
};

/** The select value of a reason; undefined for anything else. */
export function parseReportReason(values: readonly string[]): ReportReason | undefined {
  return values.length === 1 ? REPORT_REASONS.find((r) => r === values[0]) : undefined;
}

/** "Report question", for the row under a revealed quiz or a practice result. */
export function reportButton(origin: ReportOriginRef, questionId: string): ButtonBuilder {
  return new ButtonBuilder().setCustomId(reportButtonId(origin, questionId)).setLabel('Report question').setEmoji('🚩').setStyle(ButtonStyle.Secondary);
}

const stemLine = (question: Question, max = 500) => `**${clip(question.stem, max)}**`;

/** The private menu of reasons that the Report button opens. */
export function renderReportReasons(question: Question, origin: ReportOriginRef): MessagePayload {
  const embed = new EmbedBuilder()
    .setColor(COLOR.info)
    .setTitle('Report this question')
    .setDescription(
      `${stemLine(question, 1500)}\n\nWhat is wrong with it? Server admins see reports in \`/questions reports\`. ` +
        'One report per member: picking again changes your reason.',
    );
  const menu = new StringSelectMenuBuilder()
    .setCustomId(reportReasonId(origin, question.id))
    .setPlaceholder('Choose a reason')
    .setMinValues(1)
    .setMaxValues(1)
    .addOptions(REPORT_REASONS.map((r) => ({ label: REASON_LABELS[r], value: r, description: clip(REASON_HINTS[r], LIMITS.selectDescription) })));
  return payload([embed], [new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(menu)], { flags: MessageFlags.Ephemeral });
}

/** After picking a reason: recorded, or the member's one report updated. */
export function renderReportSaved(result: ReportQuestionResult): MessagePayload {
  const now = REASON_LABELS[result.report.reason];
  let text = `Thanks — reported as **${now}**. Server admins review reports with \`/questions reports\`.`;
  if (result.status === 'updated') {
    text =
      result.previous === result.report.reason
        ? `You had already reported this question as **${now}**; it still counts once.`
        : `You had already reported this question (as **${REASON_LABELS[result.previous]}**); your report now says **${now}**. It still counts once.`;
  }
  return payload([new EmbedBuilder().setColor(COLOR.info).setDescription(text)], [], { flags: MessageFlags.Ephemeral });
}

export const REPORT_NOTICES = {
  forged: "That button isn't one studybot made, or it is from an older message. Nothing was reported.",
  notHere: 'Reports are kept per server: report a question from a server where studybot runs.',
  gone: 'That question is no longer in the question bank, so there is nothing to report.',
  retired: 'An admin already retired that question on this server — it will not be asked here again. Thanks anyway!',
  notAdmin: 'Only members with **Manage Server** can retire questions or dismiss reports.',
} as const;

export const renderReportNotice = (text: string, tone: 'info' | 'warn' = 'warn') => renderNotice(text, tone);

// ── /questions reports ─────────────────────────────────────────────────────

export interface ReportsListEntry {
  report: ReportedQuestion;
  /** undefined when the question left the bank (notes changed). */
  question: Question | undefined;
  /** Held out of the daily quiz until an admin decides. */
  held: boolean;
}

export interface ReportsListView {
  entries: readonly ReportsListEntry[];
  total: number;
  /** 0-based. */
  page: number;
  /** Reporters at which a question is held out of the daily quiz. */
  holdAfter: number;
}

export const reportsPages = (total: number) => Math.max(1, Math.ceil(total / REPORTS_PAGE_SIZE));

export function reasonCounts(byReason: Record<ReportReason, number>): string {
  return REPORT_REASONS.filter((r) => byReason[r] > 0)
    .map((r) => `${REASON_LABELS[r]} ${byReason[r]}`)
    .join(' · ');
}

const membersText = (n: number) => (n === 1 ? '1 member' : `${n} members`);

function entryTitle(index: number, entry: ReportsListEntry): string {
  // The topic is cut first, so the counts and the hold always show.
  const topic = entry.question ? plain(clip(entry.question.topic, 120)) : 'no longer in the bank';
  const held = entry.held ? ' · ⏸ held from the daily quiz' : '';
  return clip(`${index}. ${topic} — reported by ${membersText(entry.report.reporters)}${held}`, LIMITS.embedFieldName);
}

function entryBody(entry: ReportsListEntry): string {
  const stem = entry.question ? stemLine(entry.question, 600) : '*(question no longer in the question bank)*';
  const kind = entry.question ? ` · ${entry.question.kind}` : '';
  return clip(`${stem}\n${reasonCounts(entry.report.byReason)}\n-# ${entry.report.questionId}${kind}`, LIMITS.embedFieldValue);
}

/** A page of reported questions (private to the admin), each with Retire and Dismiss buttons, and paging. */
export function renderReportsList(view: ReportsListView): MessagePayload {
  const pages = reportsPages(view.total);
  const page = Math.min(Math.max(0, view.page), pages - 1);
  const embed = new EmbedBuilder().setColor(COLOR.info).setTitle('Reported questions');
  if (view.entries.length === 0) {
    embed.setDescription(
      'No open reports on this server. Members report questions with the **Report question** button under a revealed ' +
        'daily quiz or a practice result.',
    );
    return payload([embed], [], { flags: MessageFlags.Ephemeral });
  }
  embed
    .setDescription(
      `${view.total === 1 ? '1 question has' : `${view.total} questions have`} open reports. A question reported by ` +
        `${view.holdAfter} or more members is held out of the daily quiz until you decide: **Retire** it (never asked on ` +
        'this server again, in the daily quiz or in practice) or **Dismiss** its reports (it stays in rotation).',
    )
    .addFields(view.entries.map((entry, i) => ({ name: entryTitle(page * REPORTS_PAGE_SIZE + i + 1, entry), value: entryBody(entry) })))
    .setFooter({ text: `Page ${page + 1} of ${pages}` });
  const rows = view.entries.map((entry, i) => {
    const n = page * REPORTS_PAGE_SIZE + i + 1;
    return new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId(retireId(entry.report.questionId)).setLabel(`Retire #${n}`).setStyle(ButtonStyle.Danger),
      new ButtonBuilder().setCustomId(dismissId(entry.report.questionId)).setLabel(`Dismiss reports #${n}`).setStyle(ButtonStyle.Secondary),
    );
  });
  if (pages > 1) {
    rows.push(
      new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder()
          .setCustomId(reportsPageId(Math.max(0, page - 1), 'prev'))
          .setLabel('Previous')
          .setStyle(ButtonStyle.Secondary)
          .setDisabled(page === 0),
        new ButtonBuilder()
          .setCustomId(reportsPageId(Math.min(pages - 1, page + 1), 'next'))
          .setLabel('Next')
          .setStyle(ButtonStyle.Secondary)
          .setDisabled(page >= pages - 1),
      ),
    );
  }
  return payload([embed], rows, { flags: MessageFlags.Ephemeral });
}

export interface ReportDecisionView {
  questionId: string;
  question: Question | undefined;
  report: ReportedQuestion | undefined;
}

function decisionText(view: ReportDecisionView): string {
  const stem = view.question ? stemLine(view.question, 1500) : `*(${view.questionId}: no longer in the question bank)*`;
  const reports = view.report ? `Reported by ${membersText(view.report.reporters)}: ${reasonCounts(view.report.byReason)}.` : 'No open reports.';
  const answer = view.question ? `\nAnswer: ${view.question.answers.map((i) => `**${optionLetter(i)}.** ${clip(view.question!.options[i] ?? '', 200)}`).join(', ')}` : '';
  return `${stem}${answer}\n\n${reports}`;
}

/** The private confirmation before retiring a question on the server. */
export function renderRetirePrompt(view: ReportDecisionView): MessagePayload {
  const embed = new EmbedBuilder()
    .setColor(COLOR.warn)
    .setTitle('Retire this question on this server?')
    .setDescription(clip(`${decisionText(view)}\n\nIt will never be asked here again — not in the daily quiz, not in practice.`, LIMITS.embedDescription));
  const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(retireId(view.questionId, true)).setLabel('Retire question').setStyle(ButtonStyle.Danger),
    new ButtonBuilder().setCustomId(cancelId()).setLabel('Cancel').setStyle(ButtonStyle.Secondary),
  );
  return payload([embed], [row], { flags: MessageFlags.Ephemeral });
}

/** The private confirmation before dismissing a question's reports. */
export function renderDismissPrompt(view: ReportDecisionView): MessagePayload {
  const embed = new EmbedBuilder()
    .setColor(COLOR.info)
    .setTitle("Dismiss this question's reports?")
    .setDescription(clip(`${decisionText(view)}\n\nThe question stays in rotation; its open reports are closed.`, LIMITS.embedDescription));
  const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(dismissId(view.questionId, true)).setLabel('Dismiss reports').setStyle(ButtonStyle.Primary),
    new ButtonBuilder().setCustomId(cancelId()).setLabel('Cancel').setStyle(ButtonStyle.Secondary),
  );
  return payload([embed], [row], { flags: MessageFlags.Ephemeral });
}

export function renderRetired(questionId: string, question: Question | undefined, already: boolean): MessagePayload {
  const what = question ? stemLine(question, 300) : `\`${questionId}\``;
  const text = already
    ? `${what} was already retired on this server.`
    : `Retired: ${what}\nIt will never be asked on this server again, in the daily quiz or in practice.`;
  return renderNotice(text, 'info');
}

export function renderDismissed(questionId: string, question: Question | undefined, count: number): MessagePayload {
  const what = question ? stemLine(question, 300) : `\`${questionId}\``;
  const text =
    count === 0
      ? `${what} had no open reports left (another admin may have decided already).`
      : `Dismissed ${count === 1 ? '1 report' : `${count} reports`} of ${what}\nThe question stays in rotation.`;
  return renderNotice(text, 'info');
}
