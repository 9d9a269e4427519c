// Lists curated questions the pool rules flag: a key word in the stem that no wrong option has, or left out as gives-away.
import { loadKnowledge } from '../src/knowledge/index.ts';
import { loadQuestionBank } from '../src/quiz/loadQuestionBank.ts';
import { keyWordOnlyInStem } from '../src/quiz/gate.ts';
const dir = process.env.KNOWLEDGE_DIR ?? 'knowledge';
const kb = await loadKnowledge(dir);
const { bank } = await loadQuestionBank(kb, dir);
const all = [...bank.questions, ...bank.dropped.map((d) => d.question)];
const byId = new Map(all.map((q) => [q.id, q]));
for (const q of bank.questions.filter((q) => q.kind === 'curated')) {
  if (q.answers.length === 1 && keyWordOnlyInStem(q.stem, q.options, q.answers[0] ?? 0)) console.log(`KEY-WORD-IN-STEM ${q.source.file} | ${q.stem} | key: ${q.options[q.answers[0] ?? 0]}`);
}
for (const d of bank.dropped.filter((d) => d.question.kind === 'curated')) {
  const by = d.by ? byId.get(d.by) : undefined;
  console.log(`GIVEN-AWAY ${d.question.source.file} | ${d.question.stem} | keys: ${d.question.answers.map((i) => d.question.options[i]).join(' + ')} | by (${by?.kind}): ${by?.stem} | its keys: ${by?.answers.map((i) => by.options[i]).join(' + ')}`);
}
