/**
 * A second subject: three cell biology notes files (tests/fixtures/corpora/cell-biology), with no questions folder.
 * Nothing in studybot knows these notes; they check that the knowledge base, the glossary, /define and `check` work
 * on notes that are not the shipped AWS ones.
 */
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { completeTerm, defineTerm } from '../../src/knowledge/define.ts';
import { loadKnowledge, type KnowledgeBase } from '../../src/knowledge/index.ts';
import { glossaryChoices, LIMITS, renderDefinition } from '../../src/discord/render/index.ts';

const CORPUS = fileURLToPath(new URL('../fixtures/corpora/cell-biology', import.meta.url));

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await loadKnowledge(CORPUS);
});

const entry = (term: string) => defineTerm(kb, term).entries[0];
const description = (term: string) => renderDefinition(defineTerm(kb, term), kb).embeds[0]?.description ?? '';

describe('cell biology corpus: loads cleanly', () => {
  it('has three files, their sections, and no warnings', () => {
    expect(kb.files.map((f) => f.file)).toEqual(['cell-division.md', 'cell-energy.md', 'cell-structure.md']);
    for (const f of kb.files) {
      expect(f.bytes).toBeGreaterThan(8_000);
      expect(f.sections).toBeGreaterThan(10);
    }
    expect(kb.warnings).toEqual([]);
  });

  it('keeps its quirks as sections: an emoji heading and a bold line used as a heading', () => {
    expect(kb.sections.find((s) => s.title === '🔬 Cell theory')).toMatchObject({ matchTitle: 'Cell theory' });
    expect(kb.sections.find((s) => s.title === 'Plant cells vs animal cells')).toBeDefined();
  });
});

describe('cell biology corpus: glossary', () => {
  it('has abbreviations (table and inline) and many more definitions (tables, lists, lines)', () => {
    const count = (kind: string, source?: string) => kb.glossary.filter((g) => g.kind === kind && (!source || g.source === source)).length;
    expect(count('abbreviation', 'table')).toBe(11);
    expect(count('abbreviation', 'inline')).toBeGreaterThanOrEqual(5);
    expect(count('definition', 'table')).toBe(25);
    expect(count('definition', 'list')).toBeGreaterThanOrEqual(40);
    expect(count('definition', 'inline')).toBeGreaterThanOrEqual(3);
  });

  it('reads abbreviations spelled with letters from inside words (DNA, RNA) and the abbreviations table (ATP)', () => {
    expect(entry('DNA')).toMatchObject({ kind: 'abbreviation', meaning: 'deoxyribonucleic acid' });
    expect(entry('RNA')).toMatchObject({ kind: 'abbreviation', meaning: 'ribonucleic acid' });
    expect(entry('ATP')).toMatchObject({ kind: 'abbreviation', meaning: 'adenosine triphosphate', source: 'table' });
    expect(entry('ER')).toMatchObject({ kind: 'abbreviation', meaning: 'Endoplasmic reticulum' });
  });

  it('takes no labels, remarks or prose for terms', () => {
    const terms = new Set(kb.glossary.map((g) => g.term.toLowerCase()));
    for (const label of ['function', 'note', 'exam tip', 'mnemonic', 'products', 'numbers', 'steps', 'in animal cells', 'total yield']) {
      expect(terms.has(label), label).toBe(false);
    }
    // `Surrounded by the nuclear envelope: …` and `Enzymes are biological catalysts: …` are sentences, not terms.
    expect([...terms].some((t) => t.startsWith('surrounded') || t.startsWith('enzymes are'))).toBe(false);
  });
});

describe('cell biology corpus: /define', () => {
  it('finds a term from the vocabulary table, with where it is defined', () => {
    expect(entry('Cytosol')).toMatchObject({ kind: 'definition', source: 'table', file: 'cell-structure.md' });
    expect(description('cytosol')).toMatch(/\*\*Cytosol\*\* — The watery fluid part of the cytoplasm/);
    expect(description('cytosol')).toMatch(/Definition, from a table · Defined in Cell Structure › Vocabulary \(cell-structure\.md, line \d+\)/);
  });

  it('finds terms from `Term: definition` and `**Term** – definition` lists, and a definition list', () => {
    expect(entry('Active site')).toMatchObject({ kind: 'definition', source: 'list', meaning: expect.stringMatching(/^the region of an enzyme where the substrate binds/) });
    expect(entry('osmosis')).toMatchObject({ kind: 'definition', source: 'list', meaning: expect.stringMatching(/^the net movement of water molecules/) });
    expect(entry('Chemiosmosis')).toMatchObject({ kind: 'definition', source: 'list', meaning: expect.stringMatching(/ATP synthase/) });
    expect(entry('Magnification')).toMatchObject({ kind: 'definition', source: 'inline' });
  });

  it('finds a plural, a term from the `Word | Meaning` table, and shows every meaning of a term defined twice', () => {
    expect(entry('chromatids')).toMatchObject({ term: 'Chromatid', source: 'table', file: 'cell-division.md' });
    const reduction = defineTerm(kb, 'Reduction').entries;
    expect(reduction.map((e) => e.source)).toEqual(['table', 'list']);
    expect(reduction[0]?.meaning).toMatch(/Gain of electrons/);
  });

  it('suggests close entries for a misspelt term, and autocompletes over definitions', () => {
    expect(defineTerm(kb, 'Cytosl').suggestions.map((e) => e.term)).toContain('Cytosol');
    const choices = glossaryChoices(completeTerm(kb, 'cyto'));
    expect(choices.map((c) => c.value)).toEqual(expect.arrayContaining(['Cytoplasm', 'Cytosol']));
  });

  it('renders every entry within Discord limits', () => {
    for (const g of kb.glossary) {
      const embed = renderDefinition(defineTerm(kb, g.term), kb).embeds[0];
      expect((embed?.description ?? '').length).toBeLessThanOrEqual(LIMITS.embedDescription);
      expect((embed?.title ?? '').length).toBeLessThanOrEqual(LIMITS.embedTitle);
    }
  });
});

describe('cell biology corpus: the CLI', () => {
  let savedEnv: NodeJS.ProcessEnv;
  beforeEach(() => {
    savedEnv = { ...process.env };
    process.env.LOG_LEVEL = 'silent';
    process.env.KNOWLEDGE_DIR = CORPUS;
    delete process.env.DISCORD_TOKEN;
  });
  afterEach(() => {
    process.env = savedEnv;
  });

  async function run(args: string[]): Promise<{ code: number; out: string }> {
    let out = '';
    const sink = { write: (s: string) => ((out += s), true) } as unknown as NodeJS.WritableStream;
    const code = await main(args, { out: sink, err: sink });
    return { code, out };
  }

  it('`studybot check` exits 0 and notes that there are no curated questions', async () => {
    const { code, out } = await run(['check']);
    expect(code).toBe(0);
    expect(out).toMatch(/3 notes files, \d+ sections, \d+ glossary entries \(\d+ abbreviations, \d+ definitions\)/);
    expect(out).toMatch(/notice: No curated questions: .*questions does not exist/);
    expect(out).not.toMatch(/\[error\]/);
  });

  it('`studybot define` prints a definition and where it comes from', async () => {
    const { code, out } = await run(['define', 'Partially', 'permeable']);
    expect(code).toBe(0);
    expect(out).toMatch(/\*\*Partially permeable\*\* — Lets some substances through but not others/);
    expect(out).toMatch(/cell-structure\.md, line \d+/);
  });
});
