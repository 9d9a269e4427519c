import type { RevealResults } from '../../src/quiz/daily/results.ts';
import { questionId, type Question } from '../../src/quiz/schema.ts';
import type { PublishError, QuizPublisher } from '../../src/schedule/publisher.ts';
import type { CronLike } from '../../src/schedule/scheduler.ts';
import type { DailyQuiz } from '../../src/store/types.ts';

/* Fixtures shared by the scheduler tests and the race worker (no vitest imports here: the worker runs outside it). */

export const GUILD_A = '100000000000000001';
export const GUILD_B = '100000000000000002';
export const CHANNEL_A = '200000000000000001';
export const CHANNEL_B = '200000000000000002';

/** A question with a real content-hash id; `answers` defaults to option 0. */
export function makeQuestion(topic: string, n: number, answers: number[] = [0], optionCount = 4): Question {
  const stem = `${topic} question ${n}?`;
  const options = Array.from({ length: optionCount }, (_, i) => `${topic} option ${n}.${i}`);
  return {
    id: questionId({ stem, options, answers }),
    stem,
    options,
    answers,
    explanation: `Because of ${topic} rule ${n}.`,
    source: { file: `${topic.toLowerCase()}.md`, headingPath: [topic], line: n + 1 },
    topic,
    kind: 'curated',
    sourceHash: '',
  };
}

/** Three topics of unequal size: Lambda ×3, SQS ×2, S3 ×1. */
export const POOL: Question[] = [
  makeQuestion('Lambda', 1),
  makeQuestion('Lambda', 2),
  makeQuestion('Lambda', 3),
  makeQuestion('SQS', 1),
  makeQuestion('SQS', 2),
  makeQuestion('S3', 1),
];

/** A clock moved by hand. */
export interface Clock {
  now: () => Date;
  set(iso: string): void;
  advance(ms: number): void;
}
export function createClock(iso: string): Clock {
  let t = new Date(iso);
  return { now: () => t, set: (next) => void (t = new Date(next)), advance: (ms) => void (t = new Date(t.getTime() + ms)) };
}

/** What a fake Discord does next for a call: succeed, or throw this error. */
export type Step = 'ok' | PublishError | Error;

/** Records every post and reveal; failures are scripted per channel (a queue of steps, then success). */
export class FakePublisher implements QuizPublisher {
  readonly posts: { quizId: number; guildId: string; channelId: string; questionId: string; messageId: string }[] = [];
  readonly reveals: { quizId: number; results: RevealResults }[] = [];
  readonly postScript = new Map<string, Step[]>();
  readonly revealScript: Step[] = [];
  postCalls = 0;
  private next = 1;
  /** Runs inside post() after it succeeds, before returning (to simulate a crash right after Discord accepted it). */
  afterPost: (() => void) | undefined;

  async post(quiz: DailyQuiz, question: Question): Promise<{ messageId: string }> {
    this.postCalls += 1;
    const step = this.postScript.get(quiz.channelId)?.shift() ?? 'ok';
    // Yield so racing schedulers interleave as they would over a network.
    await new Promise((resolve) => setImmediate(resolve));
    if (step !== 'ok') throw step;
    const messageId = `9000000000000000${String(this.next++).padStart(2, '0')}`;
    this.posts.push({ quizId: quiz.id, guildId: quiz.guildId, channelId: quiz.channelId, questionId: question.id, messageId });
    this.afterPost?.();
    return { messageId };
  }

  async reveal(quiz: DailyQuiz, _question: Question, results: RevealResults): Promise<void> {
    const step = this.revealScript.shift() ?? 'ok';
    await new Promise((resolve) => setImmediate(resolve));
    if (step !== 'ok') throw step;
    this.reveals.push({ quizId: quiz.id, results });
  }
}

/** node-cron stand-in: keeps the jobs so tests can inspect them and fire them by hand. */
export class FakeCron implements CronLike {
  readonly jobs = new Map<string, { expression: string; timezone: string | undefined; run: () => Promise<void>; destroyed: boolean }>();
  schedule(expression: string, run: () => Promise<void>, options: { name: string; timezone?: string }) {
    const job = { expression, timezone: options.timezone, run, destroyed: false };
    this.jobs.set(options.name, job);
    return { destroy: () => void (job.destroyed = true) };
  }
  live(name: string) {
    const job = this.jobs.get(name);
    return job && !job.destroyed ? job : undefined;
  }
}
