/** Errata: statements of the notes the group marked wrong, which no generated question may quote. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { KnowledgeBase, Section } from '../../src/knowledge/types.ts';
import { type Erratum, erratumIn, loadErrata, unmatchedErrata } from '../../src/quiz/errata.ts';
import { generateQuestions } from '../../src/quiz/generateQuestions.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function knowledgeDir(errataYaml?: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'studybot-errata-'));
  dirs.push(dir);
  if (errataYaml !== undefined) await writeFile(path.join(dir, 'errata.yaml'), errataYaml);
  return dir;
}

describe('loadErrata', () => {
  it('reads no errata, and no problem, when the file is missing', async () => {
    expect(await loadErrata(await knowledgeDir())).toEqual({ errata: [] });
  });

  it('reads every item of a valid file', async () => {
    const dir = await knowledgeDir(
      [
        '- file: biology.md',
        '  says: "Humans have 48 chromosomes"',
        '  fact: "Human body cells have 46 chromosomes (23 pairs)."',
        '- file: cooking.md',
        '  says: "Velouté is made with milk"',
        '  fact: "Velouté is made with a white stock; béchamel is the one made with milk."',
      ].join('\n'),
    );
    const { errata, problem } = await loadErrata(dir);
    expect(problem).toBeUndefined();
    expect(errata.map((e) => [e.file, e.says])).toEqual([
      ['biology.md', 'Humans have 48 chromosomes'],
      ['cooking.md', 'Velouté is made with milk'],
    ]);
  });

  it('reads an empty file as no errata', async () => {
    expect(await loadErrata(await knowledgeDir('# nothing wrong yet\n'))).toEqual({ errata: [] });
  });

  it('reports YAML it cannot parse, and uses no errata', async () => {
    const { errata, problem } = await loadErrata(await knowledgeDir('- file: biology.md\n  says: "unclosed\n  fact: [\n'));
    expect(errata).toEqual([]);
    expect(problem).toMatch(/^errata\.yaml: not valid YAML: /);
  });

  it('names the bad item and its field, and uses no errata', async () => {
    const dir = await knowledgeDir(
      [
        '- file: biology.md',
        '  says: "Humans have 48 chromosomes"',
        '  fact: "Human body cells have 46 chromosomes."',
        '- file: cooking.md',
        '  fact: "Velouté is made with a white stock."',
      ].join('\n'),
    );
    const { errata, problem } = await loadErrata(dir);
    expect(errata).toEqual([]);
    expect(problem).toMatch(/^errata\.yaml: item 2: says: /);
  });

  it('reports a file that is not a list', async () => {
    const { errata, problem } = await loadErrata(await knowledgeDir('file: biology.md\nsays: "Humans have 48 chromosomes"\n'));
    expect(errata).toEqual([]);
    expect(problem).toMatch(/^errata\.yaml: item /);
  });
});

describe('erratumIn and unmatchedErrata', () => {
  const errata: Erratum[] = [{ file: 'biology.md', says: 'Humans have 48 chromosomes', fact: 'Human body cells have 46 chromosomes.' }];

  it('finds an erratum in a passage of its own file, whatever the case, emphasis or spacing', () => {
    expect(erratumIn(errata, 'biology.md', '**Humans** have  48\nchromosomes in each body cell')).toBe(errata[0]);
    expect(erratumIn(errata, 'biology.md', 'humans have 48 `chromosomes`')).toBe(errata[0]);
  });

  it('does not find it in another file or in a passage that does not repeat it', () => {
    expect(erratumIn(errata, 'genetics.md', 'Humans have 48 chromosomes')).toBeUndefined();
    expect(erratumIn(errata, 'biology.md', 'Humans have 46 chromosomes')).toBeUndefined();
  });

  it('lists errata whose words are nowhere in their file', () => {
    const texts: Record<string, string> = { 'biology.md': 'Cells\nHumans have 48 chromosomes in each body cell.' };
    const typo: Erratum = { file: 'biology.md', says: 'Humans have 84 chromosomes', fact: 'x y z' };
    const missing: Erratum = { file: 'cooking.md', says: 'Velouté is made with milk', fact: 'x y z' };
    expect(unmatchedErrata([...errata, typo, missing], (file) => texts[file])).toEqual([typo, missing]);
  });
});

describe('generateQuestions with errata', () => {
  const section = (id: string, title: string, markdown: string, extra: Partial<Section> = {}): Section => ({
    id: `biology.md#${id}`,
    file: 'biology.md',
    slug: id,
    title,
    matchTitle: title,
    headingPath: ['Cell Biology', title],
    level: 2,
    parentId: 'biology.md#cell-biology',
    startLine: 3,
    endLine: 3 + markdown.split('\n').length,
    bodyStartLine: 4,
    markdown,
    text: markdown.replace(/^- /gm, ''),
    searchable: true,
    ...extra,
  });
  const parent = section('cell-biology', 'Cell Biology', '', { headingPath: ['Cell Biology'], level: 1, parentId: null, startLine: 1 });
  const ITEMS = [
    'Mitochondria - produce ATP through cellular respiration',
    'Ribosome - assemble proteins from amino acids',
    'Golgi apparatus - packages and ships proteins to their destinations',
    'Lysosome - digests worn-out parts with its enzymes',
    'Nucleus - holds the chromosomes of the cell',
  ];
  const organelles = section('cell-organelles', 'Cell Organelles', ITEMS.map((i) => `- ${i}`).join('\n'));
  // A wrong figure: human body cells have 46 chromosomes.
  const chromosomes = section('chromosomes', 'Chromosomes', 'A human body cell has 48 chromosomes in its nucleus.', { startLine: 10, bodyStartLine: 11 });
  const kbOf = (...sections: Section[]): KnowledgeBase => ({
    dir: '/fixture',
    files: [{ file: 'biology.md', bytes: 0, sections: sections.length }],
    sections,
    byId: new Map(sections.map((s) => [s.id, s])),
    glossary: [],
    warnings: [],
  });
  const answerOf = (q: { options: string[]; answers: number[] }) => q.options[q.answers[0] ?? 0];
  const lysosomeWrong: Erratum = { file: 'biology.md', says: 'digests worn-out parts with its enzymes', fact: 'Lysosomes digest with hydrolytic enzymes.' };
  const chromosomesWrong: Erratum = { file: 'biology.md', says: 'has 48 chromosomes', fact: 'Human body cells have 46 chromosomes (23 pairs).' };

  it('asks about every term of the list and the figure when nothing is marked wrong', () => {
    const { questions } = generateQuestions(kbOf(parent, organelles, chromosomes), { generators: ['term-list', 'number'] });
    expect(questions.map(answerOf).sort()).toEqual(['48 chromosomes', 'Golgi apparatus', 'Lysosome', 'Mitochondria', 'Nucleus', 'Ribosome']);
  });

  it('rejects a generated question quoting an erratum with reason "erratum", and keeps the rest', () => {
    const { questions, rejected, rejections } = generateQuestions(kbOf(parent, organelles, chromosomes), {
      generators: ['term-list', 'number'],
      errata: [chromosomesWrong],
    });
    expect(questions.map(answerOf)).not.toContain('48 chromosomes');
    expect(questions).toHaveLength(5);
    expect(rejected.map((r) => [answerOf(r.question), r.reason])).toEqual([['48 chromosomes', 'erratum']]);
    expect(rejections).toEqual({ erratum: 1 });
  });

  it('never asks a term-list item marked wrong, nor offers it as a wrong option', () => {
    const { questions } = generateQuestions(kbOf(parent, organelles), { generators: ['term-list'], errata: [lysosomeWrong] });
    expect(questions.map(answerOf).sort()).toEqual(['Golgi apparatus', 'Mitochondria', 'Nucleus', 'Ribosome']);
    for (const q of questions) {
      expect(q.options, q.stem).not.toContain('Lysosome');
      expect(q.stem).not.toContain('digests worn-out parts');
    }
  });

  it('ignores an erratum of another file', () => {
    const elsewhere: Erratum[] = [
      { ...lysosomeWrong, file: 'cooking.md' },
      { ...chromosomesWrong, file: 'cooking.md' },
    ];
    const { questions, rejections } = generateQuestions(kbOf(parent, organelles, chromosomes), { generators: ['term-list', 'number'], errata: elsewhere });
    expect(questions).toHaveLength(6);
    expect(rejections.erratum).toBeUndefined();
  });
});
