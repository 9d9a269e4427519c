// Regenerates knowledge/questions/schema.json from the zod author schema: `npx tsx scripts/gen-question-schema.ts`.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { renderQuestionJsonSchema } from '../src/quiz/curated/jsonSchema.ts';

const target = fileURLToPath(new URL('../knowledge/questions/schema.json', import.meta.url));
await writeFile(target, renderQuestionJsonSchema());
console.log(`wrote ${target}`);
