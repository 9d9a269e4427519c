import type { KnowledgeBase } from './knowledge/types.ts';
import type { SearchEngine } from './search/types.ts';

/** The core, as the Discord layer and the CLI see it. Later capabilities add fields here. */
export interface Services {
  knowledge: KnowledgeBase;
  search: SearchEngine;
}
