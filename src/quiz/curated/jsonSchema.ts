import { z } from 'zod';
import { AuthorFileSchema } from './authorSchema.ts';

/**
 * The author format as JSON Schema (draft-07, which yaml-language-server and most editors understand), rendered
 * exactly as committed in `knowledge/questions/schema.json`.
 */
export function renderQuestionJsonSchema(): string {
  return `${JSON.stringify(z.toJSONSchema(AuthorFileSchema, { target: 'draft-07' }), null, 2)}\n`;
}
