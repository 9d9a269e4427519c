import type { KnowledgeBase, Section } from '../../knowledge/types.ts';
import { HEADING_SEPARATOR } from './authorSchema.ts';
import type { AuthorSource } from './authorSchema.ts';

/** Heading titles as the author wrote them, split from `"A › B"` when given as one string. */
export function headingPathOf(source: Pick<AuthorSource, 'heading'>): string[] {
  const parts = typeof source.heading === 'string' ? source.heading.split(HEADING_SEPARATOR) : source.heading;
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

const norm = (s: string): string => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();

/** For each section, the accepted spellings of every title on its path (title or matchTitle), top-down. */
interface IndexedSection {
  section: Section;
  names: Set<string>[];
}

export interface SectionLookup {
  files: Set<string>;
  byFile: Map<string, IndexedSection[]>;
}

/** Indexes the knowledge base once per load so each source is matched without rescanning parents. */
export function buildSectionLookup(kb: KnowledgeBase): SectionLookup {
  const byId = new Map(kb.sections.map((s) => [s.id, s]));
  const byFile = new Map<string, IndexedSection[]>();
  for (const section of kb.sections) {
    const chain: Section[] = [];
    for (let s: Section | undefined = section; s; s = s.parentId ? byId.get(s.parentId) : undefined) chain.unshift(s);
    // The chain and headingPath agree for ordinary sections; fall back to titles alone if they ever differ.
    const names =
      chain.length === section.headingPath.length
        ? chain.map((s) => new Set([norm(s.title), norm(s.matchTitle)]))
        : section.headingPath.map((t) => new Set([norm(t)]));
    const list = byFile.get(section.file) ?? [];
    list.push({ section, names });
    byFile.set(section.file, list);
  }
  return { files: new Set(kb.files.map((f) => f.file).concat(kb.sections.map((s) => s.file))), byFile };
}

export type SourceResolution =
  | { ok: true; section: Section; warning?: { field: string; message: string } }
  | { ok: false; field: string; message: string };

const pathMatches = (entry: IndexedSection, path: readonly string[]): boolean =>
  entry.names.length === path.length && path.every((title, i) => entry.names[i]?.has(norm(title)) ?? false);

const contains = (s: Section, line: number): boolean => s.startLine <= line && line <= s.endLine;

/**
 * Finds the section a curated source points at. A title matches when it equals the displayed title or its
 * `matchTitle` (decorative emoji/number prefix dropped), case-insensitively.
 */
export function resolveSource(lookup: SectionLookup, file: string, path: readonly string[], line?: number): SourceResolution {
  const sections = lookup.byFile.get(file);
  if (!sections) {
    const known = [...lookup.files].sort().join(', ');
    return { ok: false, field: 'source.file', message: `no notes file "${file}" in the knowledge base (files: ${known})` };
  }
  const matches = sections.filter((e) => pathMatches(e, path));
  const shown = path.join(HEADING_SEPARATOR);
  if (matches.length === 0) {
    const last = path.at(-1);
    const near = last === undefined ? [] : sections.filter((e) => e.names.at(-1)?.has(norm(last)));
    const hint = near.length > 0 ? `; did you mean "${near[0]?.section.headingPath.join(HEADING_SEPARATOR)}"?` : '';
    return { ok: false, field: 'source.heading', message: `no section "${shown}" in ${file}${hint}` };
  }
  if (line !== undefined) {
    const containing = matches.find((e) => contains(e.section, line));
    if (containing) return { ok: true, section: containing.section };
    const first = matches[0]!.section;
    return {
      ok: true,
      section: first,
      warning: {
        field: 'source.line',
        message: `line ${line} is outside "${shown}" (lines ${first.startLine}–${first.endLine})`,
      },
    };
  }
  const first = matches[0]!.section;
  if (matches.length > 1) {
    const at = matches.map((e) => e.section.startLine).join(', ');
    return {
      ok: true,
      section: first,
      warning: { field: 'source.heading', message: `"${shown}" matches ${matches.length} sections (lines ${at}); add source.line to pick one` },
    };
  }
  return { ok: true, section: first };
}
