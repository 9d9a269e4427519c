import { createHash } from 'node:crypto';
import type { KnowledgeBase, Section } from './types.ts';

/** Discord caps custom_id and choice values at 100 characters. */
const MAX_REF = 100;

/**
 * A short, stable reference to a section, usable as an autocomplete value or select-menu value:
 * the id itself (`file#slug`) when it fits, otherwise a truncated id plus a content-free hash of the full id.
 */
export function sectionRef(section: Pick<Section, 'id'>, max = MAX_REF): string {
  if (section.id.length <= max) return section.id;
  const hash = createHash('sha1').update(section.id).digest('hex').slice(0, 8);
  return `${section.id.slice(0, max - 9)}~${hash}`;
}

/** Finds the section a reference points at; undefined when the notes no longer have it. */
export function resolveSectionRef(kb: KnowledgeBase, ref: string, max = MAX_REF): Section | undefined {
  const direct = kb.byId.get(ref);
  if (direct) return direct;
  if (!ref.includes('~')) return undefined;
  return kb.sections.find((s) => sectionRef(s, max) === ref);
}
