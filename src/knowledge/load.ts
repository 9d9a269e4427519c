import { existsSync } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger.ts';
import { readGlossary } from './glossary.ts';
import { normalizeSource } from './markdown.ts';
import { parseNotes } from './parse-notes.ts';
import type { KnowledgeBase, KnowledgeWarning, NotesFile, Section } from './types.ts';

/** Notes files larger than this (2 MiB) are skipped with a `too-large` warning: notes, not data dumps. */
export const MAX_NOTE_BYTES = 2 * 1024 * 1024;
/** A NUL byte in the first this-many bytes marks a file as binary. */
const BINARY_SNIFF_BYTES = 8_000;

export interface LoadKnowledgeOptions {
  logger?: Logger;
}

export type ReadNotesResult =
  | { ok: true; text: string; bytes: number }
  | { ok: false; code: 'too-large' | 'binary' | 'undecodable' | 'unreadable'; reason: string };

/**
 * Reads every `*.md` under `${dir}/notes` (recursively, sorted by path) into a knowledge base. Files that cannot be
 * read as text are skipped with a warning naming the file and why; an empty or missing folder gives an empty
 * knowledge base with an `empty-knowledge` warning saying where it looked.
 */
export async function loadKnowledge(dir: string, options: LoadKnowledgeOptions = {}): Promise<KnowledgeBase> {
  const notesDir = path.resolve(dir, 'notes');
  const warnings: KnowledgeWarning[] = [];
  const files: NotesFile[] = [];
  const sections: Section[] = [];
  const sourceLines = new Map<string, string[]>();

  const listing = await listNotes(notesDir);
  if (!listing.ok) warnings.push(emptyWarning(`${listing.reason}; no notes loaded from ${notesDir}`));

  for (const file of listing.ok ? listing.files : []) {
    const absolute = path.join(notesDir, ...file.split('/'));
    const read = await readNotesFile(absolute);
    if (!read.ok) {
      warnings.push({ severity: 'warning', file, code: read.code, message: `Skipped ${file}: ${read.reason}` });
      continue;
    }
    const parsed = parseNotes(file, read.text, { imageExists: (url) => imageExists(absolute, url) });
    sourceLines.set(file, normalizeSource(read.text).split('\n'));
    sections.push(...parsed.sections);
    warnings.push(...parsed.warnings);
    files.push({ file, bytes: read.bytes, sections: parsed.sections.length });
  }
  if (listing.ok && files.length === 0) {
    const why = listing.files.length === 0 ? 'contains no .md files' : 'has no readable .md files';
    warnings.push(emptyWarning(`${notesDir} ${why}; the bot starts with no notes`));
  }

  const glossary = readGlossary(sections, { sourceLines: (file) => sourceLines.get(file) });
  warnings.push(...glossary.warnings);
  const knowledge: KnowledgeBase = {
    dir: path.resolve(dir),
    files,
    sections,
    byId: new Map(sections.map((s) => [s.id, s])),
    glossary: glossary.entries,
    warnings,
  };
  // Warnings are returned, not logged one by one: callers (startup, `studybot check`) decide how to show them.
  options.logger?.info(
    { files: files.length, sections: sections.length, glossary: knowledge.glossary.length, warnings: warnings.length },
    'knowledge loaded',
  );
  return knowledge;
}

function emptyWarning(message: string): KnowledgeWarning {
  return { severity: 'warning', file: null, code: 'empty-knowledge', message: `No notes found: ${message}` };
}

/** `/`-separated paths of every `*.md` under the folder, sorted by code point so the order never depends on locale. */
async function listNotes(notesDir: string): Promise<{ ok: true; files: string[] } | { ok: false; reason: string }> {
  try {
    const info = await stat(notesDir);
    if (!info.isDirectory()) return { ok: false, reason: `${notesDir} is not a folder` };
  } catch {
    return { ok: false, reason: `the folder ${notesDir} does not exist` };
  }
  const found: string[] = [];
  const walk = async (relative: string): Promise<void> => {
    const entries = await readdir(path.join(notesDir, relative), { withFileTypes: true });
    for (const entry of entries) {
      const rel = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(rel);
      else if (entry.isFile() && /\.md$/i.test(entry.name)) found.push(rel);
    }
  };
  await walk('');
  return { ok: true, files: found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) };
}

/** Reads one notes file as UTF-8 text, or says why it cannot be. */
export async function readNotesFile(absolute: string): Promise<ReadNotesResult> {
  try {
    const info = await stat(absolute);
    if (info.size > MAX_NOTE_BYTES) {
      return { ok: false, code: 'too-large', reason: `${info.size} bytes is over the ${MAX_NOTE_BYTES}-byte limit for a notes file` };
    }
    const bytes = await readFile(absolute);
    return decodeNotes(bytes);
  } catch (error) {
    return { ok: false, code: 'unreadable', reason: error instanceof Error ? error.message : String(error) };
  }
}

/** Bytes → text: rejects binary content (NUL bytes) and anything that is not valid UTF-8. */
export function decodeNotes(bytes: Uint8Array): ReadNotesResult {
  if (bytes.byteLength > MAX_NOTE_BYTES) {
    return { ok: false, code: 'too-large', reason: `${bytes.byteLength} bytes is over the ${MAX_NOTE_BYTES}-byte limit for a notes file` };
  }
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
    return { ok: false, code: 'binary', reason: 'it looks like a binary file (contains NUL bytes), not markdown text' };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { ok: true, text, bytes: bytes.byteLength };
  } catch {
    return { ok: false, code: 'undecodable', reason: 'it is not valid UTF-8 text' };
  }
}

/** Relative image targets are looked up next to the note. */
function imageExists(noteFile: string, url: string): boolean {
  if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(url)) return true;
  let target: string;
  try {
    target = path.resolve(path.dirname(noteFile), decodeURI(url.split(/[?#]/)[0] ?? ''));
  } catch {
    return false;
  }
  return existsSync(target);
}
