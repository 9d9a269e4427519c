import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeNotes, loadKnowledge, MAX_NOTE_BYTES } from '../../src/knowledge/index.ts';

const MIXED = fileURLToPath(new URL('../fixtures/notes/mixed-kb', import.meta.url));
const temps: string[] = [];

function tempKnowledge(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'studybot-knowledge-'));
  temps.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe('loadKnowledge: files that cannot be read as text', () => {
  it('skips binary and invalid UTF-8 files with a warning naming each, and loads the rest recursively', async () => {
    const kb = await loadKnowledge(MIXED);
    expect(kb.files.map((f) => f.file)).toEqual(['a-good.md', 'deeper/nested.md']);
    expect(kb.sections.map((s) => s.id)).toEqual(['a-good.md#good', 'deeper/nested.md#nested']);
    expect(kb.byId.get('deeper/nested.md#nested')?.text).toBe('In a subfolder.');
    const skipped = kb.warnings.map((w) => [w.file, w.code]);
    expect(skipped).toEqual([
      ['binary.md', 'binary'],
      ['invalid-utf8.md', 'undecodable'],
    ]);
    expect(kb.warnings[0]?.message).toMatch(/binary\.md.*binary/);
    expect(kb.warnings[1]?.message).toMatch(/invalid-utf8\.md.*UTF-8/);
  });

  it(`skips a file over the ${MAX_NOTE_BYTES}-byte limit and still loads the others`, async () => {
    const dir = tempKnowledge();
    mkdirSync(path.join(dir, 'notes'));
    writeFileSync(path.join(dir, 'notes', 'huge.md'), `# Huge\n\n${'x'.repeat(MAX_NOTE_BYTES)}\n`);
    writeFileSync(path.join(dir, 'notes', 'small.md'), '# Small\n\nFine.\n');
    const kb = await loadKnowledge(dir);
    expect(kb.files.map((f) => f.file)).toEqual(['small.md']);
    expect(kb.warnings).toEqual([expect.objectContaining({ file: 'huge.md', code: 'too-large', severity: 'warning' })]);
    expect(kb.warnings[0]?.message).toContain(String(MAX_NOTE_BYTES));
  });

  it('decodes bytes: BOM-prefixed UTF-8 is fine, NUL bytes and bad sequences are not', () => {
    expect(decodeNotes(new Uint8Array([0xef, 0xbb, 0xbf, 0x23, 0x20, 0x41]))).toMatchObject({ ok: true });
    expect(decodeNotes(new Uint8Array([0x23, 0x00, 0x41]))).toMatchObject({ ok: false, code: 'binary' });
    expect(decodeNotes(new Uint8Array([0x23, 0x20, 0xc3, 0x28]))).toMatchObject({ ok: false, code: 'undecodable' });
  });
});

describe('loadKnowledge: empty or missing knowledge folder', () => {
  it('starts empty with a warning that says where it looked when the notes folder is missing', async () => {
    const dir = tempKnowledge();
    const kb = await loadKnowledge(dir);
    expect(kb.sections).toEqual([]);
    expect(kb.glossary).toEqual([]);
    expect(kb.warnings).toHaveLength(1);
    expect(kb.warnings[0]).toMatchObject({ code: 'empty-knowledge', file: null });
    expect(kb.warnings[0]?.message).toContain(path.join(dir, 'notes'));
  });

  it('warns the same way when the folder holds no .md files', async () => {
    const dir = tempKnowledge();
    mkdirSync(path.join(dir, 'notes'));
    writeFileSync(path.join(dir, 'notes', 'readme.txt'), 'not notes');
    const kb = await loadKnowledge(dir);
    expect(kb.sections).toEqual([]);
    expect(kb.warnings.map((w) => w.code)).toEqual(['empty-knowledge']);
    expect(kb.warnings[0]?.message).toMatch(/contains no \.md files/);
  });
});

describe('loadKnowledge: images next to the notes', () => {
  it('keeps an image whose file exists and drops one that does not', async () => {
    const dir = tempKnowledge();
    mkdirSync(path.join(dir, 'notes', 'images'), { recursive: true });
    writeFileSync(path.join(dir, 'notes', 'images', 'here.png'), 'png');
    writeFileSync(path.join(dir, 'notes', 'd.md'), '# D\n\n![Here](images/here.png)\n\n![Gone](images/gone.png)\n');
    const kb = await loadKnowledge(dir);
    expect(kb.sections[0]?.markdown).toBe('![Here](images/here.png)\n\nGone');
    expect(kb.warnings.map((w) => w.code)).toEqual(['missing-image']);
  });
});

describe('loadKnowledge: logging', () => {
  it('logs a summary with counts through the injected logger', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    await loadKnowledge(MIXED, { logger });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ msg: 'knowledge loaded', files: 2, sections: 2, warnings: 2 });
  });
});
