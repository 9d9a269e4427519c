import path from 'node:path';
import { loadKnowledge } from './knowledge/index.ts';
import type { KnowledgeBase } from './knowledge/types.ts';
import type { Logger } from './logger.ts';
import { buildSearchEngine } from './search/index.ts';
import type { SearchEngine } from './search/types.ts';

/** The core, as the Discord layer and the CLI see it. Later capabilities add fields here. */
export interface Services {
  knowledge: KnowledgeBase;
  search: SearchEngine;
}

/** Loads the notes and builds the index: everything lookups need, no Discord, no database. */
export async function loadKnowledgeServices(knowledgeDir: string, logger: Logger): Promise<Services> {
  const knowledge = await loadKnowledge(path.resolve(knowledgeDir), { logger });
  for (const w of knowledge.warnings) {
    logger[w.severity === 'error' ? 'error' : 'warn']({ file: w.file, line: w.line, code: w.code }, w.message);
  }
  return { knowledge, search: buildSearchEngine(knowledge) };
}
