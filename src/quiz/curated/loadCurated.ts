import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, isNode, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import type { z } from 'zod';
import type { KnowledgeBase } from '../../knowledge/types.ts';
import type { Question } from '../schema.ts';
import { AuthorQuestionSchema } from './authorSchema.ts';
import type { QuestionProblem } from './problems.ts';
import { buildSectionLookup, headingPathOf, resolveSource } from './resolveSource.ts';
import type { SectionLookup } from './resolveSource.ts';
import { toQuestion } from './toQuestion.ts';

export interface CuratedLoad {
  questions: Question[];
  problems: QuestionProblem[];
  /** Things worth knowing that are not problems, e.g. that there is no questions folder at all. */
  notices: string[];
}

/** The published JSON Schema lives next to the questions; it is not a question file. */
const SCHEMA_FILE = 'schema.json';
const QUESTION_FILE = /\.(ya?ml|json)$/i;

/**
 * Loads every `*.yaml`/`*.yml`/`*.json` file under `dir`. Each item is validated on its own: a bad item is reported
 * and skipped, the rest load. With a knowledge base, every source must name a real section; the question then
 * takes that section's heading path, start line (unless given) and text hash.
 */
export async function loadCuratedQuestions(dir: string, kb?: KnowledgeBase): Promise<CuratedLoad> {
  const problems: QuestionProblem[] = [];
  const questions: Question[] = [];
  let files: string[];
  try {
    files = await listQuestionFiles(dir);
  } catch (err) {
    // Curated questions are optional: notes without a questions folder still get generated questions.
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      return { questions, problems, notices: [`No curated questions: ${dir} does not exist, so only questions generated from the notes are used`] };
    }
    return { questions, problems: [{ file: dir, index: null, message: String(err), severity: 'error' }], notices: [] };
  }
  const lookup = kb ? buildSectionLookup(kb) : undefined;
  const seen = new Map<string, { file: string; index: number; line?: number }>();

  for (const file of files) {
    let text: string;
    try {
      text = await readFile(path.join(dir, file), 'utf8');
    } catch (err) {
      problems.push({ file, index: null, message: `unreadable: ${(err as Error).message}`, severity: 'error' });
      continue;
    }
    const parsed = parseQuestionFile(file, text);
    problems.push(...parsed.problems);
    for (const item of parsed.items) {
      const result = loadItem(file, item, lookup);
      problems.push(...result.problems);
      const q = result.question;
      if (!q) continue;
      const first = seen.get(q.id);
      if (first) {
        const at = `${first.file} item ${first.index + 1}${first.line ? ` (line ${first.line})` : ''}`;
        problems.push({
          file,
          index: item.index,
          id: q.id,
          field: 'id',
          ...(item.line ? { line: item.line } : {}),
          message: `duplicate id "${q.id}": also ${at}; this one is skipped`,
          severity: 'error',
        });
        continue;
      }
      seen.set(q.id, { file, index: item.index, ...(item.line ? { line: item.line } : {}) });
      questions.push(q);
    }
  }
  return { questions, problems, notices: [] };
}

async function listQuestionFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && QUESTION_FILE.test(e.name))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter((f) => f !== SCHEMA_FILE)
    .sort();
}

interface RawItem {
  index: number;
  value: unknown;
  line?: number;
  /** Line of a field inside the item, for pointing at the offending value. */
  lineOf: (field: readonly PropertyKey[]) => number | undefined;
}

/** Parses YAML (JSON is read by the same parser, which gives line numbers for both). */
export function parseQuestionFile(file: string, text: string): { items: RawItem[]; problems: QuestionProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      items: [],
      problems: doc.errors.map((e) => ({
        file,
        index: null,
        line: lineCounter.linePos(e.pos[0]).line,
        message: `syntax error: ${e.message.split('\n')[0] ?? e.code}`,
        severity: 'error' as const,
      })),
    };
  }
  const value: unknown = doc.toJS();
  if (value === null || value === undefined) {
    return { items: [], problems: [{ file, index: null, message: 'file has no questions', severity: 'warning' }] };
  }
  if (!Array.isArray(value)) {
    return {
      items: [],
      problems: [{ file, index: null, message: 'expected a list of questions at the top level', severity: 'error' }],
    };
  }
  const lineAt = (keys: readonly PropertyKey[]): number | undefined => nodeLine(doc, lineCounter, keys);
  return {
    items: value.map((v, index) => {
      const line = lineAt([index]);
      return {
        index,
        value: v,
        ...(line ? { line } : {}),
        lineOf: (field: readonly PropertyKey[]) => lineAt([index, ...field]) ?? line,
      };
    }),
    problems: [],
  };
}

function nodeLine(doc: Document, counter: LineCounter, keys: readonly PropertyKey[]): number | undefined {
  const node: unknown = doc.getIn(keys as unknown[], true);
  if (!isNode(node) || !node.range) return undefined;
  return counter.linePos(node.range[0]).line;
}

function loadItem(file: string, item: RawItem, lookup: SectionLookup | undefined): { question?: Question; problems: QuestionProblem[] } {
  const rawId = isRecord(item.value) && typeof item.value['id'] === 'string' ? item.value['id'] : undefined;
  const base = { file, index: item.index, ...(rawId ? { id: rawId } : {}) };
  const parsed = AuthorQuestionSchema.safeParse(item.value);
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.flatMap((issue) =>
        describeIssue(issue, item.value).map(({ field, message }) => {
          const line = item.lineOf(field.length > 0 ? field.split('.') : []);
          return { ...base, ...(field ? { field } : {}), ...(line ? { line } : {}), message, severity: 'error' as const };
        }),
      ),
    };
  }
  const author = parsed.data;
  const draft = toQuestion(author);
  if (!draft.ok) {
    const line = item.lineOf(draft.field.split('.'));
    return { problems: [{ ...base, field: draft.field, ...(line ? { line } : {}), message: draft.message, severity: 'error' }] };
  }
  const withId = { ...base, id: draft.question.id };
  if (!lookup) return { question: draft.question, problems: [] };

  const resolved = resolveSource(lookup, author.source.file, headingPathOf(author.source), author.source.line);
  const sourceLine = item.lineOf(['source']);
  const at = sourceLine ? { line: sourceLine } : {};
  if (!resolved.ok) {
    return { problems: [{ ...withId, field: resolved.field, ...at, message: resolved.message, severity: 'error' }] };
  }
  const final = toQuestion(author, resolved.section);
  if (!final.ok) return { problems: [{ ...withId, field: final.field, ...at, message: final.message, severity: 'error' }] };
  const problems: QuestionProblem[] = resolved.warning
    ? [{ ...withId, field: resolved.warning.field, ...at, message: resolved.warning.message, severity: 'warning' }]
    : [];
  return { question: final.question, problems };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function valueAt(root: unknown, keys: readonly PropertyKey[]): unknown {
  let v = root;
  for (const k of keys) {
    if (Array.isArray(v) && typeof k === 'number') v = v[k];
    else if (isRecord(v) && typeof k === 'string') v = v[k];
    else return undefined;
  }
  return v;
}

/** Zod's issue turned into the author's vocabulary: which field, and what to do about it. */
function describeIssue(issue: z.core.$ZodIssue, item: unknown): { field: string; message: string }[] {
  const field = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((k) => ({ field: field ? `${field}.${k}` : k, message: `unknown field "${k}"` }));
  }
  if (issue.code === 'invalid_type' && field === '') {
    return [{ field, message: 'expected a question (a mapping with stem, options, answer…)' }];
  }
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_union') && valueAt(item, issue.path) === undefined) {
    return [{ field, message: 'is required' }];
  }
  if ((issue.code === 'too_small' || issue.code === 'too_big') && field === 'options') {
    const got = valueAt(item, issue.path);
    const count = Array.isArray(got) ? got.length : 0;
    return [{ field, message: `needs 2 to 6 options, got ${count}` }];
  }
  if (issue.code === 'too_small' && Number(issue.minimum) === 1) return [{ field, message: 'must not be empty' }];
  return [{ field, message: issue.message }];
}
