import { Encoder } from 'flexsearch';
import { stemmer } from 'stemmer';
import { STOP_WORDS } from './stopWords.ts';

/** Words are runs of letters and digits: `SSE-KMS` → `sse`, `kms`; `Lambda@Edge` → `lambda`, `edge`. */
export const WORD_SPLIT = /[^\p{L}\p{N}]+/u;
const WORDS = /[\p{L}\p{N}]+/gu;

const stems = new Map<string, string>();
const STEM_CACHE_MAX = 100_000;

/** Porter stem, but never for short tokens or tokens with digits (`aws`, `sqs`, `ec2`, `s3` stay whole). Memoized. */
export function stemWord(word: string): string {
  if (word.length < 4 || /\d/.test(word)) return word;
  let stem = stems.get(word);
  if (stem === undefined) {
    stem = stemmer(word);
    if (stems.size < STEM_CACHE_MAX) stems.set(word, stem);
  }
  return stem;
}

const PLAIN_ASCII = /^[\x00-\x7f]*$/;

/** Lower-case, accent-free form of a word as the encoder sees it before stemming. */
export function normalizeWord(word: string): string {
  if (PLAIN_ASCII.test(word)) return word.toLowerCase();
  return word.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** Raw (unstemmed) words seen while indexing; typo correction and compound joining look them up. */
export interface Vocabulary {
  /** Single words, normalized, not stemmed. */
  readonly words: Set<string>;
  /** Adjacent word pairs (stop words skipped), concatenated: `auto` + `scaling` → `autoscaling`. */
  readonly joined: Set<string>;
}

export function emptyVocabulary(): Vocabulary {
  return { words: new Set(), joined: new Set() };
}

/** Normalized words of a text, stop words dropped. */
export function contentWords(text: string): string[] {
  const out: string[] = [];
  WORDS.lastIndex = 0;
  for (let m = WORDS.exec(text); m !== null; m = WORDS.exec(text)) {
    const word = normalizeWord(m[0]);
    if (!STOP_WORDS.has(word)) out.push(word);
  }
  return out;
}

/** Records the words and adjacent pairs of a text into a vocabulary. */
export function collectVocabulary(vocab: Vocabulary, text: string): void {
  const words = contentWords(text);
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    vocab.words.add(word);
    const next = words[i + 1];
    if (next !== undefined) vocab.joined.add(word + next);
  }
}

/**
 * The FlexSearch encoder used for every indexed field and every query term. In `prepare` it normalizes
 * word by word (cheaper than normalizing whole documents), drops stop words, and after each pair of
 * neighbours that forms a known compound or phrase inserts the pair joined into one word: with
 * `auto scaling` marked, "Auto Scaling group" indexes as "auto autoscaling scaling group", so the query
 * "autoscaling" finds it. `finalize` stems every term. Pairs are inserted in `prepare` because FlexSearch
 * drops repeated words of a document before `finalize` would see them.
 */
export class TextEncoding {
  readonly encoder: Encoder;
  /** Encoder for autocomplete: same normalisation, no stemming or joins (prefixes must stay literal). */
  readonly literalEncoder: Encoder;
  /** Joined pairs worth indexing: compounds also written as one word, and glossary phrases. */
  private joinable: ReadonlySet<string> = new Set();

  constructor() {
    this.encoder = new Encoder({
      normalize: false,
      dedupe: false,
      numeric: false,
      // prepare leaves single-space-separated normalized words
      split: ' ',
      prepare: (text) => this.prepare(text),
      finalize: (terms) => terms.map(stemWord),
    });
    this.literalEncoder = new Encoder({ normalize: true, dedupe: false, numeric: false, split: WORD_SPLIT, cache: false });
  }

  /** Sets which adjacent pairs are indexed joined (call before adding documents). */
  setJoinable(pairs: ReadonlySet<string>): void {
    this.joinable = pairs;
  }

  private prepare(text: string): string {
    const joinable = this.joinable;
    let out = '';
    let prev = '';
    WORDS.lastIndex = 0;
    for (let m = WORDS.exec(text); m !== null; m = WORDS.exec(text)) {
      const word = normalizeWord(m[0]);
      if (STOP_WORDS.has(word)) continue;
      if (prev) {
        const joined = prev + word;
        out += joinable.has(joined) ? ` ${joined} ${word}` : ` ${word}`;
      } else {
        out = word;
      }
      prev = word;
    }
    return out;
  }
}
