/** Payloads of the daily quiz: the post, the reveal, the private answers to clicks, and /daily's replies. */
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  EmbedBuilder,
  MessageFlags,
  TimestampStyles,
  time,
  type APIApplicationCommandOptionChoice,
} from 'discord.js';
import type { RevealResults } from '../../quiz/daily/results.ts';
import { optionLetter, type Question } from '../../quiz/schema.ts';
import type { DailyQuiz, GuildConfig } from '../../store/types.ts';
import { COLOR, payload, plain, renderNotice, type MessagePayload } from './common.ts';
import { LIMITS, clip } from './limits.ts';
import { reportButton } from './reports.ts';
import {
  answerControls,
  optionButtons,
  optionList,
  parseOptionValues,
  questionText,
  relativeTime,
  sourceLabel,
  unixSeconds,
} from './question.ts';
export { sourceLabel };

/** Custom ids of the quiz message: `daily:a:<quizId>:<option>` (button), `daily:m:<quizId>` (multi-select). */
export const DAILY_PREFIX = 'daily';
export const QUIZ_COLOR = { open: 0x2b7fff, revealed: 0x30a46c } as const;

export const answerButtonId = (quizId: number, option: number) => `${DAILY_PREFIX}:a:${quizId}:${option}`;
export const answerSelectId = (quizId: number) => `${DAILY_PREFIX}:m:${quizId}`;

export type QuizClick =
  | { kind: 'button'; quizId: number; option: number }
  | { kind: 'select'; quizId: number }
  | { kind: 'invalid' };

/** Reads a quiz component's custom id; anything not made by `answerButtonId`/`answerSelectId` is invalid. */
export function parseQuizCustomId(customId: string): QuizClick {
  const button = /^daily:a:([1-9]\d{0,14}):([0-5])$/.exec(customId);
  if (button) return { kind: 'button', quizId: Number(button[1]), option: Number(button[2]) };
  const select = /^daily:m:([1-9]\d{0,14})$/.exec(customId);
  if (select) return { kind: 'select', quizId: Number(select[1]) };
  return { kind: 'invalid' };
}

/** Option values of the multi-select are the indices, as strings; anything else is not a pick. */
export const parseSelectValues = parseOptionValues;
const letter = optionLetter;
const unix = unixSeconds;
const relative = relativeTime;

function quizTitle(quiz: Pick<DailyQuiz, 'seq' | 'topic'>): string {
  return clip(`Daily quiz #${quiz.seq} · ${quiz.topic}`, LIMITS.embedTitle);
}

function answeredText(n: number): string {
  return n === 1 ? '1 answered' : `${n} answered`;
}

export interface QuizPostOptions {
  answered: number;
  /** The role to ping (only on the first post: edits never ping). */
  roleId?: string | null;
}

/** The quiz message: question, A–F buttons (or a select for "choose N"), the reveal time and the answer count. */
export function renderQuizPost(quiz: DailyQuiz, question: Question, options: QuizPostOptions): MessagePayload {
  const embed = new EmbedBuilder()
    .setColor(QUIZ_COLOR.open)
    .setTitle(quizTitle(quiz))
    .setDescription(questionText(question))
    .addFields(
      { name: 'Answer reveal', value: relative(quiz.closesAt), inline: true },
      { name: 'Answers', value: answeredText(options.answered), inline: true },
    )
    .setFooter({ text: 'Your pick is private until the reveal. One answer per person; the first one stands.' });
  const components = answerControls(question, { button: (i) => answerButtonId(quiz.id, i), select: () => answerSelectId(quiz.id) });
  const role = options.roleId ?? null;
  return payload([embed], components, {
    ...(role ? { content: `<@&${role}> today's quiz is up!` } : {}),
    allowedMentions: role ? { parse: [], roles: [role] } : { parse: [] },
  });
}

/** How many people picked each option, when any did. */
function pickCount(results: RevealResults, index: number): string {
  const n = results.optionCounts[index] ?? 0;
  return n > 0 ? ` · ${n} ${n === 1 ? 'pick' : 'picks'}` : '';
}

/** Mentions as plain text: shown, never pinging (the payload's allowed_mentions parse nothing). */
function firstCorrect(results: RevealResults): string {
  const firsts = results.awards.filter((a) => a.reason === 'first').map((a) => a.userId);
  if (firsts.length === 0) return 'Nobody got it right this time.';
  const points = new Map(results.users.map((u) => [u.userId, u.points]));
  return firsts.map((id, i) => `${i + 1}. <@${id}> +${points.get(id) ?? 0}`).join('\n');
}

/**
 * The quiz message after closing: disabled buttons with the right ones in green, explanation, source, results, and
 * "Report question" (its custom id names the quiz and the question).
 */
export function renderQuizReveal(quiz: DailyQuiz, question: Question, results: RevealResults): MessagePayload {
  const right = new Set(question.answers);
  const answerText = optionList(question, question.answers);
  const partial = results.partial > 0 ? ` · ${results.partial} partly right` : '';
  const embed = new EmbedBuilder()
    .setColor(QUIZ_COLOR.revealed)
    .setTitle(clip(`${quizTitle(quiz)} — answer`, LIMITS.embedTitle))
    // Budget for the 6,000-character total: description 3,000, answer 600, explanation 1,024, source 300.
    .setDescription(clip(questionText(question, (i) => (right.has(i) ? '✅ ' : '▫️ ')), 2600) + optionCountsLine(question, results))
    .addFields(
      { name: right.size > 1 ? 'Answers' : 'Answer', value: clip(answerText, 600) },
      { name: 'Explanation', value: clip(question.explanation, LIMITS.embedFieldValue) },
      { name: 'Source', value: clip(plain(sourceLabel(question)), 300) },
      { name: 'Results', value: `${answeredText(results.answered)} · ${results.correct} right${partial}`, inline: true },
      { name: 'First correct', value: clip(firstCorrect(results), LIMITS.embedFieldValue), inline: true },
    )
    .setFooter({ text: 'Closed. Points are on /leaderboard; your numbers on /stats.' });
  const buttons = optionButtons(
    question,
    (i) => answerButtonId(quiz.id, i),
    (i) => (right.has(i) ? ButtonStyle.Success : ButtonStyle.Secondary),
    true,
  );
  const report = new ActionRowBuilder<ButtonBuilder>().addComponents(reportButton({ kind: 'daily', quizId: quiz.id }, question.id));
  // The role ping stays out of an edit: content is cleared, and nothing in the reveal may notify anyone.
  return payload([embed], [...buttons, report], { content: '', allowedMentions: { parse: [] } });
}

function optionCountsLine(question: Question, results: RevealResults): string {
  const counts = question.options.map((_, i) => `${letter(i)}${pickCount(results, i).replace(' · ', ': ') || ': 0'}`);
  return clip(`\n\n-# Picks — ${counts.join(' · ')}`, 400);
}

const ephemeral = renderNotice;

const picksText = (question: Question, choices: readonly number[]) => optionList(question, choices, '(option no longer in the question)');

export function renderAnswerRecorded(quiz: DailyQuiz, question: Question, choices: readonly number[]): MessagePayload {
  return ephemeral(
    `Got it! You picked:\n${picksText(question, choices)}\n\nOnly you can see this. The answer is revealed ${relative(quiz.closesAt)}.`,
  );
}

export function renderAlreadyAnswered(quiz: DailyQuiz, question: Question, choices: readonly number[]): MessagePayload {
  return ephemeral(
    `You already answered this quiz — your first pick stands:\n${picksText(question, choices)}\n\nThe answer is revealed ${relative(quiz.closesAt)}.`,
    'warn',
  );
}

/** A click after closing: the answer when it has been revealed, otherwise only that it is closed. */
export function renderQuizClosed(quiz: DailyQuiz, question: Question | undefined, yourChoices?: readonly number[]): MessagePayload {
  const lines = [`Daily quiz #${quiz.seq} is closed: answers are no longer taken.`];
  if (question && quiz.state === 'revealed') {
    lines.push(`The answer was:\n${picksText(question, question.answers)}`);
  } else if (!question) {
    lines.push(`*(Topic: ${quiz.topic} — question no longer in the notes.)*`);
  } else {
    lines.push('The answer is being revealed in the quiz message shortly.');
  }
  if (question && yourChoices) lines.push(`You picked:\n${picksText(question, yourChoices)}`);
  return ephemeral(lines.join('\n\n'), 'warn');
}

export function renderQuizUnknown(): MessagePayload {
  return ephemeral("Sorry, I can't find that quiz on this server. Please answer today's quiz from its message.", 'warn');
}

export function renderQuizNotOpen(): MessagePayload {
  return ephemeral("That quiz isn't open for answers yet.", 'warn');
}

export function renderQuestionGone(quiz: DailyQuiz): MessagePayload {
  return ephemeral(`Daily quiz #${quiz.seq} (${quiz.topic}) can't take answers: its question is no longer in the notes.`, 'warn');
}

export function renderBadPick(): MessagePayload {
  return ephemeral("That option isn't part of this question. Please pick one of the quiz's own buttons.", 'warn');
}

// ── /daily replies ─────────────────────────────────────────────────────────

export interface DailyStatusView {
  config: GuildConfig | undefined;
  nextPost: Date | null;
  lastQuiz: DailyQuiz | undefined;
  lastAnswered: number;
  /** Problems found now: channel gone, permissions missing, scheduler not running… */
  problems: string[];
  openFor: string;
}

function quizStateLine(quiz: DailyQuiz, answered: number): string {
  const when = `${quiz.localDate}`;
  switch (quiz.state) {
    case 'pending':
      return `#${quiz.seq} (${when}, ${quiz.topic}): claimed, not posted yet`;
    case 'posted':
      return `#${quiz.seq} (${when}, ${quiz.topic}): open, ${answeredText(answered)}, reveal ${relative(quiz.closesAt)}`;
    case 'revealed':
      return `#${quiz.seq} (${when}, ${quiz.topic}): revealed, ${answeredText(answered)}`;
    case 'failed':
      return `#${quiz.seq} (${when}, ${quiz.topic}): **not posted** after ${quiz.attempts} attempt(s) — ${quiz.failReason ?? 'unknown reason'}`;
  }
}

/** The guild's `questions:` setting as people read it. */
export function questionSetText(config: Pick<GuildConfig, 'questionSet'>): string {
  return config.questionSet === 'curated' ? 'curated only' : 'all — curated first, then generated ones by quality';
}

export function renderDailyStatus(view: DailyStatusView): MessagePayload {
  const { config } = view;
  if (!config) {
    return ephemeral('The daily quiz is not set up on this server. An admin can start it with `/daily setup`.', 'info');
  }
  const embed = new EmbedBuilder()
    .setColor(view.problems.length > 0 ? COLOR.warn : COLOR.info)
    .setTitle(config.paused ? 'Daily quiz — paused' : 'Daily quiz — active')
    .addFields(
      { name: 'Channel', value: `<#${config.channelId}>`, inline: true },
      { name: 'Post time', value: `${config.postTime} ${config.timeZone}`, inline: true },
      { name: 'Open for', value: view.openFor, inline: true },
      { name: 'Role ping', value: config.roleId ? `<@&${config.roleId}>` : 'none', inline: true },
      { name: 'Topic', value: clip(config.topicFilter ?? 'all topics', LIMITS.embedFieldValue), inline: true },
      { name: 'Questions', value: questionSetText(config), inline: true },
      {
        name: 'Next post',
        value: config.paused ? 'paused — `/daily resume` to continue' : view.nextPost ? `${time(unix(view.nextPost), TimestampStyles.LongDateTime)} (${relative(view.nextPost)})` : 'unknown',
        inline: true,
      },
      { name: 'Last quiz', value: clip(view.lastQuiz ? quizStateLine(view.lastQuiz, view.lastAnswered) : 'none yet', LIMITS.embedFieldValue) },
      {
        name: 'Problems',
        value: clip(view.problems.length > 0 ? view.problems.map((p) => `⚠️ ${p}`).join('\n') : 'none found', LIMITS.embedFieldValue),
      },
    );
  return payload([embed], [], { flags: MessageFlags.Ephemeral });
}

export function renderSetupSaved(config: GuildConfig, nextPost: Date | null, openFor: string, notes: string[] = []): MessagePayload {
  const lines = [
    `Daily quiz set up in <#${config.channelId}> at **${config.postTime}** (${config.timeZone}); answers are taken ${openFor.startsWith('until') ? openFor : `for ${openFor}`}.`,
    config.roleId ? `Each post pings <@&${config.roleId}>.` : 'Posts ping nobody.',
    config.topicFilter ? `Topic: **${plain(config.topicFilter)}**.` : 'Questions come from every topic.',
    `Questions: ${questionSetText(config)}.`,
    nextPost ? `Next post: ${time(unix(nextPost), TimestampStyles.LongDateTime)} (${relative(nextPost)}).` : '',
    ...notes,
  ].filter(Boolean);
  return ephemeral(lines.join('\n'), 'info');
}

export function renderDailyRefusal(reasons: string[]): MessagePayload {
  return ephemeral(`Nothing was saved:\n${reasons.map((r) => `• ${r}`).join('\n')}`, 'error');
}

export const renderDailyNotice = ephemeral;

/** Autocomplete entries, at most 25, each within Discord's 100-character limits. */
export function textChoices(values: readonly string[]): APIApplicationCommandOptionChoice<string>[] {
  return values
    .filter((v) => v.length <= LIMITS.choiceValue)
    .slice(0, LIMITS.choices)
    .map((v) => ({ name: clip(v, LIMITS.choiceName), value: v }));
}
