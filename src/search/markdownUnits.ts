/** One line-sized piece of a section: a bullet, a table row, a paragraph sentence, a code line. */
export interface Unit {
  /** Already-safe markdown put before the text (`• `, `  ◦ `, `3\. `). */
  prefix: string;
  /** Plain text: inline markdown stripped, not yet escaped. */
  text: string;
  /** Continues the previous unit's paragraph (joined with a space, not a new line). */
  continues: boolean;
  /** A line of a fenced code block (shown as plain text; prose is preferred for passages). */
  code?: boolean;
}

const DISCORD_SPECIAL = /[\\*_~`|>#<[\]]/g;

/** Escapes everything Discord would read as markdown, mentions or links. */
export function escapeDiscord(text: string): string {
  return text.replace(DISCORD_SPECIAL, (c) => `\\${c}`);
}

/** Escapes a whole line, including markers that only mean something at its start (`- `, `+ `, `1. `). */
export function escapeLineStart(escaped: string): string {
  return escaped.replace(/^([-+])(?=\s)/, '\\$1').replace(/^(\d+)\.(?=\s)/, '$1\\.');
}

const HTML_TAG = /<\/?(?:h[1-6]|br|p|div|span|b|i|em|strong|sup|sub|img|a|code|pre|details|summary|table|thead|tbody|tr|td|th|ul|ol|li|hr|center|kbd)\b[^>]*>/gi;

/** Inline markdown to plain text: images → alt, links → text, emphasis and code markers removed. */
export function stripInline(text: string): string {
  return text
    .replace(/<!--.*?-->/g, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/<(https?:\/\/[^>\s]+)>/g, '$1')
    .replace(HTML_TAG, ' ')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/__(.+?)__/g, '$1')
    .replace(/(^|[\s(])\*(?=\S)([^*\n]*?\S)\*(?=[\s).,:;!?]|$)/g, '$1$2')
    .replace(/(^|[\s(])_(?=\S)([^_\n]*?\S)_(?=[\s).,:;!?]|$)/g, '$1$2')
    .replace(/\\([\\`*_{}[\]()#+\-.!|>~])/g, '$1')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

const SENTENCE_END = /(?<=[.!?])\s+(?=[A-Z0-9"“(])/;
const LONG_UNIT = 320;
const HARD_UNIT = 600;

function pushText(units: Unit[], prefix: string, text: string): void {
  if (!text) return;
  const pieces = text.length > LONG_UNIT ? text.split(SENTENCE_END) : [text];
  let first = true;
  for (const piece of pieces) {
    for (const chunk of hardSplit(piece)) {
      units.push({ prefix: first ? prefix : '', text: chunk, continues: !first });
      first = false;
    }
  }
}

/** A sentence too long for any passage is cut at word boundaries. */
function hardSplit(text: string): string[] {
  if (text.length <= HARD_UNIT) return [text];
  const out: string[] = [];
  let rest = text;
  while (rest.length > HARD_UNIT) {
    let cut = rest.lastIndexOf(', ', HARD_UNIT);
    if (cut < HARD_UNIT / 2) cut = rest.lastIndexOf(' ', HARD_UNIT);
    if (cut <= 0) cut = HARD_UNIT;
    out.push(rest.slice(0, cut + 1).trim());
    rest = rest.slice(cut + 1).trim();
  }
  if (rest) out.push(rest);
  return out;
}

/** Splits a section's markdown into units at bullet, row, line and sentence boundaries. */
export function toUnits(markdown: string): Unit[] {
  const units: Unit[] = [];
  let fence: string | null = null;
  for (const rawLine of markdown.split(/\r?\n/)) {
    const line = rawLine.replace(/\t/g, '  ');
    const fenceMatch = /^\s*(```|~~~)/.exec(line);
    if (fenceMatch) {
      fence = fence ? null : (fenceMatch[1] as string);
      continue;
    }
    if (fence) {
      const code = line.trim();
      if (code) units.push({ prefix: '', text: code, continues: false, code: true });
      continue;
    }
    const trimmed = line.trim();
    if (!trimmed || /^<!--.*-->$/.test(trimmed) || /^([-*_])(\s*\1){2,}$/.test(trimmed)) continue;
    if (/^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$/.test(trimmed)) continue; // table separator
    if (trimmed.startsWith('|')) {
      const cells = trimmed.replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => stripInline(c.trim()));
      pushText(units, '', cells.filter(Boolean).join(' | '));
      continue;
    }
    const list = /^(\s*)([-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (list) {
      const depth = Math.min(2, Math.floor((list[1] as string).length / 2));
      const marker = list[2] as string;
      const ordered = /^\d/.test(marker);
      const bullet = ordered ? `${marker.slice(0, -1)}\\. ` : depth === 0 ? '• ' : '◦ ';
      const indent = depth === 0 ? '' : '\u2003'.repeat(depth);
      pushText(units, indent + bullet, stripInline((list[3] as string).replace(/^#{1,6}\s+/, '')));
      continue;
    }
    const text = stripInline(trimmed.replace(/^#{1,6}\s+/, '').replace(/^>\s?/, ''));
    pushText(units, '', text);
  }
  return units;
}

