/** How a question looks wherever it is asked (the daily quiz post, practice): body, letters, answer controls. */
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, StringSelectMenuBuilder, TimestampStyles, time } from 'discord.js';
import { optionLetter, type Question } from '../../quiz/schema.ts';
import { HEADING_SEPARATOR } from './common.ts';
import { LIMITS, clip } from './limits.ts';

export const isMultipleResponse = (q: Pick<Question, 'answers'>) => q.answers.length > 1;
export const unixSeconds = (d: Date) => Math.floor(d.getTime() / 1000);
export const relativeTime = (d: Date) => time(unixSeconds(d), TimestampStyles.RelativeTime);
export const sourceLabel = (q: Pick<Question, 'source'>) =>
  `${q.source.file}${HEADING_SEPARATOR}${q.source.headingPath.join(HEADING_SEPARATOR)}`;

/** The stem, "choose N" for multiple response, and the lettered options; `mark` decorates each option line. */
export function questionText(question: Question, mark?: (index: number) => string, max = 3500): string {
  const lines = [`**${clip(question.stem, 1500)}**`];
  if (isMultipleResponse(question)) lines.push(`*Choose ${question.answers.length}.*`);
  lines.push('');
  question.options.forEach((o, i) => lines.push(`${mark?.(i) ?? ''}**${optionLetter(i)}.** ${clip(o, 300)}`));
  return clip(lines.join('\n'), max);
}

/** `indices` as lettered option lines, in option order. */
export function optionList(question: Question, indices: readonly number[], missing = ''): string {
  return [...indices]
    .sort((a, b) => a - b)
    .map((i) => `**${optionLetter(i)}.** ${clip(question.options[i] ?? missing, 200)}`)
    .join('\n');
}

export interface AnswerControlIds {
  /** The custom id of option `index`'s button (single-answer questions). */
  button(index: number): string;
  /** The custom id of the select menu (multiple-response questions); its values are option indices. */
  select(): string;
}

/** A–F buttons, five to a row, or one select menu for "choose N". */
export function answerControls(
  question: Question,
  ids: AnswerControlIds,
  style: ButtonStyle = ButtonStyle.Primary,
): ActionRowBuilder<ButtonBuilder | StringSelectMenuBuilder>[] {
  if (isMultipleResponse(question)) {
    return [
      new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(
        new StringSelectMenuBuilder()
          .setCustomId(ids.select())
          .setPlaceholder(`Choose ${question.answers.length} options`)
          .setMinValues(1)
          .setMaxValues(question.options.length)
          .addOptions(question.options.map((o, i) => ({ label: clip(`${optionLetter(i)} · ${o}`, LIMITS.selectLabel), value: String(i) }))),
      ),
    ];
  }
  return optionButtons(question, ids.button, () => style);
}

/** One button per option, five to a row; the reveal disables them and colours the right ones. */
export function optionButtons(
  question: Question,
  customId: (index: number) => string,
  styleOf: (index: number) => ButtonStyle,
  disabled = false,
): ActionRowBuilder<ButtonBuilder>[] {
  const buttons = question.options.map((o, i) =>
    new ButtonBuilder()
      .setCustomId(customId(i))
      .setLabel(clip(`${optionLetter(i)} · ${o}`, LIMITS.buttonLabel))
      .setStyle(styleOf(i))
      .setDisabled(disabled),
  );
  const rows: ActionRowBuilder<ButtonBuilder>[] = [];
  for (let i = 0; i < buttons.length; i += 5) rows.push(new ActionRowBuilder<ButtonBuilder>().addComponents(buttons.slice(i, i + 5)));
  return rows;
}

/** Select values are option indices as strings; undefined when any is not one of this question's options. */
export function parseOptionValues(values: readonly string[], optionCount: number): number[] | undefined {
  const picks = values.map((v) => (/^[0-5]$/.test(v) ? Number(v) : -1));
  return picks.length > 0 && picks.every((p) => p >= 0 && p < optionCount) ? picks : undefined;
}
