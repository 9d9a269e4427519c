import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import lunr from 'lunr';
import MiniSearch from 'minisearch';
import { loadKnowledge } from '../src/knowledge/index.ts';
import type { Section } from '../src/knowledge/types.ts';
import { buildSearchEngine } from '../src/search/index.ts';
import { loadQuerySet, scoreQuerySet, type QuerySetScore, type RankerAnswer } from '../src/search/querySet.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const KNOWLEDGE_DIR = path.join(ROOT, 'knowledge');
const QUERY_FILE = path.join(ROOT, 'tests', 'fixtures', 'queries.json');
const ROUNDS = 20;
const TOP = 5;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)] as number;
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

function heapMb(): number {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

interface Row {
  name: string;
  buildMs: number;
  /** CPU time of the build: on a shared, loaded machine wall time also counts waiting for a core. */
  buildCpuMs: number;
  heapMb: number | null;
  p50: number;
  p99: number;
  cpuP50: number;
  cpuP99: number;
  /** 99th percentile over queries of each query's median time. */
  medianP99: number;
  coldP99: number;
  score: QuerySetScore;
  covered: QuerySetScore;
}

/** Times `build` and the query set over ROUNDS warm rounds (after one cold round), and scores the answers. */
function measure(name: string, build: () => (q: string) => RankerAnswer, queries: ReturnType<typeof loadQuerySet>): Row {
  const before = heapMb();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const rank = build();
  const buildCpuMs = cpuMs(process.cpuUsage(c0));
  const buildMs = performance.now() - t0;
  const heap = globalThis.gc ? heapMb() - before : null;

  const cold: number[] = [];
  for (const c of queries) {
    const t = performance.now();
    rank(c.query);
    cold.push(performance.now() - t);
  }
  const warm: number[] = [];
  const cpu: number[] = [];
  const perQuery: number[][] = queries.map(() => []);
  for (let r = 0; r < ROUNDS; r++) {
    queries.forEach((c, i) => {
      const t = performance.now();
      const u = process.cpuUsage();
      rank(c.query);
      cpu.push(cpuMs(process.cpuUsage(u)));
      const ms = performance.now() - t;
      warm.push(ms);
      perQuery[i]?.push(ms);
    });
  }
  // each query's median over the rounds filters out moments the process was waiting for a core
  const medians = perQuery.map((times) => percentile([...times].sort((a, b) => a - b), 50));
  for (const list of [warm, cold, cpu, medians]) list.sort((a, b) => a - b);
  const score = scoreQuerySet(queries, rank);
  const covered = scoreQuerySet(
    queries.filter((q) => q.expect === 'results'),
    rank,
  );
  return {
    name,
    buildMs,
    buildCpuMs,
    heapMb: heap,
    p50: percentile(warm, 50),
    p99: percentile(warm, 99),
    cpuP50: percentile(cpu, 50),
    cpuP99: percentile(cpu, 99),
    medianP99: percentile(medians, 99),
    coldP99: percentile(cold, 99),
    score,
    covered,
  };
}

function minisearchRanker(sections: readonly Section[]): (q: string) => RankerAnswer {
  const docs = sections.map((s, id) => ({ id, title: s.title, headings: s.headingPath.slice(0, -1).join(' '), body: s.text }));
  const ms = new MiniSearch({ fields: ['title', 'headings', 'body'], storeFields: [] });
  ms.addAll(docs);
  return (q) => {
    const hits = ms.search(q, { boost: { title: 2, headings: 1.5 }, fuzzy: 0.2, prefix: true });
    return { notCovered: false, sections: hits.slice(0, TOP).map((h) => sections[h.id as number] as Section) };
  };
}

function lunrRanker(sections: readonly Section[]): (q: string) => RankerAnswer {
  const idx = lunr(function build() {
    this.ref('id');
    this.field('title', { boost: 2 });
    this.field('headings', { boost: 1.5 });
    this.field('body');
    sections.forEach((s, id) => this.add({ id: String(id), title: s.title, headings: s.headingPath.slice(0, -1).join(' '), body: s.text }));
  });
  return (q) => {
    // lunr's query syntax throws on "lambda@edge:"-style input; build the default OR query from its own tokenizer
    const tokens = lunr.tokenizer(q).map((t) => t.toString());
    const hits = idx.query((query) => {
      for (const token of tokens) query.term(token, {});
    });
    return { notCovered: false, sections: hits.slice(0, TOP).map((h) => sections[Number(h.ref)] as Section) };
  };
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/** Build time, heap, latency and answer quality for studybot's FlexSearch engine next to MiniSearch and lunr. */
export async function runSearchBench(): Promise<void> {
  const kb = await loadKnowledge(KNOWLEDGE_DIR);
  const queries = loadQuerySet(QUERY_FILE);
  const searchable = kb.sections.filter((s) => s.searchable);
  console.log(`search bench: ${kb.files.length} files, ${searchable.length} searchable sections, ${queries.length} queries`);
  if (!globalThis.gc) console.log('(heap not measured: run with node --expose-gc)');

  const rows: Row[] = [
    measure(
      'studybot (FlexSearch)',
      () => {
        const engine = buildSearchEngine(kb);
        return (q) => {
          const outcome = engine.search(q, { limit: TOP });
          if (outcome.kind === 'results') return { notCovered: false, sections: outcome.results.map((r) => r.section) };
          return { notCovered: true };
        };
      },
      queries,
    ),
    measure('MiniSearch', () => minisearchRanker(searchable), queries),
    measure('lunr', () => lunrRanker(searchable), queries),
  ];

  const [load1] = os.loadavg();
  console.log(`\nload average ${load1?.toFixed(1)} on ${os.cpus().length} cores; wall times include waiting for a core, cpu times do not`);
  console.log(
    'engine                 build ms (cpu)   heap MB   p50 ms (cpu)     p99 ms (cpu)     p99 of medians  cold p99   hit@1   hit@3   MRR   | answerable hit@3',
  );
  for (const r of rows) {
    console.log(
      [
        r.name.padEnd(22),
        `${r.buildMs.toFixed(0).padStart(6)} (${r.buildCpuMs.toFixed(0).padStart(4)})`,
        (r.heapMb === null ? 'n/a' : r.heapMb.toFixed(1)).padStart(9),
        `${r.p50.toFixed(3).padStart(7)} (${r.cpuP50.toFixed(3)})`,
        `${r.p99.toFixed(3).padStart(8)} (${r.cpuP99.toFixed(3)})`,
        r.medianP99.toFixed(3).padStart(12),
        r.coldP99.toFixed(2).padStart(9),
        pct(r.score.hit1).padStart(7),
        pct(r.score.hit3).padStart(7),
        r.score.mrr.toFixed(3).padStart(6),
        `  | ${pct(r.covered.hit3)}`,
      ].join(' '),
    );
  }
  const ours = rows[0] as Row;
  const missed = ours.score.outcomes.filter((o) => o.rank === null || o.rank > 3);
  if (missed.length > 0) {
    console.log(`\nstudybot misses at 3 (${missed.length}):`);
    for (const o of missed) {
      const got = o.answer.notCovered ? 'not-covered' : o.answer.sections.slice(0, 3).map((s) => s.headingPath.at(-1)).join(' | ');
      console.log(`  ${o.case.id} [${o.case.kind}] "${o.case.query}" → ${got}`);
    }
  }
  const targets = [
    ['hit@3 ≥ 0.92', ours.score.hit3 >= 0.92],
    ['hit@3 above MiniSearch and lunr', rows.slice(1).every((r) => ours.score.hit3 > r.score.hit3)],
    ['p99 ≤ 2 ms', ours.p99 <= 2],
    ['p99 cpu ≤ 2 ms', ours.cpuP99 <= 2],
    ['p99 of medians ≤ 2 ms', ours.medianP99 <= 2],
    ['build ≤ 300 ms', ours.buildMs <= 300],
    ['build cpu ≤ 300 ms', ours.buildCpuMs <= 300],
  ] as const;
  console.log(`\ntargets: ${targets.map(([name, ok]) => `${ok ? '✓' : '✗'} ${name}`).join('   ')}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runSearchBench();
}
