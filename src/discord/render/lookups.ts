/** Payloads of the lookup commands: /ask, /define, /topics. */
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  EmbedBuilder,
  MessageFlags,
  StringSelectMenuBuilder,
  type APIApplicationCommandOptionChoice,
} from 'discord.js';
import type { GlossaryEntry, KnowledgeBase, Section } from '../../knowledge/types.ts';
import { sectionRef } from '../../knowledge/sectionRef.ts';
import type { SearchOutcome, SearchResult } from '../../search/types.ts';
import { LIMITS, clip } from './limits.ts';
import { COLOR, HEADING_SEPARATOR, payload, plain, type MessagePayload } from './common.ts';

export function headingLabel(section: Pick<Section, 'headingPath'>): string {
  return section.headingPath.join(HEADING_SEPARATOR);
}


function sectionFooter(section: Section, position?: { index: number; total: number }): string {
  const where = `${section.file} · line ${section.startLine}`;
  return clip(position ? `${where} · result ${position.index + 1} of ${position.total}` : where, LIMITS.embedFooter);
}

function resultEmbed(section: Section, passage: string, position?: { index: number; total: number }): EmbedBuilder {
  return new EmbedBuilder()
    .setColor(COLOR.result)
    .setTitle(clip(headingLabel(section), LIMITS.embedTitle))
    .setDescription(clip(passage.trim() || '*(This section has a heading but no text of its own.)*', LIMITS.embedDescription))
    .setFooter({ text: sectionFooter(section, position) });
}

/** Custom ids of /ask navigation carry the query, so navigation still works after a restart. */
export const ASK_PREFIX = 'ask';
export function askCustomId(query: string): string {
  const head = `${ASK_PREFIX}:r:`;
  return head + clip(query, LIMITS.customId - head.length).replace(/…$/, '');
}

function resultSelect(
  query: string,
  results: Section[],
  selected: number,
  placeholder = 'See another result',
): ActionRowBuilder<StringSelectMenuBuilder> {
  const menu = new StringSelectMenuBuilder()
    .setCustomId(askCustomId(query))
    .setPlaceholder(placeholder)
    .addOptions(
      results.slice(0, LIMITS.selectOptions).map((s, i) => ({
        label: clip(`${i + 1}. ${s.title || s.headingPath.at(-1) || s.file}`, LIMITS.selectLabel),
        description: clip(s.headingPath.length > 1 ? s.headingPath.slice(0, -1).join(HEADING_SEPARATOR) : s.file, LIMITS.selectDescription),
        value: sectionRef(s),
        default: i === selected,
      })),
    );
  return new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(menu);
}

export interface AskRenderOptions {
  /** Which of the results to show (0-based). */
  index?: number;
  hide?: boolean;
  /** "Suggested for @user": the only user pinged. */
  mentionUserId?: string;
}

/** The /ask reply for a search outcome. */
export function renderAsk(outcome: SearchOutcome, options: AskRenderOptions = {}): MessagePayload {
  const extra: Partial<Pick<MessagePayload, 'content' | 'flags' | 'allowedMentions'>> = {};
  if (options.hide) extra.flags = MessageFlags.Ephemeral;
  // An ephemeral reply cannot ping anyone, so a mention only goes with a public answer.
  if (options.mentionUserId && !options.hide) {
    extra.content = `Suggested for <@${options.mentionUserId}>`;
    extra.allowedMentions = { parse: [], users: [options.mentionUserId] };
  }

  if (outcome.kind === 'empty-knowledge') {
    return payload([emptyKnowledgeEmbed()], [], extra.flags ? { flags: extra.flags } : {});
  }
  if (outcome.kind === 'not-covered') {
    const embed = new EmbedBuilder()
      .setColor(COLOR.warn)
      .setTitle('Not covered by the notes')
      .setDescription(
        clip(
          `The notes don't seem to cover **${plain(clip(outcome.query, 200))}**.` +
            (outcome.suggestions.length
              ? `\n\nDid you mean:\n${outcome.suggestions.map((s) => `• ${plain(headingLabel(s))}`).join('\n')}`
              : '\n\nTry other words, or browse with `/topics`.'),
          LIMITS.embedDescription,
        ),
      );
    const rows = outcome.suggestions.length
      ? [resultSelect(outcome.query, outcome.suggestions, -1, 'Open a suggested section')]
      : [];
    return payload([embed], rows, extra);
  }
  const results = outcome.results;
  const index = Math.min(Math.max(options.index ?? 0, 0), results.length - 1);
  const current = results[index]!;
  const rows = results.length > 1 ? [resultSelect(outcome.query, results.map((r) => r.section), index)] : [];
  const embed = resultEmbed(current.section, current.passage, { index, total: results.length });
  if (outcome.unknownTerms?.length) {
    // Say which words found nothing, so "nacl vs security group" doesn't read as if NACLs were covered.
    const missing = outcome.unknownTerms.map((t) => `“${plain(t)}”`).join(', ');
    embed.setDescription(clip(`-# Nothing in the notes mentions ${missing}.\n${embed.data.description ?? ''}`, LIMITS.embedDescription));
  }
  return payload([embed], rows, extra);
}

/** A single section opened directly (from autocomplete, a suggestion or /topics). */
export function renderSection(section: Section, passage: string, options: Omit<AskRenderOptions, 'index'> = {}): MessagePayload {
  const result: SearchResult = { section, passage, score: 1 };
  return renderAsk({ kind: 'results', query: section.title, results: [result] }, options);
}

export function emptyKnowledgeEmbed(): EmbedBuilder {
  return new EmbedBuilder()
    .setColor(COLOR.warn)
    .setTitle('The knowledge base is empty')
    .setDescription('No notes are loaded yet. An admin can add markdown files under `knowledge/notes/` and restart studybot.');
}

/** Autocomplete choices: at most 25, names and values at most 100 characters. */
export function sectionChoices(sections: Section[]): APIApplicationCommandOptionChoice<string>[] {
  return sections.slice(0, LIMITS.choices).map((s) => ({
    name: clip(headingLabel(s), LIMITS.choiceName),
    value: sectionRef(s),
  }));
}

export function glossaryChoices(entries: GlossaryEntry[]): APIApplicationCommandOptionChoice<string>[] {
  const seen = new Set<string>();
  const choices: APIApplicationCommandOptionChoice<string>[] = [];
  for (const e of entries) {
    const key = `${e.term}\u0000${e.meaning.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    choices.push({ name: clip(`${e.term} — ${e.meaning}`, LIMITS.choiceName), value: clip(e.term, LIMITS.choiceValue) });
    if (choices.length === LIMITS.choices) break;
  }
  return choices;
}

export interface DefinitionView {
  term: string;
  entries: GlossaryEntry[];
  /** Close glossary terms, when nothing matched. */
  suggestions: GlossaryEntry[];
}

const SOURCE_LABEL: Record<GlossaryEntry['source'], string> = { table: 'from a table', list: 'from a list', inline: 'in the text' };

/** `Abbreviation, from a table · Defined in …`: what the entry is, and where the notes say it. */
function entryOrigin(e: GlossaryEntry, kb: KnowledgeBase): string {
  const section = kb.byId.get(e.sectionId);
  const where = section ? `${headingLabel(section)} (${e.file}, line ${e.line})` : `${e.file}, line ${e.line}`;
  const what = e.kind === 'abbreviation' ? 'Abbreviation' : 'Definition';
  return `${what}, ${SOURCE_LABEL[e.source]} · Defined in ${where}`;
}

/** The /define reply: each entry (an abbreviation both ways, or a term's definition), and where the notes define it. */
export function renderDefinition(view: DefinitionView, kb: KnowledgeBase): MessagePayload {
  if (kb.sections.length === 0) return payload([emptyKnowledgeEmbed()], [], { flags: MessageFlags.Ephemeral });
  if (view.entries.length === 0) {
    const embed = new EmbedBuilder()
      .setColor(COLOR.warn)
      .setTitle(clip(`No glossary entry for “${view.term}”`, LIMITS.embedTitle))
      .setDescription(
        clip(
          (view.suggestions.length
            ? `Close entries:\n${view.suggestions.map((e) => `• **${plain(e.term)}** — ${plain(clip(e.meaning, SUGGESTION_MEANING_CHARS))}`).join('\n')}\n\n`
            : '') + 'Try `/ask` to search the notes for it.',
          LIMITS.embedDescription,
        ),
      );
    return payload([embed], [], { flags: MessageFlags.Ephemeral });
  }
  const embed = new EmbedBuilder().setColor(COLOR.info).setTitle(clip(view.entries[0]!.term, LIMITS.embedTitle));
  const lines: string[] = [];
  for (const e of view.entries.slice(0, LIMITS.embedFields)) {
    lines.push(`**${plain(e.term)}** — ${plain(e.meaning)}\n-# ${plain(entryOrigin(e, kb))}`);
  }
  embed.setDescription(clip(lines.join('\n\n'), LIMITS.embedDescription));
  return payload([embed]);
}

/** A definition in the "close entries" list is a reminder, not the answer. */
const SUGGESTION_MEANING_CHARS = 120;


// ---- /topics: browse the knowledge base ----

export interface TopicView {
  key: string;
  title: string;
  file: string;
  sections: Section[];
}

export const TOPICS_PREFIX = 'topics';
const TOPICS_PER_PAGE = LIMITS.selectOptions;

/** Page through every topic; a select opens one topic's sections. */
export function renderTopicList(topics: TopicView[], page: number): MessagePayload {
  if (topics.length === 0) return payload([emptyKnowledgeEmbed()], [], { flags: MessageFlags.Ephemeral });
  const pages = Math.ceil(topics.length / TOPICS_PER_PAGE);
  const p = Math.min(Math.max(page, 0), pages - 1);
  const shown = topics.slice(p * TOPICS_PER_PAGE, (p + 1) * TOPICS_PER_PAGE);
  const byFile = new Map<string, TopicView[]>();
  for (const t of shown) byFile.set(t.file, [...(byFile.get(t.file) ?? []), t]);
  const embed = new EmbedBuilder()
    .setColor(COLOR.info)
    .setTitle('What the notes cover')
    .setFooter({ text: `${topics.length} topics · page ${p + 1} of ${pages} · pick a topic to see its sections` });
  for (const [file, list] of [...byFile].slice(0, LIMITS.embedFields)) {
    embed.addFields({
      name: clip(file, LIMITS.embedFieldName),
      value: clip(list.map((t) => `• ${plain(t.title)} (${t.sections.length})`).join('\n'), LIMITS.embedFieldValue),
    });
  }
  const select = new StringSelectMenuBuilder()
    .setCustomId(`${TOPICS_PREFIX}:t:${p}`)
    .setPlaceholder('Open a topic')
    .addOptions(
      shown.map((t) => ({
        label: clip(t.title, LIMITS.selectLabel),
        description: clip(`${t.file} · ${t.sections.length} sections`, LIMITS.selectDescription),
        value: t.key,
      })),
    );
  const rows: ActionRowBuilder<ButtonBuilder | StringSelectMenuBuilder>[] = [
    new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(select),
  ];
  if (pages > 1) {
    rows.push(
      new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder().setCustomId(`${TOPICS_PREFIX}:p:${p - 1}`).setLabel('Previous').setStyle(ButtonStyle.Secondary).setDisabled(p === 0),
        new ButtonBuilder().setCustomId(`${TOPICS_PREFIX}:p:${p + 1}`).setLabel('Next').setStyle(ButtonStyle.Secondary).setDisabled(p >= pages - 1),
      ),
    );
  }
  return payload([embed], rows, { flags: MessageFlags.Ephemeral });
}

/** One topic: its sections as an outline, and a select to open one. */
export function renderTopic(topic: TopicView, page: number): MessagePayload {
  const pages = Math.max(1, Math.ceil(topic.sections.length / LIMITS.selectOptions));
  const p = Math.min(Math.max(page, 0), pages - 1);
  const shown = topic.sections.slice(p * LIMITS.selectOptions, (p + 1) * LIMITS.selectOptions);
  const base = topic.sections[0]?.level ?? 1;
  const outline = shown.map((s) => `${'  '.repeat(Math.max(0, s.level - base))}• ${plain(s.title)}`).join('\n');
  const embed = new EmbedBuilder()
    .setColor(COLOR.info)
    .setTitle(clip(topic.title, LIMITS.embedTitle))
    .setDescription(clip(outline || 'No sections.', LIMITS.embedDescription))
    .setFooter({ text: clip(`${topic.file} · ${topic.sections.length} sections · page ${p + 1} of ${pages}`, LIMITS.embedFooter) });
  const rows: ActionRowBuilder<ButtonBuilder | StringSelectMenuBuilder>[] = [];
  if (shown.length) {
    rows.push(
      new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(
        new StringSelectMenuBuilder()
          .setCustomId(`${TOPICS_PREFIX}:s`)
          .setPlaceholder('Open a section')
          .addOptions(
            shown.map((s) => ({
              label: clip(s.title || s.file, LIMITS.selectLabel),
              description: clip(s.headingPath.slice(0, -1).join(HEADING_SEPARATOR) || s.file, LIMITS.selectDescription),
              value: sectionRef(s),
            })),
          ),
      ),
    );
  }
  const nav = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(`${TOPICS_PREFIX}:p:0`).setLabel('All topics').setStyle(ButtonStyle.Secondary),
  );
  if (pages > 1) {
    nav.addComponents(
      new ButtonBuilder().setCustomId(topicCustomId(topic.key, p - 1)).setLabel('Previous').setStyle(ButtonStyle.Secondary).setDisabled(p === 0),
      new ButtonBuilder().setCustomId(topicCustomId(topic.key, p + 1)).setLabel('Next').setStyle(ButtonStyle.Secondary).setDisabled(p >= pages - 1),
    );
  }
  rows.push(nav);
  return payload([embed], rows, { flags: MessageFlags.Ephemeral });
}

/** `topics:o:<page>:<key>`; topic keys are kept short enough to fit (see listTopics). */
export function topicCustomId(key: string, page: number): string {
  return `${TOPICS_PREFIX}:o:${page}:${key}`.slice(0, LIMITS.customId);
}


