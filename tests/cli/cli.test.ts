/** The terminal CLI, driven through `main()` with captured streams (and once through the real `bin`). */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { loadKnowledge } from '../../src/knowledge/index.ts';
import { POOL_REASONS, REJECT_REASONS } from '../../src/quiz/gate.ts';
import { type LoadedQuestionBank, loadQuestionBank } from '../../src/quiz/loadQuestionBank.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SHIPPED = path.join(ROOT, 'knowledge');
const MIXED = path.join(ROOT, 'tests/fixtures/notes/mixed-kb');

let savedEnv: NodeJS.ProcessEnv;
beforeEach(() => {
  savedEnv = { ...process.env };
  process.env.LOG_LEVEL = 'silent';
  process.env.KNOWLEDGE_DIR = SHIPPED;
  delete process.env.DISCORD_TOKEN;
});
afterEach(() => {
  process.env = savedEnv;
});

async function run(args: string[], stdin?: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, {
    out: { write: (s: string) => ((out += s), true) } as unknown as NodeJS.WritableStream,
    err: { write: (s: string) => ((err += s), true) } as unknown as NodeJS.WritableStream,
    ...(stdin !== undefined ? { in: Readable.from([stdin]) } : {}),
  });
  return { code, out, err };
}

const empty = mkdtempSync(path.join(tmpdir(), 'studybot-empty-'));
afterAll(() => rmSync(empty, { recursive: true, force: true }));

describe('studybot ask', () => {
  it('prints what /ask shows: heading path, passage, footer, the other results', async () => {
    const { code, out } = await run(['ask', 'how long can a lambda function run']);
    expect(code).toBe(0);
    expect(out).toMatch(/^## .*Lambda/m);
    expect(out).toMatch(/15 min|900/);
    expect(out).toMatch(/— .*\.md · line \d+ · result 1 of \d/);
    expect(out).toContain('See another result:');
  });

  it('--result N shows the Nth result', async () => {
    const { out } = await run(['ask', 'lambda concurrency', '--result', '2']);
    expect(out).toMatch(/result 2 of/);
  });

  it('says when the notes do not cover a query', async () => {
    const { code, out } = await run(['ask', 'kubernetes helm charts']);
    expect(code).toBe(0);
    expect(out).toContain('Not covered by the notes');
  });

  it('refuses a missing query with usage, exit 2', async () => {
    const { code, err } = await run(['ask']);
    expect(code).toBe(2);
    expect(err).toMatch(/ask needs a query/);
  });
});

describe('studybot define', () => {
  it('looks a term up both ways', async () => {
    expect((await run(['define', 'KMS'])).out).toMatch(/Key Management Service/);
    expect((await run(['define', 'key', 'management', 'service'])).out).toMatch(/\*\*KMS\*\*/);
  });
});

describe('studybot check', () => {
  it('reports files, sections per file and glossary size of the shipped notes', async () => {
    const { code, out } = await run(['check']);
    expect(code).toBe(0);
    expect(out).toMatch(/5 notes files, \d{3,} sections, \d{2,} glossary entries/);
    for (const f of ['developer-associate-guide.md', 'serverless-identity-security.md', 'solutions-architect-professional.md']) {
      expect(out).toMatch(new RegExp(`${f.replace('.', '\\.')}: \\d+ sections`));
    }
  });

  it('names each skipped file and the reason, and still loads the rest', async () => {
    process.env.KNOWLEDGE_DIR = MIXED;
    const { out } = await run(['check']);
    expect(out).toMatch(/\[warning\] .*binary/i);
    expect(out).toMatch(/\[warning\] .*(UTF-8|undecodable)/i);
    expect(out).toMatch(/[1-9]\d* notes files/);
  });

  it('warns clearly about an empty knowledge folder; lookups say the knowledge base is empty', async () => {
    process.env.KNOWLEDGE_DIR = empty;
    const check = await run(['check']);
    expect(check.out).toMatch(/0 notes files/);
    expect(check.out).toMatch(/empty-knowledge/);
    expect((await run(['ask', 's3'])).out).toContain('The knowledge base is empty');
  });
});

describe('studybot search --jsonl', () => {
  it('writes one JSON line per query with the top 5, and [] when the notes do not cover it', async () => {
    const { code, out } = await run(['search', '--jsonl'], 'sqs visibility timeout\n\nkubernetes helm charts\n');
    expect(code).toBe(0);
    const lines = out.trim().split('\n').map((l) => JSON.parse(l) as { query: string; results: Array<Record<string, unknown>> });
    expect(lines.map((l) => l.query)).toEqual(['sqs visibility timeout', 'kubernetes helm charts']);
    expect(lines[0]!.results.length).toBeGreaterThan(0);
    expect(lines[0]!.results.length).toBeLessThanOrEqual(5);
    expect(Object.keys(lines[0]!.results[0]!).sort()).toEqual(['file', 'score', 'text', 'title']);
    expect(String(lines[0]!.results[0]!.title)).toContain(' › ');
    expect(lines[1]!.results).toEqual([]);
  });
});

describe('the studybot binary', () => {
  it('runs with no build step; bad configuration exits 2 naming every variable', () => {
    const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/studybot.js'), 'start'], {
      cwd: empty,
      env: { PATH: process.env.PATH, DATABASE_URL: 'mysql://nope', LOG_LEVEL: 'loud' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/DATABASE_URL: /);
    expect(result.stderr).toMatch(/LOG_LEVEL: /);
    expect(result.stderr).toMatch(/DISCORD_TOKEN: required/);
  });
});

describe('studybot questions', () => {
  it('--json prints an array of questions in the schema shape; curated ones say so', async () => {
    const { code, out } = await run(['questions', '--kind', 'curated', '--json']);
    expect(code).toBe(0);
    const list = JSON.parse(out) as Array<Record<string, unknown>>;
    expect(list.length).toBeGreaterThanOrEqual(60);
    const { QuestionSchema } = await import('../../src/quiz/schema.ts');
    for (const q of list) {
      expect(QuestionSchema.safeParse(q).success).toBe(true);
      expect(q.kind).toBe('curated');
      expect(Object.keys(q.source as object).sort()).toEqual(['file', 'headingPath', 'line']);
    }
  });

  it('--sample filters by kind and file, and prints each question as a reader checks it', async () => {
    const a = await run(['questions', '--sample', '5', '--seed', 's1', '--kind', 'curated', '--file', 'developer-associate-exam-notes.md']);
    expect(a.out.match(/^\d+\. \[curated\]/gm)).toHaveLength(5);
    expect(a.out).toMatch(/Source: developer-associate-exam-notes\.md:\d+/);
    expect(a.out).toMatch(/✔ [A-F]\)/);
    expect(a.out).toMatch(/^5 of \d+ questions in the pool$/m);
    // Generated questions show their quality score, and --all shows why one was left out.
    const b = await run(['questions', '--all', '--sample', '3', '--seed', 's1', '--kind', 'number']);
    expect(b.out).toMatch(/· quality 0\.\d+/);
  }, 60_000);

  it('rejects an unknown kind', async () => {
    const { code, err } = await run(['questions', '--kind', 'riddles']);
    expect(code).toBe(2);
    expect(err).toMatch(/--kind must be one of: curated, glossary/);
  });
});

describe('studybot check: the question bank', () => {
  it('reports the pool of the shipped notes: curated and generated counts, per generator and file, and counts per gate and pool check', async () => {
    const { out } = await run(['check']);
    expect(out).toMatch(/Question pool \(what the daily quiz and practice draw from\): \d+ questions \(\d+ curated, \d+ generated\)/);
    expect(out).toMatch(/generated per generator: .*term-list \d+/);
    expect(out).toMatch(/generated per notes file: .*developer-associate-exam-notes\.md \d+/);
    expect(out).toMatch(/turned away by the quality gate, per check: .*erratum \d+/);
    expect(out).toMatch(/left out of the pool, per check: .*gives-away \d+/);
    expect(out).toMatch(/errata: \d+ statement\(s\) of the notes marked wrong/);
  }, 60_000);
});

/**
 * A small knowledge folder whose pool is known: a curated question whose stem names "ribosomes" (so the generated
 * Ribosome question is left out as a give-away) and an erratum on the chromosome count (so the gate turns the
 * fill-in-the-blank question about it away).
 */
const CELLS_MD = `# Cell Biology

## Cell Organelles

- Mitochondria - organelle that produces ATP through cellular respiration
- Ribosome - organelle that assembles proteins from amino acids
- Golgi - organelle that packages and ships proteins to their destinations
- Lysosome - organelle that digests worn-out parts with its enzymes
- Nucleus - organelle that holds the genetic material of the cell

## Chromosomes

A human body cell has 48 chromosomes in its nucleus.
`;
const CELLS_YAML = `- stem: "Proteins made by ribosomes are packaged and shipped by which organelle?"
  options: ["Golgi apparatus", "Lysosome", "Vacuole", "Centriole"]
  answer: A
  explanation: "The notes: the Golgi apparatus packages and ships proteins to their destinations."
  source: { file: cells.md, heading: "Cell Biology › Cell Organelles" }
`;
const CELLS_ERRATA = `- file: cells.md
  says: "has 48 chromosomes"
  fact: "Human body cells have 46 chromosomes (23 pairs)."
`;

type Listed = { id: string; stem: string; kind: string; options: string[]; answers: number[]; leftOut?: { reason: string; by?: string } };
const keyOf = (q: Listed) => q.options[q.answers[0] ?? 0];

describe('studybot questions and check on a knowledge folder with a known pool', () => {
  let dir: string;
  let loaded: LoadedQuestionBank;
  let curatedId: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'studybot-pool-'));
    mkdirSync(path.join(dir, 'notes'));
    mkdirSync(path.join(dir, 'questions'));
    writeFileSync(path.join(dir, 'notes', 'cells.md'), CELLS_MD);
    writeFileSync(path.join(dir, 'questions', 'cells.yaml'), CELLS_YAML);
    writeFileSync(path.join(dir, 'errata.yaml'), CELLS_ERRATA);
    loaded = await loadQuestionBank(await loadKnowledge(dir), dir);
    curatedId = loaded.bank.questions.find((q) => q.kind === 'curated')?.id ?? '';
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => {
    process.env.KNOWLEDGE_DIR = dir;
  });

  const json = async (args: string[]): Promise<Listed[]> => {
    const { code, out } = await run(['questions', '--json', ...args]);
    expect(code).toBe(0);
    return JSON.parse(out) as Listed[];
  };

  it('the folder has what the tests rely on: a curated question, a give-away and an erratum', () => {
    expect(curatedId).not.toBe('');
    expect(loaded.bank.dropped.map((d) => [keyOf(d.question as Listed), d.reason, d.by])).toContainEqual(['Ribosome', 'gives-away', curatedId]);
    expect(loaded.generated.rejected.map((r) => [keyOf(r.question as Listed), r.reason])).toContainEqual(['48 chromosomes', 'erratum']);
  });

  it('--json prints exactly the pool, in its order, and nothing that was left out', async () => {
    const printed = await json([]);
    expect(printed).toEqual(JSON.parse(JSON.stringify(loaded.bank.questions)));
    expect(printed[0]?.id).toBe(curatedId);
    expect(printed.some((q) => q.leftOut !== undefined)).toBe(false);
    expect(printed.map(keyOf)).not.toContain('Ribosome');
    expect(printed.map(keyOf)).not.toContain('48 chromosomes');
  });

  it('--all adds, after the pool, everything left out, each with the check that left it out', async () => {
    const all = await json(['--all']);
    const pool = JSON.parse(JSON.stringify(loaded.bank.questions)) as Listed[];
    expect(all.slice(0, pool.length)).toEqual(pool);
    const left = all.slice(pool.length);
    expect(left.length).toBe(loaded.bank.dropped.length + loaded.generated.rejected.length);
    const reasons: readonly string[] = [...REJECT_REASONS, ...POOL_REASONS];
    const poolIds = new Set(pool.map((q) => q.id));
    for (const q of left) {
      expect(reasons).toContain(q.leftOut?.reason);
      if (q.leftOut?.by !== undefined) expect(poolIds.has(q.leftOut.by), q.leftOut.by).toBe(true);
    }
    expect(left.find((q) => keyOf(q) === 'Ribosome')?.leftOut).toEqual({ reason: 'gives-away', by: curatedId });
    expect(left.find((q) => keyOf(q) === '48 chromosomes')?.leftOut).toEqual({ reason: 'erratum' });
  });

  it('--seed only chooses the sample: every seed lists the same pool, and a seed repeats its sample', async () => {
    const pool = JSON.parse(JSON.stringify(loaded.bank.questions)) as Listed[];
    expect(await json(['--seed', 'a'])).toEqual(pool);
    expect(await json(['--seed', 'b'])).toEqual(pool);
    const sample = await json(['--sample', '2', '--seed', 'a']);
    expect(sample).toHaveLength(2);
    for (const q of sample) expect(pool.map((p) => p.id)).toContain(q.id);
    expect(await json(['--sample', '2', '--seed', 'a'])).toEqual(sample);
    const others = await Promise.all(['b', 'c', 'd', 'e'].map((seed) => json(['--sample', '2', '--seed', seed])));
    expect(others.some((o) => o.map((q) => q.id).join() !== sample.map((q) => q.id).join())).toBe(true);
  });

  it('check prints the pool, what the gate turned away and what the pool left out, per check', async () => {
    const { code, out } = await run(['check']);
    expect(code).toBe(0);
    const pool = loaded.bank.questions;
    const curated = pool.filter((q) => q.kind === 'curated').length;
    expect(out).toContain(
      `Question pool (what the daily quiz and practice draw from): ${pool.length} questions (${curated} curated, ${pool.length - curated} generated)`,
    );
    expect(out).toMatch(/turned away by the quality gate, per check: (.*, )?erratum 1(,|$)/m);
    const gives = loaded.bank.dropped.filter((d) => d.reason === 'gives-away').length;
    expect(out).toMatch(new RegExp(`left out of the pool, per check: (.*, )?gives-away ${gives}(,|$)`, 'm'));
    expect(out).toMatch(/errata: 1 statement\(s\) of the notes marked wrong; no generated question quotes them/);
  });
});

describe('studybot check: bad curated questions', () => {
  it('lists every invalid curated item and exits 1', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'studybot-bad-questions-'));
    try {
      const { mkdirSync, writeFileSync } = await import('node:fs');
      mkdirSync(path.join(dir, 'notes'));
      mkdirSync(path.join(dir, 'questions'));
      writeFileSync(path.join(dir, 'notes', 'sqs.md'), '# SQS\n\n## Limits\n\nMessages are at most 256 KB.\n');
      writeFileSync(
        path.join(dir, 'questions', 'bad.yaml'),
        [
          '- stem: "What is the largest SQS message?"',
          '  options: ["256 KB"]',
          '  answer: A',
          '  explanation: "The notes say 256 KB."',
          '  source: { file: sqs.md, heading: "SQS › Limits" }',
          '- stem: "Where is this?"',
          '  options: ["a", "b"]',
          '  answer: A',
          '  explanation: "x"',
          '  source: { file: sqs.md, heading: "SQS › Nowhere" }',
        ].join('\n'),
      );
      process.env.KNOWLEDGE_DIR = dir;
      const { code, out } = await run(['check']);
      expect(code).toBe(1);
      expect(out).toMatch(/error bad\.yaml:\d+ item 1 .*options/);
      expect(out).toMatch(/error bad\.yaml:\d+ item 2 .*no section "SQS › Nowhere"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('failures a person can fix get one readable line', () => {
  const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GAbCdE.abcdefghijklmnopqrstuvwxyz0123456789AB';

  it('register against an unreachable Discord: exit 1, the cause and what to check, no stack, no token', async () => {
    process.env.DISCORD_TOKEN = TOKEN;
    process.env.DISCORD_API_URL = 'http://127.0.0.1:9/api';
    delete process.env.LOG_LEVEL;
    const { code, err } = await run(['register', '--guild', '123456789012345678']);
    expect(code).toBe(1);
    expect(err).toMatch(/^studybot register: could not connect \(ECONNREFUSED\).*DISCORD_API_URL/);
    expect(err).not.toMatch(/\n\s+at /);
    expect(err).not.toContain(TOKEN);
  });

  it('start with a SQLite path that cannot be created names the path and the variable', async () => {
    process.env.DISCORD_TOKEN = TOKEN;
    process.env.DATABASE_URL = 'sqlite:/dev/null/studybot.sqlite';
    const { code, err } = await run(['start']);
    expect(code).toBe(1);
    expect(err).toMatch(/cannot open the SQLite database \/dev\/null\/studybot\.sqlite: .*DATABASE_URL/);
  });

  it('explains a refused token', async () => {
    const { explainFailure } = await import('../../src/cli.ts');
    const refused = Object.assign(new Error('An invalid token was provided.'), { code: 'TokenInvalid' });
    expect(explainFailure(refused)).toMatch(/Discord refused the token .*DISCORD_TOKEN/);
  });
});
