/**
 * Question generation figures: time to generate every question from the shipped notes (first run parses the
 * section bodies; a second run with another seed reuses them), counts per generator and per file, rejections by
 * gate reason, and the topics that got no question. Run alone with `npx tsx bench/questions.ts`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadKnowledge } from '../src/knowledge/index.ts';
import { generateQuestions } from '../src/quiz/generateQuestions.ts';
import { loadQuestionBank } from '../src/quiz/loadQuestionBank.ts';

const KNOWLEDGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'knowledge');

function table(title: string, counts: Record<string, number>): void {
  console.log(`  ${title}:`);
  const rows = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  for (const [name, n] of rows) console.log(`    ${String(n).padStart(5)}  ${name}`);
}

export async function runQuestionsBench(): Promise<void> {
  const kb = await loadKnowledge(KNOWLEDGE_DIR);

  // CPU time as well as wall time: on a shared machine the wall clock also measures other work. CPU time counts every
  // thread of the process (parallel GC included), so it can exceed the wall time.
  const timed = <T>(fn: () => T): { value: T; wall: number; cpu: number } => {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const value = fn();
    const used = process.cpuUsage(cpu0);
    return { value, wall: performance.now() - t0, cpu: (used.user + used.system) / 1000 };
  };
  const cold = timed(() => generateQuestions(kb, { seed: 'bench' }));
  const warm = timed(() => generateQuestions(kb, { seed: 'bench-2' }));
  const first = cold.value;
  const second = warm.value;

  const stems = new Set(first.questions.map((q) => `${q.stem}\u0000${q.options[q.answers[0] ?? 0]}`));
  const rejected = Object.values(first.rejections).reduce((a, b) => a + b, 0);
  console.log(`  notes: ${kb.files.length} files, ${kb.sections.length} sections, ${kb.glossary.length} glossary entries`);
  console.log(`  generated ${first.questions.length} questions (${stems.size} distinct stem+answer), ${rejected} drafts rejected`);
  console.log(
    `  time: first run ${cold.wall.toFixed(0)} ms wall (target < 1000 ms) / ${cold.cpu.toFixed(0)} ms CPU all threads; ` +
      `second run, other seed: ${warm.wall.toFixed(0)} ms wall / ${warm.cpu.toFixed(0)} ms CPU (${second.questions.length} questions)`,
  );
  table('per generator (passed the gate)', first.byGenerator);
  table('per file (passed the gate)', first.byFile);
  table('turned away by the gate, per check', first.rejections);

  // The pool the quiz draws from: curated first, then generated after fact-level dedup and the give-away rule.
  const t0 = performance.now();
  const { bank } = await loadQuestionBank(kb, KNOWLEDGE_DIR);
  const poolMs = performance.now() - t0;
  const curated = bank.questions.filter((q) => q.kind === 'curated').length;
  console.log(
    `  pool: ${bank.questions.length} questions (${curated} curated, ${bank.questions.length - curated} generated; target ≥ 400), ` +
      `built in ${poolMs.toFixed(0)} ms wall with curated loading and generation`,
  );
  const left: Record<string, number> = {};
  for (const d of bank.dropped) left[d.reason] = (left[d.reason] ?? 0) + 1;
  table('left out of the pool, per check', left);

  // Topics (top-level headings) with real material but no pooled question (curated or generated).
  const material = new Map<string, number>();
  for (const s of kb.sections) if (s.searchable) material.set(s.headingPath[0] ?? s.title, (material.get(s.headingPath[0] ?? s.title) ?? 0) + s.text.length);
  const covered = new Set(bank.questions.map((q) => q.topic));
  const missing = [...material].filter(([topic, chars]) => chars >= 400 && !covered.has(topic));
  console.log(`  topics: ${covered.size} with questions; ${missing.length} topics with ≥ 400 chars of notes and none:`);
  for (const [topic, chars] of missing) console.log(`    - ${topic} (${chars} chars)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await runQuestionsBench();
