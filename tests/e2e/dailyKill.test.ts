/**
 * The daily quiz survives being killed: `node bin/studybot.js start` runs as a child process against the test
 * Discord server and a SQLite file, is SIGKILLed while the test server holds one of its requests (so the kill lands
 * at a known moment), and is started again. Nothing recorded is lost, nothing is posted or awarded twice.
 *
 * A killed process keeps its post/reveal lease until it expires (5 minutes); the test fast-forwards that by expiring
 * the leases in the database instead of waiting, as it does for the end of the answer window.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageFlags, type APIMessage } from 'discord.js';
import { openStore } from '../../src/store/index.ts';
import type { DailyQuiz, Store } from '../../src/store/types.ts';
import {
  DEFAULT_CHANNELS,
  DEFAULT_GUILD_ID,
  DEFAULT_USERS,
  MORE_USERS,
  OTHER_GUILD,
  quizGuilds,
  startDiscordServer,
  type DiscordTestServer,
  type UserSeed,
} from '../support/discordServer.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const KNOWLEDGE_DIR = join(ROOT, 'knowledge');

let discord: DiscordTestServer;
let dir: string;
let url: string;
let store: Store;
let child: ChildProcess | undefined;
let output = '';

/** Starts the bot as its own process; resolves once it is logged in (its catch-up sweep runs from then on). */
async function startChild(): Promise<ChildProcess> {
  const proc = spawn(process.execPath, [join(ROOT, 'bin/studybot.js'), 'start'], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.apiUrl,
      DATABASE_URL: url,
      KNOWLEDGE_DIR,
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  proc.stderr!.on('data', (chunk: Buffer) => {
    log += chunk.toString();
    output += chunk.toString();
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bot did not start:\n${log.slice(-3000)}`)), 30_000);
    const check = () => {
      if (log.includes('"bot is online"')) {
        clearTimeout(timer);
        resolve();
      }
    };
    proc.stderr!.on('data', check);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bot exited with ${code}:\n${log.slice(-3000)}`));
    });
  });
  child = proc;
  return proc;
}

async function kill(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill('SIGKILL');
  await exited;
  child = undefined;
}

/** What a killed process leaves behind expires after the lease time; skip the wait. */
function expireLeases(): void {
  const db = new Database(url.slice('sqlite:'.length), { timeout: 5000 });
  try {
    db.prepare('update lease set expires_at = 0').run();
  } finally {
    db.close();
  }
}

/** The end of the answer window, while the bot is down. */
function closeQuiz(quizId: number): void {
  const db = new Database(url.slice('sqlite:'.length), { timeout: 5000 });
  try {
    db.prepare('update daily_quiz set closes_at = ? where id = ?').run(Date.now() - 1, quizId);
  } finally {
    db.close();
  }
}

async function until<T>(check: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${output.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A zone where the wall clock is not near midnight now, and its HH:MM one minute ago (so the post is due at start). */
function dueNow(): { timeZone: string; postTime: string; localDate: string } {
  for (const timeZone of ['UTC', 'Asia/Tokyo', 'America/New_York', 'Asia/Kolkata']) {
    const local = DateTime.now().setZone(timeZone).minus({ minutes: 1 });
    if (local.hour >= 1 && local.hour <= 22) return { timeZone, postTime: local.toFormat('HH:mm'), localDate: local.toFormat('yyyy-MM-dd') };
  }
  throw new Error('no suitable zone');
}

/** Writes a guild's setup as if made an hour ago, so today's post is due the moment the bot starts. */
async function configure(guildId: string, channelId: string): Promise<string> {
  const due = dueNow();
  const past = await openStore(url, { now: () => new Date(Date.now() - 3_600_000) });
  await past.upsertGuildConfig({ guildId, channelId, postTime: due.postTime, timeZone: due.timeZone, openForMinutes: 60 });
  await past.close();
  return due.localDate;
}

const quizPosts = (channelId: string) =>
  discord.messages(channelId).filter((m) => !((m.flags ?? 0) & MessageFlags.Ephemeral) && (m.embeds[0]?.title ?? '').startsWith('Daily quiz #'));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'studybot-kill-'));
  url = `sqlite:${join(dir, 'bot.sqlite')}`;
  discord = await startDiscordServer({ guilds: quizGuilds() });
  store = await openStore(url);
});

afterAll(async () => {
  if (child) await kill(child);
  await store?.close();
  await discord?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

let quiz: DailyQuiz;
let post: APIMessage;

let otherDate: string;
let otherHeld: ReturnType<DiscordTestServer['hold']>;

describe('killed while posting', () => {
  it('between claiming the quiz and posting it: the restarted bot posts the claimed quiz once', async () => {
    const localDate = await configure(DEFAULT_GUILD_ID, DEFAULT_CHANNELS.quiz);
    const held = discord.hold({ method: 'POST', path: '/channels/:channel/messages', stage: 'before' });
    const first = await startChild();
    await held.reached;
    const claimed = await store.getQuizByDate(DEFAULT_GUILD_ID, localDate);
    expect(claimed?.state).toBe('pending');
    await kill(first);
    await held.callerGone;
    held.release();
    await until(() => (held.applied() === undefined ? undefined : true), 'the held post to be dropped');
    expect(held.applied()).toBe(false);
    expect(quizPosts(DEFAULT_CHANNELS.quiz)).toHaveLength(0);

    // The next start also posts a second server's quiz, which the next test kills half-way.
    otherDate = await configure(OTHER_GUILD.id, OTHER_GUILD.channel);
    otherHeld = discord.hold({ method: 'POST', path: `/channels/${OTHER_GUILD.channel}/messages`, stage: 'after' });
    expireLeases();
    await startChild();
    quiz = await until(async () => {
      const row = await store.getQuizByDate(DEFAULT_GUILD_ID, localDate);
      return row?.state === 'posted' ? row : undefined;
    }, 'the quiz to be posted');
    expect(quiz.id).toBe(claimed!.id);
    const posts = quizPosts(DEFAULT_CHANNELS.quiz);
    expect(posts).toHaveLength(1);
    post = posts[0]!;
    expect(quiz.messageId).toBe(post.id);
  }, 60_000);

  it('after Discord accepted the post, before the message id was saved: the same nonce returns it, still one post', async () => {
    await otherHeld.reached;
    expect(quizPosts(OTHER_GUILD.channel)).toHaveLength(1);
    await kill(child!);
    await otherHeld.callerGone;
    otherHeld.release();
    expect((await store.getQuizByDate(OTHER_GUILD.id, otherDate))?.state).toBe('pending');

    expireLeases();
    await startChild();
    const posted = await until(async () => {
      const row = await store.getQuizByDate(OTHER_GUILD.id, otherDate);
      return row?.state === 'posted' ? row : undefined;
    }, 'the other guild’s quiz to be posted');
    const posts = quizPosts(OTHER_GUILD.channel);
    expect(posts).toHaveLength(1);
    expect(posted.messageId).toBe(posts[0]!.id);
    expect(quizPosts(DEFAULT_CHANNELS.quiz)).toHaveLength(1);
  }, 60_000);
});

function click(user: UserSeed, option: number) {
  return discord.interact({ type: 'button', customId: `daily:a:${quiz.id}:${option}`, user, channelId: DEFAULT_CHANNELS.quiz, message: post });
}

describe('killed mid-answers', () => {
  it('keeps every recorded answer, and a click after the restart sees the first pick', async () => {
    // The quiz post carries buttons when single-answer; a multi-answer quiz is answered the same way by index.
    const options = (post.components ?? []).length;
    expect(options).toBeGreaterThan(0);
    const votes: Array<[UserSeed, number]> = [
      [DEFAULT_USERS.alice, 0],
      [DEFAULT_USERS.bob, 1],
      [MORE_USERS.carol, 0],
    ];
    for (const [user, option] of votes) await click(user, option).response();
    // Dave's pick is written, then the bot dies before telling him.
    const held = discord.hold({ method: 'POST', path: '/interactions/:id/:token/callback', stage: 'before' });
    click(MORE_USERS.dave, 1);
    await held.reached;
    await kill(child!);
    await held.callerGone;
    held.release();

    const answers = await store.listAnswers(quiz.id);
    expect(answers.map((a) => a.userId).sort()).toEqual([DEFAULT_USERS.alice.id, DEFAULT_USERS.bob.id, MORE_USERS.carol.id, MORE_USERS.dave.id].sort());

    expireLeases();
    await startChild();
    const again = await click(MORE_USERS.dave, 0).response();
    expect(JSON.stringify(again.data)).toMatch(/already answered/);
    expect((await store.getAnswer(quiz.id, MORE_USERS.dave.id))?.choices).toEqual([1]);
  }, 60_000);
});

describe('killed mid-reveal', () => {
  it('after the announcement but before the points: the restart reveals once and awards once', async () => {
    await kill(child!);
    closeQuiz(quiz.id);
    const isReveal = (body: unknown) => JSON.stringify(body).includes('— answer');
    const held = discord.hold({ method: 'PATCH', path: `/channels/${DEFAULT_CHANNELS.quiz}/messages/${post.id}`, stage: 'after', match: isReveal });
    const proc = await startChild();
    await held.reached;
    await kill(proc);
    await held.callerGone;
    held.release();
    expect((await store.getQuiz(quiz.id))?.state).toBe('posted');
    expect(await store.ledgerFor(DEFAULT_GUILD_ID, DEFAULT_USERS.alice.id)).toEqual([]);

    expireLeases();
    await startChild();
    await until(async () => ((await store.getQuiz(quiz.id))?.state === 'revealed' ? true : undefined), 'the reveal to be recorded');
    const answers = await store.listAnswers(quiz.id);
    const ledger = (await Promise.all(answers.map((a) => store.ledgerFor(DEFAULT_GUILD_ID, a.userId)))).flat();
    const keys = ledger.map((l) => `${l.userId}:${l.reason}`);
    expect(new Set(keys).size).toBe(keys.length);
    const correct = answers.filter((a) => a.correct).map((a) => a.userId);
    expect(ledger.filter((l) => l.reason === 'correct').map((l) => l.userId).sort()).toEqual(correct.sort());

    // One quiz message, showing the reveal.
    const posts = quizPosts(DEFAULT_CHANNELS.quiz);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.embeds[0]!.title).toMatch(/— answer$/);
    expect(posts[0]!.embeds[0]!.fields?.find((f) => f.name === 'Results')?.value).toMatch(/^4 answered/);
    await kill(child!);
  }, 90_000);
});

describe('a clean shutdown', () => {
  it('SIGTERM stops the scheduler and the bot, closes the store, and exits 0', async () => {
    const proc = await startChild();
    const before = output.length;
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    child = undefined;
    const log = output.slice(before);
    expect(log.indexOf('"shutting down"')).toBeGreaterThanOrEqual(0);
    expect(log.indexOf('"bot disconnected"')).toBeGreaterThan(log.indexOf('"shutting down"'));
    // The store is closed and consistent: another process opens it and sees what the bot recorded.
    expect(await store.checkRollups()).toEqual([]);
  }, 30_000);
});
