import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/knowledge/types.ts';
import { loadCuratedQuestions } from '../../src/quiz/curated/loadCurated.ts';
import type { QuestionProblem } from '../../src/quiz/curated/problems.ts';
import { QuestionSchema, textHash } from '../../src/quiz/schema.ts';
import { miniKnowledge } from '../fixtures/questions/knowledge.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** Writes the given question files into a fresh folder and returns its path. */
async function bankDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'curated-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}

const GOOD_LIMITS = `
- stem: What is the maximum execution time of a Lambda function?
  options: [5 minutes, 15 minutes, 1 hour]
  answer: B
  explanation: The notes give 900 seconds (15 minutes).
  source: { file: mini.md, heading: "🚀 Lambda › ⚙️ Limits" }
`;

const errorsOf = (problems: QuestionProblem[]): QuestionProblem[] => problems.filter((p) => p.severity === 'error');

let kb: KnowledgeBase;
async function knowledge(): Promise<KnowledgeBase> {
  kb ??= await miniKnowledge();
  return kb;
}

describe('loadCuratedQuestions: valid items become canonical questions', () => {
  it('converts letters, heading strings and defaults into a Question', async () => {
    const dir = await bankDir({ 'lambda.yaml': GOOD_LIMITS });
    const { questions, problems } = await loadCuratedQuestions(dir, await knowledge());
    expect(problems).toEqual([]);
    expect(questions).toHaveLength(1);
    const q = questions[0]!;
    expect(QuestionSchema.parse(q)).toEqual(q);
    const section = (await knowledge()).sections.find((s) => s.title === '⚙️ Limits')!;
    expect(q).toMatchObject({
      answers: [1],
      kind: 'curated',
      topic: '🚀 Lambda',
      source: { file: 'mini.md', headingPath: ['🚀 Lambda', '⚙️ Limits'], line: section.startLine },
      sourceHash: textHash(section.text),
    });
    expect(q.id).toMatch(/^q_[0-9a-f]{16}$/);
  });

  it('accepts option text as the answer, lists for multiple response, heading lists, matchTitle and explicit id/line/topic', async () => {
    const dir = await bankDir({
      'mixed.yaml': `
- id: lambda-limits-two
  stem: Which TWO are Lambda limits in the notes?
  options: [10 GB memory, 900 seconds timeout, 64 vCPUs, 1 TB /tmp]
  answer: [A, "900 seconds timeout"]
  explanation: Memory up to 10 GB and 900 seconds.
  topic: Serverless
  source: { file: mini.md, heading: [lambda, limits], line: 8 }
`,
    });
    const { questions, problems } = await loadCuratedQuestions(dir, await knowledge());
    expect(problems).toEqual([]);
    expect(questions[0]).toMatchObject({
      id: 'lambda-limits-two',
      answers: [0, 1],
      topic: 'Serverless',
      source: { headingPath: ['🚀 Lambda', '⚙️ Limits'], line: 8 },
    });
  });

  it('loads JSON files too, and works without a knowledge base (no hash, line 1)', async () => {
    const item = {
      stem: 'How long is the default visibility timeout?',
      options: ['30 seconds', '12 hours'],
      answer: 'A',
      explanation: '30 seconds by default.',
      source: { file: 'mini.md', heading: 'SQS › Visibility Timeout' },
    };
    const dir = await bankDir({ 'sqs.json': JSON.stringify([item], null, 2), 'schema.json': '{"not": "questions"}' });
    const { questions, problems } = await loadCuratedQuestions(dir);
    expect(problems).toEqual([]);
    expect(questions).toHaveLength(1);
    expect(questions[0]).toMatchObject({ sourceHash: '', topic: 'SQS', source: { line: 1, headingPath: ['SQS', 'Visibility Timeout'] } });
  });
});

describe('loadCuratedQuestions: bad items are reported and skipped, the rest load', () => {
  it('reports a missing field with file, index and field', async () => {
    const dir = await bankDir({
      'a.yaml': `${GOOD_LIMITS}
- id: no-explanation
  stem: What is Lambda?
  options: [Serverless compute, A database]
  answer: A
  source: { file: mini.md, heading: 🚀 Lambda }
`,
    });
    const { questions, problems } = await loadCuratedQuestions(dir, await knowledge());
    expect(questions).toHaveLength(1);
    expect(problems).toEqual([
      expect.objectContaining({ file: 'a.yaml', index: 1, id: 'no-explanation', field: 'explanation', message: 'is required', severity: 'error', line: 8 }),
    ]);
  });

  it.each([
    ['one option', '[Only]', 1],
    ['seven options', '[a, b, c, d, e, f, g]', 7],
  ])('rejects %s', async (_name, options, count) => {
    const dir = await bankDir({
      'b.yaml': `- stem: Pick one
  options: ${options}
  answer: A
  explanation: Because.
  source: { file: mini.md, heading: 🚀 Lambda }
${GOOD_LIMITS}`,
    });
    const { questions, problems } = await loadCuratedQuestions(dir, await knowledge());
    expect(questions).toHaveLength(1);
    expect(errorsOf(problems)).toEqual([
      expect.objectContaining({ file: 'b.yaml', index: 0, field: 'options', message: `needs 2 to 6 options, got ${count}`, line: 2 }),
    ]);
  });

  it('rejects an answer letter beyond the options', async () => {
    const dir = await bankDir({
      'c.yaml': `- stem: Pick one
  options: [x, y, z]
  answer: [A, D]
  explanation: Because.
  source: { file: mini.md, heading: 🚀 Lambda }
`,
    });
    const { questions, problems } = await loadCuratedQuestions(dir, await knowledge());
    expect(questions).toEqual([]);
    expect(problems).toEqual([
      expect.objectContaining({ index: 0, field: 'answer', message: 'answer D is out of range: there are 3 options (A–C)', line: 3 }),
    ]);
  });

  it('rejects an answer text that is not an option, and all options marked correct', async () => {
    const dir = await bankDir({
      'd.yaml': `- stem: Pick one
  options: [x, y]
  answer: w
  explanation: Because.
  source: { file: mini.md, heading: 🚀 Lambda }
- stem: Pick two
  options: [x, y]
  answer: [A, B]
  explanation: Because.
  source: { file: mini.md, heading: 🚀 Lambda }
`,
    });
    const { problems } = await loadCuratedQuestions(dir);
    expect(problems.map((p) => [p.index, p.field, p.message])).toEqual([
      [0, 'answer', 'answer "w" is neither a letter A–F nor the text of an option'],
      [1, 'answer', 'every option is marked correct; at least one must be wrong'],
    ]);
  });

  it('names misspelt fields', async () => {
    const dir = await bankDir({
      'e.yaml': `- stem: Pick one
  options: [x, y]
  answers: A
  explanation: Because.
  source: { file: mini.md, heading: 🚀 Lambda }
`,
    });
    const { problems } = await loadCuratedQuestions(dir);
    expect(problems.map((p) => [p.field, p.message])).toEqual(
      expect.arrayContaining([
        ['answer', 'is required'],
        ['answers', 'unknown field "answers"'],
      ]),
    );
  });

  it('reports duplicate ids naming both places, and keeps the first', async () => {
    const dir = await bankDir({ 'one.yaml': GOOD_LIMITS, 'two.yaml': `\n\n${GOOD_LIMITS}` });
    const { questions, problems } = await loadCuratedQuestions(dir, await knowledge());
    expect(questions).toHaveLength(1);
    expect(problems).toHaveLength(1);
    const [dup] = problems;
    expect(dup).toMatchObject({ file: 'two.yaml', index: 0, field: 'id', severity: 'error', line: 4, id: questions[0]!.id });
    expect(dup!.message).toContain('one.yaml item 1 (line 2)');
  });

  it('reports a YAML syntax error with file and line, and still loads other files', async () => {
    const dir = await bankDir({
      'broken.yaml': `- stem: Pick one
  options: [x, y
  answer: A
`,
      'good.yaml': GOOD_LIMITS,
    });
    const { questions, problems } = await loadCuratedQuestions(dir, await knowledge());
    expect(questions).toHaveLength(1);
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(p).toMatchObject({ file: 'broken.yaml', index: null, severity: 'error' });
    expect(problems[0]!.message).toMatch(/^syntax error/);
    expect(problems[0]!.line).toBeGreaterThanOrEqual(2);
  });

  it('rejects an item that is not a mapping', async () => {
    const dir = await bankDir({ 'scalar.yaml': `- just a string\n${GOOD_LIMITS}` });
    const { questions, problems } = await loadCuratedQuestions(dir, await knowledge());
    expect(questions).toHaveLength(1);
    expect(problems).toEqual([
      expect.objectContaining({ index: 0, line: 1, message: 'expected a question (a mapping with stem, options, answer…)' }),
    ]);
    expect(problems[0]).not.toHaveProperty('field');
  });

  it('rejects a file whose top level is not a list', async () => {
    const dir = await bankDir({ 'map.yaml': 'stem: Pick one\n' });
    const { problems } = await loadCuratedQuestions(dir);
    expect(problems).toEqual([expect.objectContaining({ file: 'map.yaml', index: null, message: 'expected a list of questions at the top level' })]);
  });

  it('reports a source heading that is no section of the notes, with a suggestion', async () => {
    const dir = await bankDir({
      'f.yaml': `- stem: Pick one
  options: [x, y]
  answer: A
  explanation: Because.
  source: { file: mini.md, heading: "SQS › Limits" }
- stem: Pick two
  options: [x, y]
  answer: A
  explanation: Because.
  source: { file: nope.md, heading: "SQS" }
`,
    });
    const { questions, problems } = await loadCuratedQuestions(dir, await knowledge());
    expect(questions).toEqual([]);
    expect(problems).toEqual([
      expect.objectContaining({
        index: 0,
        field: 'source.heading',
        line: 5,
        message: 'no section "SQS › Limits" in mini.md; did you mean "🚀 Lambda › ⚙️ Limits"?',
      }),
      expect.objectContaining({ index: 1, field: 'source.file', message: expect.stringContaining('no notes file "nope.md"') }),
    ]);
  });

  it('warns (and keeps the question) when an explicit line lies outside the section', async () => {
    const dir = await bankDir({
      'g.yaml': GOOD_LIMITS.replace('⚙️ Limits" }', '⚙️ Limits", line: 17 }'),
    });
    const { questions, problems } = await loadCuratedQuestions(dir, await knowledge());
    expect(questions).toHaveLength(1);
    expect(problems).toEqual([expect.objectContaining({ severity: 'warning', field: 'source.line' })]);
  });

  it('treats a missing folder as normal: a notice, not a problem', async () => {
    const dir = path.join(tmpdir(), 'no-such-questions-dir');
    const { questions, problems, notices } = await loadCuratedQuestions(dir);
    expect(questions).toEqual([]);
    expect(problems).toEqual([]);
    expect(notices).toEqual([expect.stringContaining(`No curated questions: ${dir} does not exist`)]);
  });
});

describe('loadCuratedQuestions: ids are stable', () => {
  it('gives the same id to the same content across reloads and a new id after an edit', async () => {
    const dir = await bankDir({ 'lambda.yaml': GOOD_LIMITS });
    const first = await loadCuratedQuestions(dir, await knowledge());
    const again = await loadCuratedQuestions(dir, await knowledge());
    expect(again.questions.map((q) => q.id)).toEqual(first.questions.map((q) => q.id));

    // Reformatting the YAML (flow → block style) does not change the content, so not the id either.
    const reformatted = GOOD_LIMITS.replace('options: [5 minutes, 15 minutes, 1 hour]', 'options:\n    - 5 minutes\n    - 15 minutes\n    - 1 hour');
    await writeFile(path.join(dir, 'lambda.yaml'), reformatted);
    expect((await loadCuratedQuestions(dir, await knowledge())).questions[0]!.id).toBe(first.questions[0]!.id);

    await writeFile(path.join(dir, 'lambda.yaml'), GOOD_LIMITS.replace('1 hour', '2 hours'));
    const edited = await loadCuratedQuestions(dir, await knowledge());
    expect(edited.questions[0]!.id).not.toBe(first.questions[0]!.id);
  });
});
