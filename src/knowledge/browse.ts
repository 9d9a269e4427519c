import { resolveSectionRef, sectionRef } from './sectionRef.ts';
import type { KnowledgeBase, Section } from './types.ts';

/** Topic keys travel inside custom ids (`topics:o:<page>:<key>`), so they are kept shorter than a section ref. */
export const TOPIC_KEY_MAX = 80;

export interface Topic {
  key: string;
  title: string;
  file: string;
  /** The topic's own section first, then every section under it, in document order. */
  sections: Section[];
}

/**
 * The knowledge base as a browsable outline. A file's topics are its top-level sections; when a file has a
 * single top-level heading (a title), its children are the topics instead, so browsing starts one level down.
 */
export function listTopics(kb: KnowledgeBase): Topic[] {
  const children = new Map<string | null, Section[]>();
  for (const s of kb.sections) children.set(s.parentId, [...(children.get(s.parentId) ?? []), s]);
  const descendants = (s: Section): Section[] => [s, ...(children.get(s.id) ?? []).flatMap(descendants)];

  const topics: Topic[] = [];
  for (const file of kb.files) {
    const roots = (children.get(null) ?? []).filter((s) => s.file === file.file);
    const only = roots.length === 1 ? roots[0] : undefined;
    const tops = only && (children.get(only.id)?.length ?? 0) > 0 ? children.get(only.id)! : roots;
    for (const top of tops) {
      if (!top.searchable && (children.get(top.id)?.length ?? 0) === 0) continue;
      topics.push({ key: sectionRef(top, TOPIC_KEY_MAX), title: top.title, file: top.file, sections: descendants(top) });
    }
  }
  return topics;
}

export function findTopic(kb: KnowledgeBase, key: string): Topic | undefined {
  const section = resolveSectionRef(kb, key, TOPIC_KEY_MAX);
  if (!section) return undefined;
  return listTopics(kb).find((t) => t.sections[0]?.id === section.id);
}
