import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/index.ts';
import { buildQuestionBank, findStaleQuestions } from '../../src/quiz/bank.ts';
import { loadCuratedQuestions } from '../../src/quiz/curated/loadCurated.ts';
import { formatProblem } from '../../src/quiz/curated/problems.ts';
import { questionId } from '../../src/quiz/schema.ts';
import type { Question } from '../../src/quiz/schema.ts';
import { MINI_KNOWLEDGE_DIR } from '../fixtures/questions/knowledge.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

function question(stem: string, kind: string, topic = 'SQS'): Question {
  const base = { stem, options: ['yes', 'no'], answers: [0] };
  return {
    ...base,
    id: questionId(base),
    explanation: 'because',
    source: { file: 'mini.md', headingPath: [topic], line: 1 },
    topic,
    kind,
    sourceHash: '',
  };
}

describe('buildQuestionBank: curated and generated questions combined', () => {
  it('keeps curated questions first, drops a repeated id, one fact asked twice and a question another gives away', () => {
    const curated = [question('Is SQS a queue?', 'curated'), question('Is Lambda serverless?', 'curated', 'Lambda')];
    const generated = [
      { ...question('Is SQS a queue?', 'glossary'), quality: 0.9, fact: 'f1' },
      { ...question('Does SQS keep messages 4 days by default?', 'number'), id: 'q_a', quality: 0.9, fact: 'f2' },
      { ...question('By default, does SQS keep messages 4 days?', 'number'), id: 'q_b', quality: 0.8, fact: 'f2' },
      { ...question('Which answer is Yes in this stem?', 'term-list'), id: 'q_c', quality: 0.7, fact: 'f3' },
      { ...question('Is SQS pull-based?', 'siblings'), id: 'q_d', quality: 0.2, fact: 'f4' },
    ];
    const bank = buildQuestionBank(curated, generated);
    expect(bank.questions.map((q) => [q.stem, q.kind])).toEqual([
      ['Is SQS a queue?', 'curated'],
      ['Is Lambda serverless?', 'curated'],
      ['Does SQS keep messages 4 days by default?', 'number'],
    ]);
    expect(bank.dropped.map((d) => [d.question.id, d.reason, d.by])).toEqual([
      ['q_b', 'duplicate-fact', 'q_a'],
      ['q_c', 'gives-away', curated[0]!.id],
      ['q_d', 'low-quality', undefined],
    ]);
    for (const id of ['q_b', 'q_c', 'q_d']) expect(bank.byId.has(id), id).toBe(false);
    expect(bank.byId.get('q_a')?.kind).toBe('number');
    expect(bank.byId.get(curated[0]!.id)?.kind).toBe('curated');
    expect(bank.byTopic.get('SQS')?.length).toBe(2);
    expect(bank.byTopic.get('Lambda')?.length).toBe(1);
  });
});

describe('findStaleQuestions: flags questions whose notes section changed or vanished', () => {
  it('reports section-changed after an edit and section-missing after a heading is removed', async () => {
    const knowledgeDir = await mkdtemp(path.join(tmpdir(), 'curated-kb-'));
    dirs.push(knowledgeDir);
    await cp(path.join(MINI_KNOWLEDGE_DIR, 'notes'), path.join(knowledgeDir, 'notes'), { recursive: true });
    const questionsDir = path.join(knowledgeDir, 'questions');
    await mkdir(questionsDir);
    await writeFile(
      path.join(questionsDir, 'bank.yaml'),
      `- stem: Max Lambda run time?
  options: [15 minutes, 1 hour]
  answer: A
  explanation: 900 seconds.
  source: { file: mini.md, heading: "🚀 Lambda › ⚙️ Limits" }
- stem: Default visibility timeout?
  options: [30 seconds, 5 minutes]
  answer: 30 seconds
  explanation: 30 seconds by default.
  source: { file: mini.md, heading: "SQS › Visibility Timeout" }
`,
    );
    const loaded = await loadCuratedQuestions(questionsDir, await loadKnowledge(knowledgeDir));
    expect(loaded.problems.map(formatProblem)).toEqual([]);
    expect(findStaleQuestions(loaded.questions, await loadKnowledge(knowledgeDir))).toEqual([]);

    const notes = path.join(knowledgeDir, 'notes', 'mini.md');
    const original = await readFile(notes, 'utf8');
    await writeFile(notes, original.replace('900 seconds (15 minutes)', '600 seconds (10 minutes)'));
    const [limits, visibility] = loaded.questions;
    expect(findStaleQuestions(loaded.questions, await loadKnowledge(knowledgeDir))).toEqual([
      { question: limits, reason: 'section-changed' },
    ]);

    await writeFile(notes, original.replace('## Visibility Timeout', '## Retention'));
    expect(findStaleQuestions(loaded.questions, await loadKnowledge(knowledgeDir))).toEqual([
      { question: visibility, reason: 'section-missing' },
    ]);
  });
});
