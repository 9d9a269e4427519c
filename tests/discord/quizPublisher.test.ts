/**
 * The Discord QuizPublisher against the test server with a real logged-in discord.js client: what it sends, and how
 * Discord's failures reach the scheduler (retryable or permanent, with a reason people can act on).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { classifyDiscordError, createDiscordPublisher, type DiscordQuizPublisher } from '../../src/discord/quizPublisher.ts';
import { summarizeResults } from '../../src/quiz/daily/results.ts';
import type { Question } from '../../src/quiz/schema.ts';
import { PublishError } from '../../src/schedule/publisher.ts';
import type { DailyQuiz, GuildConfig, Store } from '../../src/store/types.ts';
import { DEFAULT_CHANNELS, DEFAULT_GUILD_ID, RESTRICTED_CHANNELS, quizGuilds } from '../support/discordServer.ts';
import { captureLogger, startHarness, type Harness } from './harness.ts';

const question: Question = {
  id: 'q_publisher_test',
  stem: 'Which service stores objects?',
  options: ['Amazon S3', 'Amazon EC2', 'AWS Lambda', 'Amazon VPC'],
  answers: [0],
  explanation: 'S3 is object storage.',
  source: { file: 'developer-associate-guide.md', headingPath: ['AWS', 'Storage', 'S3'], line: 10 },
  topic: 'Storage',
  kind: 'curated',
  sourceHash: '',
};

let nextId = 1;
function quizIn(channelId: string, overrides: Partial<DailyQuiz> = {}): DailyQuiz {
  const now = Date.now();
  return {
    id: nextId++,
    guildId: DEFAULT_GUILD_ID,
    localDate: '2026-03-01',
    seq: 7,
    questionId: question.id,
    topic: question.topic,
    channelId,
    messageId: null,
    opensAt: new Date(now - 60_000),
    closesAt: new Date(now + 3_600_000),
    state: 'pending',
    failReason: null,
    failPermanent: false,
    attempts: 0,
    createdAt: new Date(now - 60_000),
    postedAt: null,
    revealedAt: null,
    ...overrides,
  } as DailyQuiz;
}

/** The two store reads the publisher makes, from a map the test controls. */
function fakeStore(quizzes: Map<number, DailyQuiz>, config?: Partial<GuildConfig>): Pick<Store, 'getQuiz' | 'getGuildConfig'> {
  return {
    getQuiz: async (id) => quizzes.get(id),
    getGuildConfig: async () => (config ? ({ roleId: null, ...config } as GuildConfig) : undefined),
  };
}

async function failure(promise: Promise<unknown>): Promise<PublishError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PublishError);
  return error as PublishError;
}

let h: Harness;
let publisher: DiscordQuizPublisher;
const quizzes = new Map<number, DailyQuiz>();

beforeAll(async () => {
  h = await startHarness({ commands: [], server: { guilds: quizGuilds() } });
  publisher = createDiscordPublisher({
    client: () => h.bot.client,
    store: fakeStore(quizzes),
    questions: () => new Map([[question.id, question]]),
    logger: captureLogger().logger,
  });
});

afterAll(async () => {
  await h?.close();
});

describe('posting', () => {
  it('sends the quiz with a stable nonce: a repeat after a crash returns the same message, not a second', async () => {
    const quiz = quizIn(DEFAULT_CHANNELS.quiz);
    const first = await publisher.post(quiz, question);
    const again = await publisher.post(quiz, question);
    expect(again.messageId).toBe(first.messageId);
    expect(h.discord.messages(DEFAULT_CHANNELS.quiz).filter((m) => m.embeds[0]?.title === 'Daily quiz #7 · Storage')).toHaveLength(1);
    const bodies = h.discord.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${DEFAULT_CHANNELS.quiz}/messages`);
    expect(bodies.map((r) => (r.body as { nonce: string }).nonce)).toEqual([`dq-${quiz.id}-${DEFAULT_GUILD_ID.slice(-8)}`, `dq-${quiz.id}-${DEFAULT_GUILD_ID.slice(-8)}`]);
  });

  it('refuses permanently, without a request, a channel it may not send in or one without text', async () => {
    const before = h.discord.requests.filter((r) => r.method === 'POST').length;
    const locked = await failure(publisher.post(quizIn(RESTRICTED_CHANNELS.locked), question));
    expect(locked.kind).toBe('permanent');
    expect(locked.reason).toMatch(/missing Send Messages/);
    const voice = await failure(publisher.post(quizIn(RESTRICTED_CHANNELS.category), question));
    expect(voice.kind).toBe('permanent');
    expect(voice.reason).toMatch(/not a text channel/);
    expect(h.discord.requests.filter((r) => r.method === 'POST').length).toBe(before);
  });

  it('Missing Permissions, Missing Access and Unknown Channel from Discord are permanent, with the reason', async () => {
    const cases: Array<[number, 10003 | 50001 | 50013, RegExp]> = [
      [403, 50013, /Missing Permissions/],
      [403, 50001, /Missing Access/],
      [404, 10003, /Unknown Channel/],
    ];
    for (const [status, code, reason] of cases) {
      h.discord.failNext({ method: 'POST', path: '/channels/:channel/messages', status, code });
      const error = await failure(publisher.post(quizIn(DEFAULT_CHANNELS.quiz), question));
      expect(error.kind).toBe('permanent');
      expect(error.reason).toMatch(reason);
    }
  });

  it('5xx after discord.js’s own retries is retryable', async () => {
    h.discord.failNext({ method: 'POST', path: '/channels/:channel/messages', status: 503, times: 5 });
    const error = await failure(publisher.post(quizIn(DEFAULT_CHANNELS.quiz), question));
    expect(error.kind).toBe('retryable');
    expect(error.reason).toMatch(/503/);
    h.discord.clearFailures();
  });
});

describe('the count and the reveal', () => {
  it('edits the count while open; the reveal replaces it, may be sent twice, and no count edit follows it', async () => {
    const quiz = quizIn(DEFAULT_CHANNELS.general);
    const { messageId } = await publisher.post(quiz, question);
    const posted = { ...quiz, state: 'posted' as const, messageId };
    quizzes.set(quiz.id, posted);

    await publisher.updateCount(posted, 5);
    const message = () => h.discord.messages(DEFAULT_CHANNELS.general).find((m) => m.id === messageId)!;
    expect(message().embeds[0]!.fields?.find((f) => f.name === 'Answers')?.value).toBe('5 answered');

    const results = summarizeResults(question, [], []);
    await publisher.reveal(posted, question, results);
    await publisher.reveal(posted, question, results);
    await publisher.updateCount(posted, 9);
    expect(message().embeds[0]!.title).toBe('Daily quiz #7 · Storage — answer');
    expect(h.discord.messages(DEFAULT_CHANNELS.general).filter((m) => (m.embeds[0]?.title ?? '').startsWith('Daily quiz #7'))).toHaveLength(1);
  });

  it('a deleted quiz message makes the reveal fail permanently (Unknown Message)', async () => {
    const quiz = { ...quizIn(DEFAULT_CHANNELS.quiz), state: 'posted' as const, messageId: '123456789012345678' };
    const error = await failure(publisher.reveal(quiz, question, summarizeResults(question, [], [])));
    expect(error.kind).toBe('permanent');
    expect(error.reason).toMatch(/Unknown Message/);
  });
});

describe('classifying what discord.js throws', () => {
  const body = { body: undefined, files: undefined };
  it('timeouts, rate limits and server errors can pass; access, permissions and missing things cannot', () => {
    const abort = Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });
    const rate = new RateLimitError({
      timeToReset: 1500, limit: 5, method: 'POST', hash: 'h', url: '/x', route: '/x', majorParameter: '1', global: false, retryAfter: 1500, sublimitTimeout: 0, scope: 'user',
    });
    const cases: Array<[unknown, 'retryable' | 'permanent', RegExp]> = [
      [abort, 'retryable', /did not answer in time/],
      [rate, 'retryable', /rate limited/],
      [new HTTPError(502, 'Bad Gateway', 'POST', '/x', body), 'retryable', /502/],
      [new DiscordAPIError({ code: 0, message: 'oops' }, 0, 500, 'POST', '/x', body), 'retryable', /500/],
      [new DiscordAPIError({ code: 50013, message: 'Missing Permissions' }, 50013, 403, 'POST', '/x', body), 'permanent', /Missing Permissions/],
      [new DiscordAPIError({ code: 50001, message: 'Missing Access' }, 50001, 403, 'POST', '/x', body), 'permanent', /Missing Access/],
      [new DiscordAPIError({ code: 10003, message: 'Unknown Channel' }, 10003, 404, 'POST', '/x', body), 'permanent', /Unknown Channel/],
      [new DiscordAPIError({ code: 10008, message: 'Unknown Message' }, 10008, 404, 'PATCH', '/x', body), 'permanent', /Unknown Message/],
      [new Error('socket hang up'), 'retryable', /socket hang up/],
    ];
    for (const [error, kind, reason] of cases) {
      const classified = classifyDiscordError(error, 'posting quiz #3');
      expect(classified.kind).toBe(kind);
      expect(classified.reason).toMatch(/^posting quiz #3: /);
      expect(classified.reason).toMatch(reason);
    }
    expect(classifyDiscordError(rate, 'x').retryAfterMs).toBe(1500);
  });
});
