export { AuthorFileSchema, AuthorQuestionSchema, AuthorSourceSchema, HEADING_SEPARATOR, OPTION_LETTERS } from './authorSchema.ts';
export type { AuthorFile, AuthorQuestion, AuthorSource } from './authorSchema.ts';
export { loadCuratedQuestions } from './loadCurated.ts';
export type { CuratedLoad } from './loadCurated.ts';
export { QuestionProblemSchema, formatProblem } from './problems.ts';
export type { QuestionProblem } from './problems.ts';
export { renderQuestionJsonSchema } from './jsonSchema.ts';
