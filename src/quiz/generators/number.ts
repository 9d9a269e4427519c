import type { Nodes } from 'mdast';
import type { Section } from '../../knowledge/types.ts';
import { fileLine, plain } from './mdast.ts';
import { subjectOf } from './subject.ts';
import { collapse, MASK, normWords } from './text.ts';
import type { Draft, Generator, GeneratorContext } from './types.ts';

/** Units a fact can be measured in; the key groups spellings so "sec" and "seconds" compare as one unit. */
const UNITS: Record<string, string> = {
  ms: 'ms', millisecond: 'ms', milliseconds: 'ms',
  s: 's', sec: 's', secs: 's', second: 's', seconds: 's',
  min: 'min', mins: 'min', minute: 'min', minutes: 'min',
  h: 'h', hr: 'h', hrs: 'h', hour: 'h', hours: 'h',
  day: 'day', days: 'day', week: 'week', weeks: 'week', month: 'month', months: 'month',
  year: 'year', years: 'year', yr: 'year', yrs: 'year',
  bytes: 'B', kb: 'KB', mb: 'MB', gb: 'GB', tb: 'TB', pb: 'PB',
  '%': '%',
};

/**
 * Plural nouns too vague to make a count worth asking ("3 types", "2 ways"): what they count is in the sentence, not
 * in the noun. Any other plural noun after a number counts things ("15 read replicas", "5 VPCs").
 */
const VAGUE_COUNTS = new Set([
  'ways', 'types', 'kinds', 'sorts', 'options', 'things', 'steps', 'parts', 'times', 'examples', 'cases', 'categories',
  'words', 'lines', 'pages', 'reasons', 'questions', 'points', 'items', 'people', 'others', 'ones', 'features', 'benefits',
  'methods', 'modes', 'levels', 'tips', 'sections', 'chapters', 'slides', 'notes', 'answers', 'choices', 'approaches',
  // Verbs in -s read as count nouns after a number ("503 means …", "1 uses …").
  'means', 'uses', 'needs', 'takes', 'gets', 'makes', 'runs', 'allows', 'supports', 'requires', 'includes', 'contains',
  'provides', 'returns', 'gives', 'goes', 'does', 'has', 'is', 'was', 'becomes', 'remains', 'stays', 'lasts', 'costs',
]);
/** Words that open a noun phrase without naming what is counted ("3 more subnets", "2 other regions"). */
const COUNT_OPENERS = new Set(['more', 'less', 'fewer', 'other', 'different', 'new', 'additional', 'extra', 'total', 'main', 'key', 'of', 'to', 'and', 'or', 'in', 'on', 'at', 'for', 'the', 'is', 'are']);

/** Well-known ports, so a port question's wrong answers are real ports, never random numbers. */
export const WELL_KNOWN_PORTS = [20, 21, 22, 23, 25, 53, 80, 110, 123, 143, 389, 443, 445, 465, 587, 636, 993, 995, 1433, 1521, 2049, 3306, 3389, 5432, 5439, 6379, 8080, 8443, 9200, 11211, 27017];

export interface NumberFact {
  /** The number as written ("1,000", "0.5"). */
  raw: string;
  value: number;
  /** The unit as written after the number ("sec", " GB"); empty for a port. */
  unitText: string;
  /** Spelling-independent unit ("s", "GB", "port", "count:replicas"). */
  unit: string;
  /** Where the number (with its unit) sits in the passage. */
  start: number;
  end: number;
}

const UNIT_ALT = Object.keys(UNITS)
  .filter((u) => u !== '%')
  .sort((a, b) => b.length - a.length)
  .join('|');
// A number not glued to letters/versions ("EC2", "v2", "AES-256", "2012-10-17"), then a unit or a count noun.
const NUMBER_RE = new RegExp(
  `(?<![\\w.$/:-])(?<!\\d,)(\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?)(?:(\\s?%)|(\\s?(?:${UNIT_ALT}))(?![\\w/\u2070-\u209f\u00b2\u00b3])|(\\s(?:[a-z]+\\s)?[A-Za-z]{2,}s)\\b)`,
  'gi',
);
const PORT_RE = /\bport\s+(\d{2,5})\b/gi;

/** "read replicas" → "count:read replicas"; undefined for a vague count or a noun phrase that does not name things. */
function countUnit(phrase: string): string | undefined {
  const words = phrase.split(/\s+/);
  const noun = words.at(-1) ?? '';
  if (VAGUE_COUNTS.has(noun) || /(ss|us|is)$/.test(noun) || words.some((w) => COUNT_OPENERS.has(w))) return undefined;
  return `count:${phrase}`;
}

/** Number-and-unit facts in a passage (ports as "port 443"). */
export function findNumbers(passage: string): NumberFact[] {
  const out: NumberFact[] = [];
  for (const m of passage.matchAll(NUMBER_RE)) {
    const raw = m[1] ?? '';
    const value = Number(raw.replace(/,/g, ''));
    const unitText = m[2] ?? m[3] ?? m[4] ?? '';
    const unitWord = unitText.trim().toLowerCase();
    const unit = m[4] ? countUnit(unitWord) : UNITS[unitWord];
    if (!unit || !Number.isFinite(value) || value <= 0) continue;
    if (isPluralHundreds(passage, m.index, m.index + m[0].length, unitText.trim())) continue;
    // "80S ribosomes", "6H₂O": a one-letter unit is a unit only in lower case; "the 1670s" is a decade.
    if (/^[A-Z]$/.test(unitText.trim()) || (unitText === 's' && value >= 100 && value % 10 === 0)) continue;
    // "19 01" style dates and bare years are not quantities.
    if (unit === 'year' && value > 100) continue;
    out.push({ raw, value, unitText, unit, start: m.index, end: m.index + m[0].length });
  }
  for (const m of passage.matchAll(PORT_RE)) {
    const raw = m[1] ?? '';
    const start = m.index + m[0].length - raw.length;
    out.push({ raw, value: Number(raw), unitText: '', unit: 'port', start, end: start + raw.length });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Passages that are arithmetic or prices rather than facts. */
function isCalculation(passage: string): boolean {
  return /\$|==|^\s*=|\d\s*[*x×/]\s*\d|=\s*\d[\d.,]*\s*$|\(\s*\d+\s*\)\s*=/.test(passage) || (passage.match(/\d+/g) ?? []).length > 5;
}

/** "~100s - 1000s" means hundreds, not seconds. */
function isPluralHundreds(passage: string, start: number, end: number, unitText: string): boolean {
  if (unitText !== 's') return false;
  // "5 9s (99.999%)" counts nines.
  return /(~|\d)\s*$/.test(passage.slice(0, start)) || /^\s*[-–]\s*\d+0s\b/.test(passage.slice(end)) || /\d+0s\s*[-–]\s*$/.test(passage.slice(0, start));
}

/** Rounds to a value a person would write: 1, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5, 8 times a power of ten. */
export function niceNumber(x: number): number {
  if (x <= 0) return x;
  const power = 10 ** Math.floor(Math.log10(x));
  const steps = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5, 8, 10];
  const m = x / power;
  const best = steps.reduce((a, b) => (Math.abs(b - m) < Math.abs(a - m) ? b : a));
  return Number((best * power).toPrecision(3));
}

const SUBJECT_STOP = new Set(['that', 'this', 'with', 'from', 'than', 'your', 'have', 'will', 'must', 'more', 'less', 'only', 'each', 'default', 'maximum', 'minimum', 'max', 'min', 'up']);

/** Significant words of a passage (four letters or more), to tell what it is about. */
function subjectWords(text: string): Set<string> {
  return new Set(normWords(text).filter((w) => w.length >= 4 && /^[a-z]+$/.test(w) && !SUBJECT_STOP.has(w)));
}

interface Found {
  p: Passage;
  facts: NumberFact[];
  /** What the passage is about (section title, lead and text), computed once. */
  subject: Set<string>;
}

/** Values of the unit stated in other passages sharing two or more significant words with this one. */
function sameSubject(mine: Found, unit: string, byWord: ReadonlyMap<string, readonly Found[]>): number[] {
  // Only passages sharing a word can share two: walk those, via the index, instead of every passage.
  const shared = new Map<Found, number>();
  for (const w of mine.subject) for (const other of byWord.get(w) ?? []) if (other !== mine) shared.set(other, (shared.get(other) ?? 0) + 1);
  const out: number[] = [];
  for (const [other, n] of shared) if (n >= 2) out.push(...other.facts.filter((f) => f.unit === unit).map((f) => f.value));
  return out;
}

/** Seconds or bytes per unit, for noticing two spellings of one quantity. */
const SCALE: Record<string, number> = {
  ms: 0.001, s: 1, min: 60, h: 3600, day: 86_400, week: 604_800, month: 2_592_000, year: 31_536_000,
  B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4, PB: 1024 ** 5,
};
const DIMENSION: Record<string, string> = {
  ms: 'time', s: 'time', min: 'time', h: 'time', day: 'time', week: 'time', month: 'time', year: 'time',
  B: 'size', KB: 'size', MB: 'size', GB: 'size', TB: 'size', PB: 'size',
};

function sameQuantity(a: NumberFact, b: NumberFact): boolean {
  const da = DIMENSION[a.unit];
  if (!da || da !== DIMENSION[b.unit]) return false;
  const va = a.value * (SCALE[a.unit] ?? 1);
  const vb = b.value * (SCALE[b.unit] ?? 1);
  // Within 5%: "1 GB" and "1000 MB" (or 1024) are the same figure.
  return Math.abs(va - vb) / Math.max(va, vb) < 0.05;
}

const SINGULAR_UNITS = new Set(['second', 'minute', 'hour', 'day', 'week', 'month', 'year', 'millisecond']);

/** "1 minute" but "4 minutes": spelled-out units agree with the number they follow. */
function unitFor(x: number, unitText: string): string {
  const m = /^(\s*)([a-z]+?)(s?)$/i.exec(unitText);
  if (!m || !SINGULAR_UNITS.has((m[2] ?? '').toLowerCase())) return unitText;
  return `${m[1]}${m[2]}${x === 1 ? '' : 's'}`;
}

function formatNumber(value: number, like: string): string {
  if (like.includes(',') && value >= 1000) return value.toLocaleString('en-US');
  return String(Number(value.toFixed(4)));
}

function isPowerOfTwo(v: number): boolean {
  return Number.isInteger(v) && v > 0 && (v & (v - 1)) === 0;
}

/**
 * Plausible wrong values for a fact: other values with the same unit in the notes, and the value scaled by
 * common factors (15 min → 5, 30, 60 min; 256 KB → 128, 512 KB), nearest first. Never the value itself.
 */
export function numberDistractors(fact: NumberFact, corpus: ReadonlyMap<string, readonly number[]>, avoid: readonly number[]): number[] {
  const v = fact.value;
  // A port's neighbours are other real ports (the notes' own first), never a scaled number.
  if (fact.unit === 'port') {
    const known = [...new Set([...(corpus.get('port') ?? []), ...WELL_KNOWN_PORTS])];
    return known.filter((x) => x !== v && !avoid.includes(x)).sort((a, b) => Math.abs(Math.log(a / v)) - Math.abs(Math.log(b / v)) || a - b);
  }
  // "1 layers": a count of one reads wrong beside plural units, and is rarely the tempting wrong answer.
  const floor = fact.unit.startsWith('count:') ? 2 : 0;
  const binary = ['KB', 'MB', 'GB', 'TB', 'B'].includes(fact.unit) && isPowerOfTwo(v);
  const factors = binary ? [0.5, 2, 0.25, 4, 8, 0.125] : [0.5, 2, 3, 1 / 3, 5, 0.2, 10, 0.1, 4, 1.5];
  const scaled = factors
    .map((f) => v * f)
    // Round values get round distractors; an odd value (3008 MB) gets odd ones, so the answer does not stand out.
    .map((x) => (niceNumber(v) === v ? niceNumber(x) : Number.isInteger(v) ? Math.round(x) : Number(x.toPrecision(3))))
    .filter((x) => x > floor && (fact.unit !== '%' || x <= 100) && (!Number.isInteger(v) || Number.isInteger(x)));
  // Availability figures (99.9 %, 99.999 %) are told apart by their nines, not by scaling.
  if (fact.unit === '%' && v >= 99 && v < 100) {
    return [99, 99.5, 99.9, 99.95, 99.99, 99.999, 99.9999].filter((x) => x !== v && !avoid.includes(x)).sort((a, b) => Math.abs(a - v) - Math.abs(b - v));
  }
  // Other percentages are told apart in steps of ten or so: 80 % beside 70 and 90 %, not beside 15 or 40 %.
  if (fact.unit === '%' && Number.isInteger(v) && v >= 10) {
    const step = v >= 30 ? 10 : 5;
    return [v - step, v + step, v - 2 * step, v + 2 * step, v - 3 * step, v + 3 * step]
      // 0 % and 100 % are seldom a tempting "about" figure: never offered beside another value.
      .filter((x) => x > 0 && x < 100 && !avoid.includes(x))
      .sort((a, b) => Math.abs(a - v) - Math.abs(b - v) || a - b);
  }
  const fromNotes = (corpus.get(fact.unit) ?? []).filter((x) => x > floor && x / v <= 20 && v / x <= 20);
  const seen = new Set<number>([v, ...avoid]);
  const out: { x: number; score: number }[] = [];
  for (const [x, bonus] of [...fromNotes.map((x) => [x, 0.4] as const), ...scaled.map((x) => [x, 0] as const)]) {
    if (seen.has(x)) continue;
    seen.add(x);
    out.push({ x, score: Math.abs(Math.log(x / v)) - bonus });
  }
  // "128 TB" and "130 TB" side by side look like a trick; keep values at least 15% apart (and from the answer).
  const kept: number[] = [];
  for (const { x } of out.sort((a, b) => a.score - b.score || a.x - b.x)) {
    if ([v, ...kept].every((y) => Math.abs(x - y) / Math.max(x, y) >= 0.15)) kept.push(x);
  }
  return kept;
}

interface Passage {
  section: Section;
  text: string;
  line: number;
  /** The list item this one is nested under ("New setting to decrease:"), which the stem shows as context. */
  lead?: string;
}

/** Short passages: each list item's own text and each sentence of a paragraph, with their file lines. */
function passages(ctx: GeneratorContext, section: Section): Passage[] {
  const out: Passage[] = [];
  const walk = (nodes: readonly Nodes[], lead: string | undefined): void => {
    for (const node of nodes) {
      if (node.type === 'paragraph') {
        const line = fileLine(section, node);
        for (const sentence of plain(node).split(/(?<=[.!?])\s+(?=[A-Z])/)) {
          out.push({ section, text: collapse(sentence), line, ...(lead ? { lead } : {}) });
        }
      } else if (node.type === 'list') {
        for (const item of node.children) {
          const own = item.children[0]?.type === 'paragraph' ? plain(item.children[0]) : '';
          walk(item.children.slice(0, 1), lead);
          // Items nested under this one are read in its light: "New setting to decrease:" › "API calls by 99%".
          walk(item.children.slice(1), own.length > 0 && own.length <= 60 ? own : lead);
        }
      } else if (node.type === 'blockquote') {
        walk(node.children, lead);
      }
    }
  };
  walk(ctx.bodies.get(section).children, undefined);
  // List items report their paragraph's line, which is the item's own line.
  return out.filter((p) => p.text.length >= 12 && p.text.length <= 220);
}

/** "22 = SSH, 3389 = RDP" pairs under a heading or lead that mentions ports. */
const PORT_PAIR = /(?<![\w.])(\d{2,5})\s*=\s*([A-Z][A-Z0-9]{1,7})\b/g;

/** Port ↔ protocol questions from "port = protocol" lists, both ways (the reverse only when the port is unique). */
function portDrafts(ctx: GeneratorContext, bySection: ReadonlyMap<Section, Passage[]>): Draft[] {
  const drafts: Draft[] = [];
  for (const [section, list] of bySection) {
    if (!/\d\s*=\s*[A-Z]/.test(section.markdown)) continue;
    const pairs: { port: number; protocol: string; p: Passage }[] = [];
    for (const p of list) {
      if (!/\bports?\b/i.test(`${section.title} ${p.lead ?? ''} ${p.text}`)) continue;
      for (const m of p.text.matchAll(PORT_PAIR)) pairs.push({ port: Number(m[1]), protocol: m[2] ?? '', p });
    }
    if (pairs.length < 4) continue;
    const ports = [...new Set(pairs.map((x) => x.port))];
    const protocols = [...new Set(pairs.map((x) => x.protocol))];
    const known = [...new Set([...ports, ...WELL_KNOWN_PORTS])];
    for (const { port, protocol, p } of pairs) {
      const base = { kind: 'number' as const, section, line: p.line, passage: p.text, fact: `port:${port}:${protocol.toUpperCase()}` };
      drafts.push({
        ...base,
        stem: `Which port does ${protocol} use by default?`,
        answer: String(port),
        distractors: known.filter((x) => x !== port).sort((a, b) => Math.abs(Math.log(a / port)) - Math.abs(Math.log(b / port))).map(String),
      });
      const sharing = pairs.filter((x) => x.port === port).map((x) => x.protocol);
      if (sharing.length > 1) continue;
      drafts.push({
        ...base,
        stem: `Which protocol uses port ${port} by default?`,
        answer: protocol,
        distractors: protocols.filter((x) => x !== protocol),
      });
    }
  }
  return drafts;
}

export const numberGenerator: Generator = {
  name: 'number',
  generate(ctx: GeneratorContext): Draft[] {
    const found: Found[] = [];
    const bySection = new Map<Section, Passage[]>();
    // Worked examples and exercises ("whats the read throughput") are not facts to recall.
    const corpus = new Map<string, number[]>();
    for (const section of ctx.kb.sections) {
      if (!section.searchable) continue;
      const list = passages(ctx, section);
      bySection.set(section, list);
      for (const p of list) {
        if (isCalculation(p.text) || /example/i.test(`${p.section.title} ${p.lead ?? ''}`) || /\?|\bwhat'?s?\b|\bhow (much|many)\b/i.test(p.text)) continue;
        const facts = findNumbers(p.text);
        if (facts.length === 0 || facts.length > 3) continue;
        found.push({ p, facts, subject: subjectWords(`${p.section.matchTitle} ${p.lead ?? ''} ${p.text}`) });
        for (const f of facts) corpus.set(f.unit, [...(corpus.get(f.unit) ?? []), f.value]);
      }
    }
    for (const [unit, values] of corpus) corpus.set(unit, [...new Set(values)].sort((a, b) => a - b));
    const byWord = new Map<string, Found[]>();
    for (const f of found) for (const w of f.subject) byWord.set(w, [...(byWord.get(w) ?? []), f]);

    const drafts: Draft[] = portDrafts(ctx, bySection);
    for (const entry of found) {
      const { p, facts } = entry;
      for (const fact of facts) {
        // "8760 hours (365 days)": another figure of the same quantity would give the answer away.
        if (facts.some((f) => f !== fact && sameQuantity(f, fact))) continue;
        // "If you snapshot a 100GB drive…": a figure after "a"/"an" is an example, any value would do.
        if (/\b(a|an)\s*$/i.test(p.text.slice(0, fact.start))) continue;
        // "5 9s (99.999%)", "8760 hours (365 days)": a figure restating the one before it is given away.
        if (/\d\S*\s*\($/.test(p.text.slice(0, fact.start))) continue;
        // Values the notes give elsewhere about the same subject ("Aurora … storage … 128TB") may be right too.
        const others = [
          ...facts.filter((f) => f !== fact && f.unit === fact.unit).map((f) => f.value),
          ...sameSubject(entry, fact.unit, byWord),
        ];
        const wrong = numberDistractors(fact, corpus, others);
        const render = (x: number): string => `${x === fact.value ? fact.raw : formatNumber(x, fact.raw)}${unitFor(x, fact.unitText)}`;
        const blanked = `${p.text.slice(0, fact.start)}${MASK}${p.text.slice(fact.end)}`;
        // The blank needs enough words around it to be answerable, on its own: a fragment read in the light of the
        // item above it ("New setting to decrease:" › "API calls by 99%") is not.
        if (blanked.replace(MASK, '').replace(/[^A-Za-z]+/g, ' ').trim().split(' ').length < (p.lead ? 7 : 5)) continue;
        // "___ (one year)": the words right after the blank restate it.
        if (/^\s*\(/.test(p.text.slice(fact.end)) || /…|\.\.\./.test(p.text)) continue;
        // "(never expire, 30 days, etc.)": one of several examples, any of which would be right.
        if (/\b(etc|e\.g|i\.e|ex|for example|for instance|such as|like)\b/i.test(p.text)) continue;
        // "Route 53", "Windows 2012": a number right after a name is part of the name.
        if (/\b[A-Z][A-Za-z]*\s*$/.test(p.text.slice(0, fact.start))) continue;
        // "over 100 modules": a count given loosely is trivia, not a limit; "Instances have 5 …:" dangles.
        if (fact.unit.startsWith('count:') && /\b(over|more than|nearly|around|about|approximately|some|~)\s*$/i.test(p.text.slice(0, fact.start))) continue;
        if (/:\s*$/.test(p.text)) continue;
        // "Cached volumes: ___ - Stored Volumes: 16TB": a chain of labels, not a sentence.
        if ((p.text.match(/:/g) ?? []).length >= 2 || /\s[-–]\s.*:/.test(p.text)) continue;
        // "As a result, …", "New option …": a sentence leaning on the one before it, or on when it was written.
        if (/^(as a result|however|also|so|then|thus|this|that|these|those|it|they|he|she|otherwise|instead|in addition)\b/i.test(p.text)) continue;
        if (/\b(new|newly|recently|now|currently|latest|soon|nowadays|today)\b/i.test(p.text)) continue;
        // Studying, prices and cents are not facts about the subject ("takes 3 hours to learn", "25 cents per GB").
        if (/\b(learn|learning|course|lecture|video|exam|cents?|dollars?|price|pricing|costs?)\b/i.test(p.text)) continue;
        // A course's asides ("I can't teach you all of …") are not facts.
        if (/\b(I|I'm|I’m|we|we're|you'll|let's|let’s)\b/.test(p.text)) continue;
        // The sentence must name what it is about: a name in it, or a word of the section's subject.
        // A unit in capitals ("6 MB") names nothing; a name has lower case letters after its capital, or is an acronym
        // that is no unit ("DynamoDB", "KMS").
        const names = (p.text.match(/(?<=\s)[A-Z][A-Za-z0-9]+/g) ?? []).filter((w) => /[a-z]/.test(w) || !UNITS[w.toLowerCase()]);
        const named = names.length > 0 || [...subjectWords(p.section.matchTitle)].some((w) => normWords(p.text).includes(w));
        // An item read under a lead-in ("Invokes when:" › "The payload size reaches 6 MB") depends on what it cuts off.
        if (!named || p.lead) continue;
        const subject = subjectOf(p.section, ctx.kb.byId);
        if (!subject) continue;
        drafts.push({
          kind: 'number',
          section: p.section,
          // One figure of one topic is one fact, however many passages repeat it ("up to 4 KB per call").
          fact: `number:${p.section.headingPath[0] ?? p.section.file}:${fact.value}:${fact.unit}`,
          line: p.line,
          stem: `Fill in the blank about ${subject}: "${blanked}"`,
          answer: render(fact.value).trim(),
          distractors: wrong.map((x) => render(x).trim()),
          passage: p.text,
        });
      }
    }
    return drafts;
  },
};
