/** Payloads of /practice: the private question, the graded result with "Next question", and its notices. */
import { createHash } from 'node:crypto';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  EmbedBuilder,
  MessageFlags,
  type APIApplicationCommandOptionChoice,
} from 'discord.js';
import type { PracticePick } from '../../quiz/practice/select.ts';
import { OPTION_LETTERS, type Question } from '../../quiz/schema.ts';
import { COLOR, payload, plain, type MessagePayload } from './common.ts';
import { LIMITS, clip } from './limits.ts';
import { answerControls, optionList, parseOptionValues, questionText, relativeTime, sourceLabel } from './question.ts';
import { reportButton } from './reports.ts';

/*
 * Custom ids carry everything a click needs, so a restart loses nothing:
 *   practice:a:<topicKey>:<questionId>:<reps>:<option>   answer button
 *   practice:m:<topicKey>:<questionId>:<reps>            "choose N" select (values are option indices)
 *   practice:n:<topicKey>                                "Next question"
 * <topicKey> is empty for every topic, else 8 hex of the topic's hash (topics can be long; ids stop at 100).
 * <reps> is the card's review count when the question was shown: an answer counts only while it still matches.
 */
export const PRACTICE_PREFIX = 'practice';
const PRACTICE_COLOR = { question: 0x6e56cf, right: 0x30a46c, wrong: 0xe5484d } as const;

export const topicKey = (topic: string | null): string =>
  topic === null ? '' : createHash('sha256').update(topic).digest('hex').slice(0, 8);

/** The topic among `topics` whose key this is; null for the empty key (every topic); undefined when none matches. */
export function topicFromKey(key: string, topics: Iterable<string>): string | null | undefined {
  if (key === '') return null;
  for (const t of topics) if (topicKey(t) === key) return t;
  return undefined;
}

export const practiceAnswerId = (topic: string | null, questionId: string, reps: number, option: number) =>
  `${PRACTICE_PREFIX}:a:${topicKey(topic)}:${questionId}:${reps}:${option}`;
export const practiceSelectId = (topic: string | null, questionId: string, reps: number) =>
  `${PRACTICE_PREFIX}:m:${topicKey(topic)}:${questionId}:${reps}`;
export const practiceNextId = (topic: string | null) => `${PRACTICE_PREFIX}:n:${topicKey(topic)}`;

export type PracticeClick =
  | { kind: 'answer'; topicKey: string; questionId: string; reps: number; option: number }
  | { kind: 'select'; topicKey: string; questionId: string; reps: number }
  | { kind: 'next'; topicKey: string }
  | { kind: 'invalid' };

const KEY = '((?:[0-9a-f]{8})?)';
const QID = '([a-zA-Z0-9_-]{1,64})';
const REPS = '(0|[1-9]\\d{0,5})';

/** Reads a practice custom id; anything the functions above could not have made is invalid. */
export function parsePracticeCustomId(customId: string): PracticeClick {
  const a = new RegExp(`^practice:a:${KEY}:${QID}:${REPS}:([0-5])$`).exec(customId);
  if (a) return { kind: 'answer', topicKey: a[1]!, questionId: a[2]!, reps: Number(a[3]), option: Number(a[4]) };
  const m = new RegExp(`^practice:m:${KEY}:${QID}:${REPS}$`).exec(customId);
  if (m) return { kind: 'select', topicKey: m[1]!, questionId: m[2]!, reps: Number(m[3]) };
  const n = new RegExp(`^practice:n:${KEY}$`).exec(customId);
  if (n) return { kind: 'next', topicKey: n[1]! };
  return { kind: 'invalid' };
}

/** Select values are option indices as strings; undefined when any is not. */
export const parsePracticeValues = (values: readonly string[]) => parseOptionValues(values, OPTION_LETTERS.length);

const relative = relativeTime;
const dueText = (n: number) => `due reviews: ${n}`;

function footer(question: Question, dueCount: number, topic: string | null): string {
  const scope = topic === null ? 'all topics' : 'this topic only';
  return clip(`${question.topic} · ${dueText(dueCount)} · ${scope}`, LIMITS.embedFooter);
}

const NOTE: Record<Exclude<PracticePick['kind'], 'empty'>, string> = {
  due: 'Review — this one is due.',
  new: 'New question.',
  early: "Nothing due — here's an early review.",
};

/** "Next question", and "Report question" for `reportable` (practice in a server: reports are kept per server). */
function nextRow(topic: string | null, reportable?: Question): ActionRowBuilder<ButtonBuilder> {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(practiceNextId(topic)).setLabel('Next question').setStyle(ButtonStyle.Primary),
    ...(reportable ? [reportButton({ kind: 'practice' }, reportable.id)] : []),
  );
}

/** The private question: stem, lettered options, A–F buttons (or a select for "choose N"), topic and due count. */
export function renderPracticeQuestion(pick: PracticePick, topic: string | null): MessagePayload {
  if (pick.kind === 'empty') return renderPracticeEmpty(topic);
  const { question } = pick;
  const reps = pick.card?.reps ?? 0;
  const embed = new EmbedBuilder()
    .setColor(PRACTICE_COLOR.question)
    .setTitle(clip(`Practice · ${plain(question.topic)}`, LIMITS.embedTitle))
    .setDescription(`-# ${NOTE[pick.kind]}\n${questionText(question, undefined, 3000)}`)
    .setFooter({ text: footer(question, pick.dueCount, topic) });
  const components = answerControls(
    question,
    { button: (i) => practiceAnswerId(topic, question.id, reps, i), select: () => practiceSelectId(topic, question.id, reps) },
    ButtonStyle.Secondary,
  );
  return payload([embed], components, { flags: MessageFlags.Ephemeral });
}

export interface PracticeResultView {
  question: Question;
  choices: readonly number[];
  correct: boolean;
  /** Some right picks on "choose N", but not fully right: counted as a miss. */
  partial: boolean;
  nextDue: Date;
  dueCount: number;
  topic: string | null;
  /** Offer "Report question" (default true; false outside a server, where there is nobody to review reports). */
  reportable?: boolean;
}

/** After an answer: right or wrong, the right answer, explanation, source, when it comes back, and "Next question". */
export function renderPracticeResult(view: PracticeResultView): MessagePayload {
  const { question, choices, correct } = view;
  const right = new Set(question.answers);
  const picked = new Set(choices);
  const mark = (i: number) => (right.has(i) ? '✅ ' : picked.has(i) ? '❌ ' : '▫️ ');
  const verdict = correct ? '✅ Right!' : view.partial ? '🟡 Partly right — counts as a miss' : '❌ Not quite';
  const list = (indices: readonly number[]) => optionList(question, indices);
  const embed = new EmbedBuilder()
    .setColor(correct ? PRACTICE_COLOR.right : PRACTICE_COLOR.wrong)
    .setTitle(clip(`${verdict} · ${plain(question.topic)}`, LIMITS.embedTitle))
    // Budget for the 6,000 total: description 2,600, answer/picks 600 each, explanation 1,024, source 300.
    .setDescription(questionText(question, mark, 2600))
    .addFields(
      { name: right.size > 1 ? 'Answers' : 'Answer', value: clip(list(question.answers), 600), inline: true },
      { name: picked.size > 1 ? 'Your picks' : 'Your pick', value: clip(list([...picked]), 600), inline: true },
      { name: 'Explanation', value: clip(question.explanation, LIMITS.embedFieldValue) },
      { name: 'Source', value: clip(plain(sourceLabel(question)), 300) },
      { name: 'Next review', value: relative(view.nextDue) },
    )
    .setFooter({ text: footer(question, view.dueCount, view.topic) + ' · practice never affects points' });
  return payload([embed], [nextRow(view.topic, view.reportable === false ? undefined : question)], { flags: MessageFlags.Ephemeral });
}

export function renderPracticeEmpty(topic: string | null): MessagePayload {
  const text = topic === null ? 'The question bank is empty, so there is nothing to practise yet.' : `There are no questions on **${plain(topic)}** to practise.`;
  return payload([new EmbedBuilder().setColor(COLOR.warn).setDescription(text)], [], { flags: MessageFlags.Ephemeral });
}

/** A click on a question already answered (double click, old message): nothing was recorded twice. */
export function renderPracticeAlreadyAnswered(nextDue: Date | undefined, topic: string | null): MessagePayload {
  const when = nextDue ? ` It comes back ${relative(nextDue)}.` : '';
  return payload(
    [new EmbedBuilder().setColor(COLOR.info).setDescription(`You already answered that question; your first answer was recorded.${when}`)],
    [nextRow(topic)],
    { flags: MessageFlags.Ephemeral },
  );
}

/** The question was removed from the bank (notes changed) after it was shown. */
export function renderPracticeQuestionGone(topic: string | null): MessagePayload {
  return payload(
    [new EmbedBuilder().setColor(COLOR.warn).setDescription('That question is no longer in the question bank (the notes changed), so it was skipped. Press **Next question** for another.')],
    [nextRow(topic)],
    { flags: MessageFlags.Ephemeral },
  );
}

/** An admin retired the question on this server after it was shown. */
export function renderPracticeQuestionRetired(topic: string | null): MessagePayload {
  return payload(
    [new EmbedBuilder().setColor(COLOR.warn).setDescription('An admin retired that question on this server, so it was skipped and nothing was recorded. Press **Next question** for another.')],
    [nextRow(topic)],
    { flags: MessageFlags.Ephemeral },
  );
}

export function practiceTopicChoices(topics: readonly string[]): APIApplicationCommandOptionChoice<string>[] {
  return topics
    .filter((t) => t.length <= LIMITS.choiceValue)
    .slice(0, LIMITS.choices)
    .map((t) => ({ name: clip(t, LIMITS.choiceName), value: t }));
}
