/**
 * Every lookup payload passes discord.js builders' validation and Discord's size limits, for every section
 * of the shipped notes (the longest included) and for inputs built to be too long.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { embedLength, type APIEmbed } from 'discord.js';
import { listTopics } from '../../src/knowledge/browse.ts';
import { completeTerm, defineTerm } from '../../src/knowledge/define.ts';
import type { GlossaryEntry } from '../../src/knowledge/types.ts';
import { silentLogger } from '../../src/logger.ts';
import {
  LIMITS,
  askCustomId,
  glossaryChoices,
  renderAsk,
  renderDefinition,
  renderSection,
  renderTopic,
  renderTopicList,
  sectionChoices,
  type MessagePayload,
} from '../../src/discord/render/index.ts';
import { loadKnowledgeServices, type Services } from '../../src/services.ts';
import type { Section } from '../../src/knowledge/types.ts';

let services: Services;
beforeAll(async () => {
  services = await loadKnowledgeServices(fileURLToPath(new URL('../../knowledge', import.meta.url)), silentLogger);
});

function expectWithinLimits(view: MessagePayload): void {
  expect((view.content ?? '').length).toBeLessThanOrEqual(LIMITS.content);
  expect(view.embeds.length).toBeLessThanOrEqual(LIMITS.embedsPerMessage);
  const total = view.embeds.reduce((n, e: APIEmbed) => n + embedLength(e), 0);
  expect(total).toBeLessThanOrEqual(LIMITS.embedTotal);
  for (const e of view.embeds) {
    expect((e.title ?? '').length).toBeLessThanOrEqual(LIMITS.embedTitle);
    expect((e.description ?? '').length).toBeLessThanOrEqual(LIMITS.embedDescription);
    expect((e.footer?.text ?? '').length).toBeLessThanOrEqual(LIMITS.embedFooter);
    for (const f of e.fields ?? []) expect(f.value.length).toBeLessThanOrEqual(LIMITS.embedFieldValue);
  }
  expect(view.components.length).toBeLessThanOrEqual(LIMITS.actionRows);
  for (const row of view.components) {
    for (const c of row.components) {
      if ('custom_id' in c) expect(c.custom_id.length).toBeLessThanOrEqual(LIMITS.customId);
      if ('options' in c && Array.isArray(c.options)) {
        expect(c.options.length).toBeLessThanOrEqual(LIMITS.selectOptions);
        for (const o of c.options) {
          expect(o.label.length).toBeLessThanOrEqual(LIMITS.selectLabel);
          expect(o.value.length).toBeLessThanOrEqual(LIMITS.choiceValue);
          expect((o.description ?? '').length).toBeLessThanOrEqual(LIMITS.selectDescription);
        }
      }
    }
  }
}

const byLength = (a: Section, b: Section) => b.markdown.length - a.markdown.length;

describe('lookup payloads respect Discord limits', () => {
  it('every section of the shipped notes, opened directly', () => {
    for (const section of services.knowledge.sections) {
      expectWithinLimits(renderSection(section, services.search.passageFor(section)));
    }
  });

  it('the longest sections, found by searching their own titles', () => {
    const longest = [...services.knowledge.sections].filter((s) => s.searchable).sort(byLength).slice(0, 15);
    expect(longest[0]!.markdown.length).toBeGreaterThan(3000);
    for (const section of longest) {
      const outcome = services.search.search(section.matchTitle || section.title);
      expectWithinLimits(renderAsk(outcome));
      if (outcome.kind === 'results') {
        for (let i = 0; i < outcome.results.length; i++) expectWithinLimits(renderAsk(outcome, { index: i, mentionUserId: '123456789012345678' }));
      }
    }
  });

  it('an over-long heading path, passage and query are clipped, never rejected', () => {
    const base = services.knowledge.sections[0]!;
    const huge: Section = { ...base, title: 'T'.repeat(500), headingPath: Array.from({ length: 12 }, () => 'Heading '.repeat(40)) };
    const view = renderSection(huge, 'word '.repeat(2000));
    expectWithinLimits(view);
    expect(view.embeds[0]!.title!.endsWith('…')).toBe(true);
    const query = 'q'.repeat(300);
    expect(askCustomId(query).length).toBeLessThanOrEqual(LIMITS.customId);
    expectWithinLimits(renderAsk({ kind: 'not-covered', query, suggestions: services.knowledge.sections.slice(0, 5) }));
  });

  it('/define with many long definitions (and long suggestions) is clipped, never rejected', () => {
    const kb = services.knowledge;
    const section = kb.sections[0]!;
    const long = (i: number): GlossaryEntry => ({
      term: `Term ${i} `.repeat(20).trim(),
      meaning: 'a definition that goes on and on '.repeat(40),
      kind: 'definition',
      sectionId: section.id,
      file: section.file,
      line: 1,
      source: 'list',
    });
    const entries = Array.from({ length: 40 }, (_, i) => long(i));
    expectWithinLimits(renderDefinition({ term: 'x'.repeat(300), entries, suggestions: [] }, kb));
    expectWithinLimits(renderDefinition({ term: 'x'.repeat(300), entries: [], suggestions: entries.slice(0, 5) }, kb));
    for (const c of glossaryChoices(entries)) {
      expect(c.name.length).toBeLessThanOrEqual(LIMITS.choiceName);
      expect(c.value.length).toBeLessThanOrEqual(LIMITS.choiceValue);
    }
  });

  it('autocomplete choices: ≤ 25, names and values ≤ 100', () => {
    const all = sectionChoices(services.knowledge.sections);
    expect(all).toHaveLength(LIMITS.choices);
    for (const c of all) {
      expect(c.name.length).toBeLessThanOrEqual(LIMITS.choiceName);
      expect(c.value.length).toBeLessThanOrEqual(LIMITS.choiceValue);
    }
    const terms = glossaryChoices(completeTerm(services.knowledge, ''));
    expect(terms.length).toBeLessThanOrEqual(LIMITS.choices);
    for (const c of terms) expect(c.name.length).toBeLessThanOrEqual(LIMITS.choiceName);
  });

  it('/define and /topics views, for every glossary entry and every topic page', () => {
    for (const entry of services.knowledge.glossary) {
      expectWithinLimits(renderDefinition({ term: entry.term, entries: [entry], suggestions: [] }, services.knowledge));
      expectWithinLimits(renderDefinition(defineTerm(services.knowledge, entry.term), services.knowledge));
    }
    const topics = listTopics(services.knowledge);
    expect(topics.length).toBeGreaterThan(LIMITS.selectOptions); // so paging is exercised
    for (let page = 0; page * LIMITS.selectOptions < topics.length; page++) expectWithinLimits(renderTopicList(topics, page));
    for (const topic of topics) {
      for (let page = 0; page * LIMITS.selectOptions < topic.sections.length; page++) expectWithinLimits(renderTopic(topic, page));
    }
  });
});
