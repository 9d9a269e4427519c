import type { Logger } from '../logger.ts';
import type { DailyQuiz } from '../store/types.ts';

export interface AnswerCounterOptions {
  /** At most one edit per quiz in this interval; answers in between are coalesced into the next edit. */
  intervalMs: number;
  /** The current count (from the store, so it is right after a restart too). */
  count: (quizId: number) => Promise<number>;
  publish: (quiz: DailyQuiz, answered: number) => Promise<void>;
  logger: Logger;
  now?: () => number;
  setTimer?: (run: () => void, ms: number) => { clear(): void };
}

interface Slot {
  quiz: DailyQuiz;
  timer?: { clear(): void };
  running?: Promise<void>;
  dirty: boolean;
  lastEditAt: number;
}

/**
 * Keeps a quiz message's "N answered" current without an edit per answer: the first answer schedules an edit,
 * later ones only mark it dirty, and each edit reads the count fresh. 1,000 answers in a minute make about
 * 60 s / interval edits, and the last edit always shows the final count.
 */
export class AnswerCounter {
  private readonly slots = new Map<number, Slot>();
  private stopped = false;
  private readonly now: () => number;
  private readonly setTimer: NonNullable<AnswerCounterOptions['setTimer']>;

  constructor(private readonly options: AnswerCounterOptions) {
    this.now = options.now ?? Date.now;
    this.setTimer =
      options.setTimer ??
      ((run, ms) => {
        const t = setTimeout(run, ms);
        t.unref();
        return { clear: () => clearTimeout(t) };
      });
  }

  /** An answer was recorded for `quiz`. */
  bump(quiz: DailyQuiz): void {
    if (this.stopped) return;
    const slot = this.slots.get(quiz.id) ?? { quiz, dirty: false, lastEditAt: -Infinity };
    this.slots.set(quiz.id, slot);
    slot.quiz = quiz;
    slot.dirty = true;
    if (!slot.timer && !slot.running) this.arm(slot);
  }

  /**
   * Waits out the rest of the interval since the last edit; then edits if anything changed (and waits again),
   * or forgets the quiz when nothing did.
   */
  private arm(slot: Slot): void {
    const wait = Math.max(0, slot.lastEditAt + this.options.intervalMs - this.now());
    slot.timer = this.setTimer(() => {
      slot.timer = undefined;
      if (!slot.dirty) {
        this.slots.delete(slot.quiz.id);
        return;
      }
      slot.running = this.flush(slot).finally(() => {
        slot.running = undefined;
        if (!this.stopped) this.arm(slot);
      });
    }, wait);
  }

  private async flush(slot: Slot): Promise<void> {
    slot.dirty = false;
    slot.lastEditAt = this.now();
    try {
      await this.options.publish(slot.quiz, await this.options.count(slot.quiz.id));
    } catch (error) {
      // A missed count is cosmetic: the next answer (or the reveal) corrects it.
      this.options.logger.warn({ err: error, quizId: slot.quiz.id }, 'could not update the answer count');
    }
  }

  /** Quizzes with an edit pending or running. */
  pending(): number[] {
    return [...this.slots.keys()];
  }

  /** Cancels pending edits and waits for running ones. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const slot of this.slots.values()) slot.timer?.clear();
    await Promise.allSettled([...this.slots.values()].map((s) => s.running));
    this.slots.clear();
  }
}
