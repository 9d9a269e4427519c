/**
 * `npm run bench`: prints speed, memory and quality figures. Tests never assert on time; these figures are
 * where the targets are checked. Each part can also run alone (`npx tsx bench/<part>.ts`).
 */
const parts: Array<[string, () => Promise<void>]> = [
  ['search', async () => (await import('./search.ts')).runSearchBench()],
  ['questions', async () => (await import('./questions.ts')).runQuestionsBench()],
  ['store', async () => (await import('./store.ts')).runStoreBench()],
];

const only = process.argv.slice(2);
for (const [name, run] of parts) {
  if (only.length && !only.includes(name)) continue;
  console.log(`\n=== ${name} ===`);
  await run();
}
