/*
 * One bot process for the multi-process race tests: opens the shared database at a fixed clock, starts the
 * scheduler (catch-up) and sweeps a few times, appending what it "sent to Discord" to a shared JSON-lines file.
 * Usage: node --import tsx raceWorker.ts <databaseUrl> <clockIso> <outFile> <sweeps> [pgSchema]
 */
import { appendFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { silentLogger } from '../../src/logger.ts';
import type { Question } from '../../src/quiz/schema.ts';
import type { QuizPublisher } from '../../src/schedule/publisher.ts';
import { DailyQuizScheduler } from '../../src/schedule/scheduler.ts';
import { openStore } from '../../src/store/index.ts';
import type { DailyQuiz } from '../../src/store/types.ts';
import { FakeCron, POOL } from './fixtures.ts';

const [url, clockIso, outFile, sweepsArg, pgSchema] = process.argv.slice(2);
if (!url || !clockIso || !outFile || !sweepsArg) throw new Error('usage: raceWorker <url> <clockIso> <outFile> <sweeps> [pgSchema]');
const now = () => new Date(clockIso);
const write = (entry: Record<string, unknown>) => appendFileSync(outFile, `${JSON.stringify({ pid: process.pid, ...entry })}\n`);

let nextMessage = 0;
const publisher: QuizPublisher = {
  async post(quiz: DailyQuiz, question: Question) {
    await delay(25); // a Discord round trip, so the other processes get to run meanwhile
    write({ kind: 'post', quizId: quiz.id, guildId: quiz.guildId, questionId: question.id });
    return { messageId: `${process.pid}${String(++nextMessage).padStart(4, '0')}` };
  },
  async reveal(quiz: DailyQuiz) {
    await delay(25);
    write({ kind: 'reveal', quizId: quiz.id, guildId: quiz.guildId });
  },
};

const storeOptions = pgSchema ? { now, pgSchema, pgPoolSize: 3 } : { now };
const store = await openStore(url, storeOptions);
const scheduler = new DailyQuizScheduler({ store, publisher, questions: () => POOL, logger: silentLogger, now, cron: new FakeCron(), sleep: async () => {} });
const errors: string[] = [];
errors.push(...(await scheduler.start()).errors.map((e) => `${e.scope}: ${e.error}`));
for (let i = 0; i < Number(sweepsArg); i++) errors.push(...(await scheduler.sweep()).errors.map((e) => `${e.scope}: ${e.error}`));
await scheduler.stop();
await store.close();
write({ kind: 'done', errors });
