/** Emoji, keycaps (also `25️⃣`, a plain digit before a keycap) and joiners that decorate headings (`⚡`, `1️⃣`). */
const DECORATION = /^(?:[0-9]*[0-9#*]\uFE0F?\u20E3|\p{Extended_Pictographic}|[\uFE0E\uFE0F\u200D\u20E3]|\p{Regional_Indicator}|\s)+/u;
/** `1.`, `2)`, `1.2.` numbering; requires a space after it so `3D Printing` is left alone. */
const NUMBERING = /^\(?\d+(?:\.\d+)*[.)]\s+/;

/**
 * The heading without decorative prefixes, for matching: `1️⃣0️⃣ Custom Resources` → `Custom Resources`,
 * `⚡ IAM & AWS CLI – Notes` → `IAM & AWS CLI – Notes`, `2. Setup:` → `Setup`.
 */
export function matchTitleOf(title: string): string {
  let rest = title.trim();
  for (;;) {
    const next = rest.replace(DECORATION, '').replace(NUMBERING, '');
    if (next === rest) break;
    rest = next;
  }
  // Decoration elsewhere in the title (`CloudFront ✅`) does not help matching either.
  rest = rest.replace(/(?:[0-9]*[0-9#*]\uFE0F?\u20E3)|\p{Extended_Pictographic}|[\uFE0E\uFE0F\u200D]/gu, ' ');
  rest = rest.replace(/\s+/g, ' ').trim().replace(/\s*:$/, '');
  return rest.length > 0 ? rest : title.trim();
}

/** GitHub-style anchor: lower-case, punctuation and emoji dropped, spaces → `-`. */
export function githubSlug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[\uFE0E\uFE0F\u200D]/g, '')
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/\p{Me}/gu, '')
    .replace(/ /g, '-');
}

/** Hands out GitHub-style slugs that are unique within one file (`x`, `x-1`, `x-2`, …). */
export function createSlugger(): (title: string) => string {
  const seen = new Map<string, number>();
  const taken = new Set<string>();
  return (title) => {
    const base = githubSlug(title) || 'section';
    let slug = base;
    let n = seen.get(base) ?? 0;
    while (taken.has(slug)) {
      n += 1;
      slug = `${base}-${n}`;
    }
    seen.set(base, n);
    taken.add(slug);
    return slug;
  };
}

/** `developer-associate_guide.md` → `Developer Associate Guide`: a title for text that sits above every heading. */
export function titleFromFileName(file: string): string {
  const base = file.split('/').pop() ?? file;
  const words = base
    .replace(/\.[^.]+$/, '')
    .split(/[-_\s]+/)
    .filter(Boolean);
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ') || base;
}
