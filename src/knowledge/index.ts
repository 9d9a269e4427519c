import type { Section } from './types.ts';

export { loadKnowledge, readNotesFile, decodeNotes, MAX_NOTE_BYTES } from './load.ts';
export type { LoadKnowledgeOptions, ReadNotesResult } from './load.ts';
export { parseNotes, SPLIT_SECTION_CHARS, MAX_TITLE_CHARS } from './parse-notes.ts';
export type { ParseNotesOptions, ParsedNotes } from './parse-notes.ts';
export { extractGlossary, readGlossary, findInlineDefinitions, glossaryTableKind, isAbbreviationTable, spellsAbbreviation } from './glossary.ts';
export type { GlossaryRead, ReadGlossaryOptions } from './glossary.ts';
export { isTermLike, splitDefinition } from './glossary-definitions.ts';
export { parseMarkdown, markdownToText, blockText, inlineText, tableRows, normalizeSource } from './markdown.ts';
export { matchTitleOf, githubSlug } from './titles.ts';
export * from './types.ts';

/** `Developer Associate › S3 Buckets › S3 Encryption for Objects`. */
export function headingPathLabel(section: Pick<Section, 'headingPath'>, separator = ' › '): string {
  return section.headingPath.join(separator);
}
