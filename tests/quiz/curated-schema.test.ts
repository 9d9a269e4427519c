import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { AuthorQuestionSchema } from '../../src/quiz/curated/authorSchema.ts';
import { renderQuestionJsonSchema } from '../../src/quiz/curated/jsonSchema.ts';

const SCHEMA_FILE = new URL('../../knowledge/questions/schema.json', import.meta.url);

describe('published JSON Schema for curated questions', () => {
  it('is up to date with the zod author schema (regenerate: npx tsx scripts/gen-question-schema.ts)', async () => {
    expect(await readFile(SCHEMA_FILE, 'utf8')).toBe(renderQuestionJsonSchema());
  });

  it('describes a list of questions with the author fields, the required ones required', () => {
    const schema = JSON.parse(renderQuestionJsonSchema()) as {
      type: string;
      items: { required: string[]; properties: Record<string, { minItems?: number; maxItems?: number }>; additionalProperties: boolean };
    };
    expect(schema.type).toBe('array');
    expect(Object.keys(schema.items.properties).sort()).toEqual(Object.keys(AuthorQuestionSchema.shape).sort());
    expect(schema.items.required.sort()).toEqual(['answer', 'explanation', 'options', 'source', 'stem']);
    expect(schema.items.properties['options']).toMatchObject({ minItems: 2, maxItems: 6 });
    expect(schema.items.additionalProperties).toBe(false);
  });
});
