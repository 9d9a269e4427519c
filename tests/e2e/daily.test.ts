/**
 * The daily quiz end to end: the real discord.js client against the test Discord server, the real store (a SQLite
 * file), the real scheduler on real node-cron. The bot's clock runs a little ahead of the wall clock so the post
 * time can be "the next minute" and node-cron fires it within seconds (tests/support/quizClock.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ButtonStyle,
  ComponentType,
  InteractionResponseType,
  MessageFlags,
  PermissionFlagsBits,
  type APIEmbed,
  type APIMessage,
} from 'discord.js';
import { loadCommands } from '../../src/discord/loadCommands.ts';
import { registerCommands } from '../../src/discord/registerCommands.ts';
import { runBot, type RunningStudybot } from '../../src/discord/runBot.ts';
import { chooseAndClaim } from '../../src/schedule/postQuiz.ts';
import type { Question } from '../../src/quiz/schema.ts';
import type { DailyQuiz } from '../../src/store/types.ts';
import { captureLogger } from '../discord/harness.ts';
import {
  DEFAULT_CHANNELS,
  DEFAULT_GUILD_ID,
  DEFAULT_ROLES,
  DEFAULT_USERS,
  MORE_USERS,
  OTHER_GUILD,
  RESTRICTED_CHANNELS,
  quizGuilds,
  startDiscordServer,
  type DiscordTestServer,
  type UserSeed,
} from '../support/discordServer.ts';
import { clockBeforeMinute, shiftedCron, type TestCron } from '../support/quizClock.ts';

const COMMANDS_DIR = fileURLToPath(new URL('../../commands', import.meta.url));
const KNOWLEDGE_DIR = fileURLToPath(new URL('../../knowledge', import.meta.url));
const ADMIN = PermissionFlagsBits.ManageGuild | PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages;
const { alice, bob } = DEFAULT_USERS;
const { carol, dave, gone } = MORE_USERS;

let discord: DiscordTestServer;
let bot: RunningStudybot;
let clock: ReturnType<typeof clockBeforeMinute>;
let cron: TestCron;
let dir: string;
const logs = captureLogger();

type Data = { content?: string; flags?: number; embeds?: APIEmbed[]; components?: APIMessage['components']; allowed_mentions?: unknown };
const dataOf = (r: { data: unknown }) => r.data as Data;
const textOf = (d: Data) => [d.content ?? '', ...(d.embeds ?? []).flatMap((e) => [e.title ?? '', e.description ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value])])].join('\n');
const isEphemeral = (d: Data) => ((d.flags ?? 0) & MessageFlags.Ephemeral) === MessageFlags.Ephemeral;

interface Btn {
  custom_id: string;
  label: string;
  style: number;
  disabled?: boolean;
}
function buttonsOf(message: Pick<APIMessage, 'components'>): Btn[] {
  return (message.components ?? []).flatMap((row) =>
    ((row as { components: Array<{ type: number }> }).components ?? []).filter((c) => c.type === ComponentType.Button),
  ) as unknown as Btn[];
}
function selectOf(message: Pick<APIMessage, 'components'>): { custom_id: string } | undefined {
  return (message.components ?? [])
    .flatMap((row) => (row as { components: Array<{ type: number; custom_id: string }> }).components ?? [])
    .find((c) => c.type === ComponentType.StringSelect);
}

function daily(sub: string, options: Record<string, string | number> = {}, user: UserSeed = alice, memberPermissions = ADMIN, guildId = DEFAULT_GUILD_ID) {
  return discord.interact({ type: 'command', name: 'daily', subcommand: sub, options, user, memberPermissions, guildId, ...(guildId === OTHER_GUILD.id ? { channelId: OTHER_GUILD.channel } : {}) });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'studybot-daily-e2e-'));
  discord = await startDiscordServer({ guilds: quizGuilds() });
  const commands = await loadCommands(COMMANDS_DIR);
  for (const guildId of [DEFAULT_GUILD_ID, OTHER_GUILD.id]) {
    await registerCommands({ token: discord.token, apiUrl: discord.apiUrl, guildId, commands, applicationId: discord.applicationId });
  }
  clock = clockBeforeMinute();
  cron = shiftedCron(clock);
  bot = await runBot({
    config: { DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl, DATABASE_URL: `sqlite:${join(dir, 'bot.sqlite')}`, KNOWLEDGE_DIR },
    logger: logs.logger,
    commandsDir: COMMANDS_DIR,
    now: clock.now,
    scheduler: { cron, overrides: { retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 50 } } },
    client: { rest: { timeout: 5_000, retries: 1 } },
    countIntervalMs: 150,
  });
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  await discord?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Polls an async check (the store is not the test server, so there is no change event to wait on). */
async function until<T>(check: () => Promise<T | undefined>, timeoutMs = 5_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out waiting for the store');
    await new Promise((r) => setTimeout(r, 25));
  }
}

const hhmm = (d: Date) => d.toISOString().slice(11, 16);
let quiz: DailyQuiz;
let question: Question;
let post: APIMessage;

describe('/daily setup', () => {
  it('is registered for server managers only, in servers only', () => {
    const registered = discord.commands(DEFAULT_GUILD_ID).find((c) => c.name === 'daily')!;
    expect(registered.default_member_permissions).toBe(String(PermissionFlagsBits.ManageGuild));
    expect(registered.contexts).toEqual([0]);
  });

  it('refuses a bad time, a bad zone, a channel it cannot post in and a text-less channel, saving nothing', async () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ channel: DEFAULT_CHANNELS.quiz, time: '25:00', timezone: 'UTC' }, /time "25:00" is not a 24-hour time/],
      [{ channel: DEFAULT_CHANNELS.quiz, time: '09:00', timezone: 'Mars/Olympus_Mons' }, /"Mars\/Olympus_Mons" is not an IANA time zone/],
      [{ channel: RESTRICTED_CHANNELS.locked, time: '09:00', timezone: 'UTC' }, /missing Send Messages/],
      [{ channel: RESTRICTED_CHANNELS.lounge, time: '09:00', timezone: 'UTC' }, /not a text channel/],
      [{ channel: RESTRICTED_CHANNELS.category, time: '09:00', timezone: 'UTC' }, /not a text channel/],
      [{ channel: DEFAULT_CHANNELS.quiz, time: '09:00', timezone: 'UTC', open_for: 'forever' }, /open_for "forever" is not a duration/],
      [{ channel: DEFAULT_CHANNELS.quiz, time: '09:00', timezone: 'UTC', topic: 'Knitting' }, /no questions on the topic "Knitting"/],
      [{ channel: DEFAULT_CHANNELS.quiz, time: '09:00', timezone: 'UTC', questions: 'generated' }, /questions "generated" is not one of: all, curated/],
    ];
    for (const [options, reason] of cases) {
      const response = await daily('setup', options).response();
      expect(response.status).toBe(204);
      expect(isEphemeral(dataOf(response))).toBe(true);
      expect(textOf(dataOf(response))).toMatch(/Nothing was saved/);
      expect(textOf(dataOf(response))).toMatch(reason);
    }
    expect(await bot.store.getGuildConfig(DEFAULT_GUILD_ID)).toBeUndefined();
  });

  it('refuses a member without Manage Server even if Discord showed them the command', async () => {
    const response = await daily('setup', { channel: DEFAULT_CHANNELS.quiz, time: '09:00', timezone: 'UTC' }, bob, PermissionFlagsBits.ViewChannel).response();
    expect(textOf(dataOf(response))).toMatch(/Manage Server/);
    expect(await bot.store.getGuildConfig(DEFAULT_GUILD_ID)).toBeUndefined();
  });

  it('autocompletes time zones and the bank topics', async () => {
    const zones = await discord
      .interact({ type: 'autocomplete', name: 'daily', subcommand: 'setup', focused: 'timezone', options: { timezone: 'europe/be' }, memberPermissions: ADMIN })
      .response();
    const zoneChoices = (zones.data as { choices: Array<{ value: string }> }).choices.map((c) => c.value);
    expect(zoneChoices).toContain('Europe/Berlin');
    expect(zoneChoices.length).toBeLessThanOrEqual(25);
    const topics = await discord
      .interact({ type: 'autocomplete', name: 'daily', subcommand: 'setup', focused: 'topic', options: { topic: '' }, memberPermissions: ADMIN })
      .response();
    const topicChoices = (topics.data as { choices: Array<{ value: string }> }).choices.map((c) => c.value);
    expect(topicChoices.length).toBeGreaterThan(0);
    for (const t of topicChoices) expect(bot.services.quiz!.bank.byTopic.has(t)).toBe(true);
  });

  it('offers questions: all (the default) or curated', () => {
    const setup = discord.commands(DEFAULT_GUILD_ID).find((c) => c.name === 'daily')!.options!.find((o) => o.name === 'setup') as {
      options: Array<{ name: string; required?: boolean; choices?: Array<{ value: string }> }>;
    };
    const questions = setup.options.find((o) => o.name === 'questions')!;
    expect(questions.required ?? false).toBe(false);
    expect(questions.choices!.map((c) => c.value)).toEqual(['all', 'curated']);
  });

  it('saves a valid setup and schedules the guild without a restart', async () => {
    // The post minute comes 3 s from now on the bot's clock, however long start-up took.
    clock.aim(3_000);
    const response = await daily('setup', {
      channel: DEFAULT_CHANNELS.quiz,
      time: hhmm(clock.minute),
      timezone: 'UTC',
      role: DEFAULT_ROLES.quizFans,
      open_for: '1m',
      questions: 'curated',
    }).response();
    expect(textOf(dataOf(response))).toMatch(new RegExp(`set up in <#${DEFAULT_CHANNELS.quiz}> at \\*\\*${hhmm(clock.minute)}\\*\\*`));
    expect(textOf(dataOf(response))).toContain('Questions: curated only.');
    const config = await bot.store.getGuildConfig(DEFAULT_GUILD_ID);
    expect(config).toMatchObject({
      channelId: DEFAULT_CHANNELS.quiz,
      timeZone: 'UTC',
      roleId: DEFAULT_ROLES.quizFans,
      openForMinutes: 1,
      questionSet: 'curated',
      paused: false,
    });
    expect(bot.scheduler.scheduler.scheduledGuilds()).toContain(DEFAULT_GUILD_ID);
  });
});

describe('the quiz post', () => {
  it('is fired by the guild’s node-cron job: embed, one button per option, reveal time, count, role ping only', async () => {
    post = await discord.waitForMessage(DEFAULT_CHANNELS.quiz, (m) => (m.embeds[0]?.title ?? '').startsWith('Daily quiz #1'), 15_000);
    expect(cron.fired).toContain(`daily-quiz:${DEFAULT_GUILD_ID}`);
    expect(cron.fired).not.toContain('daily-quiz-sweep');
    // Discord has the message a moment before the bot records it as posted.
    quiz = await until(async () => {
      const row = await bot.store.getQuizByDate(DEFAULT_GUILD_ID, clock.minute.toISOString().slice(0, 10));
      return row?.state === 'posted' ? row : undefined;
    });
    expect(quiz).toMatchObject({ state: 'posted', messageId: post.id, seq: 1 });
    question = bot.services.quiz!.bank.byId.get(quiz.questionId)!;
    expect(question.kind).toBe('curated'); // questions: curated

    const embed = post.embeds[0]!;
    expect(embed.title).toBe(`Daily quiz #1 · ${quiz.topic}`);
    expect(embed.description).toContain(question.stem.slice(0, 50));
    const fields = Object.fromEntries((embed.fields ?? []).map((f) => [f.name, f.value]));
    expect(fields['Answer reveal']).toBe(`<t:${Math.floor(quiz.closesAt.getTime() / 1000)}:R>`);
    expect(fields.Answers).toBe('0 answered');
    if (question.answers.length === 1) expect(buttonsOf(post).map((b) => b.label[0])).toEqual(['A', 'B', 'C', 'D', 'E', 'F'].slice(0, question.options.length));
    else expect(selectOf(post)?.custom_id).toBe(`daily:m:${quiz.id}`);
    expect(post.content).toBe(`<@&${DEFAULT_ROLES.quizFans}> today's quiz is up!`);

    const sent = discord.requests.find((r) => r.method === 'POST' && r.route === '/channels/:channel/messages')!;
    const body = sent.body as { allowed_mentions: unknown; nonce: string; enforce_nonce: boolean };
    expect(body.allowed_mentions).toEqual({ parse: [], roles: [DEFAULT_ROLES.quizFans] });
    expect(body.enforce_nonce).toBe(true);
    expect(body.nonce).toMatch(/^dq-/);
  }, 20_000);
});

/** Clicks the option(s) as `user` the way the post offers them: a button, or the multi-select. */
function pick(user: UserSeed, options: number[]) {
  const select = selectOf(post);
  if (select) return discord.interact({ type: 'select', customId: select.custom_id, values: options.map(String), user, channelId: DEFAULT_CHANNELS.quiz, message: post });
  return discord.interact({ type: 'button', customId: `daily:a:${quiz.id}:${options[0]}`, user, channelId: DEFAULT_CHANNELS.quiz, message: post });
}
const right = () => [...question.answers];
const wrong = () => [question.options.findIndex((_, i) => !question.answers.includes(i))];

describe('answering', () => {
  it('confirms each pick privately, records it, and keeps it out of the channel', async () => {
    for (const [user, choice] of [
      [alice, right()],
      [bob, wrong()],
      [carol, right()],
    ] as const) {
      const response = await pick(user, [...choice]).response();
      expect(response.status).toBe(204);
      expect(response.type).toBe(InteractionResponseType.ChannelMessageWithSource);
      expect(isEphemeral(dataOf(response))).toBe(true);
      expect(textOf(dataOf(response))).toMatch(/Got it! You picked/);
      expect(textOf(dataOf(response))).toContain(question.options[choice[0]!]!.slice(0, 40));
    }
    const answers = await bot.store.listAnswers(quiz.id);
    expect(answers.map((a) => a.userId).sort()).toEqual([alice.id, bob.id, carol.id].sort());
    const publicText = discord
      .messages(DEFAULT_CHANNELS.quiz)
      .filter((m) => !((m.flags ?? 0) & MessageFlags.Ephemeral))
      .map((m) => JSON.stringify(m))
      .join('');
    for (const u of [alice, bob, carol]) expect(publicText).not.toContain(u.id);
  });

  it('a second click says what you already chose; the first pick stands', async () => {
    const response = await pick(alice, wrong()).response();
    expect(textOf(dataOf(response))).toMatch(/already answered/);
    expect(textOf(dataOf(response))).toContain(question.options[question.answers[0]!]!.slice(0, 40));
    expect((await bot.store.getAnswer(quiz.id, alice.id))?.choices).toEqual(right());
  });

  it('keeps "N answered" current by editing the post, coalesced', async () => {
    const edited = await discord.waitFor(() => {
      const m = discord.messages(DEFAULT_CHANNELS.quiz).find((x) => x.id === post.id);
      return m?.embeds[0]?.fields?.find((f) => f.name === 'Answers')?.value === '3 answered' ? m : undefined;
    }, 'the count to read 3 answered');
    expect(edited.content).toBe(post.content); // the ping line stays; an edit pings nobody
    const edits = discord.requests.filter((r) => r.method === 'PATCH' && r.path === `/channels/${DEFAULT_CHANNELS.quiz}/messages/${post.id}`);
    expect(edits.length).toBeGreaterThan(0);
    expect(edits.length).toBeLessThanOrEqual(3);
    for (const e of edits) expect((e.body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [] });
  });

  it('refuses forged custom ids, other servers’ quizzes and options the question lacks — politely, never failing', async () => {
    const other = await bot.store.claimDailyQuiz({
      guildId: OTHER_GUILD.id,
      localDate: '2020-01-01',
      questionId: quiz.questionId,
      topic: quiz.topic,
      channelId: OTHER_GUILD.channel,
      opensAt: new Date(clock.now().getTime() - 1000),
      closesAt: new Date(clock.now().getTime() + 3_600_000),
    });
    await bot.store.markPosted(other.quiz.id, '1');
    const forged: Array<[string, RegExp]> = [
      ['daily:a:999999:0', /can't find that quiz/],
      [`daily:a:${other.quiz.id}:0`, /can't find that quiz/],
      ['daily:a:abc:1', /can't find that quiz/],
      [`daily:a:${quiz.id}:9`, /can't find that quiz/],
      ['daily:zz', /can't find that quiz/],
    ];
    if (question.options.length < 6 && question.answers.length === 1) forged.push([`daily:a:${quiz.id}:5`, /isn't part of this question/]);
    for (const [customId, reason] of forged) {
      const response = await discord.interact({ type: 'button', customId, user: dave, channelId: DEFAULT_CHANNELS.quiz }).response();
      expect(response.status).toBe(204);
      expect(isEphemeral(dataOf(response))).toBe(true);
      expect(textOf(dataOf(response))).toMatch(reason);
    }
    expect(await bot.store.getAnswer(quiz.id, dave.id)).toBeUndefined();
    expect(await bot.store.answerCount(other.quiz.id)).toBe(0);
  });
});

describe('the reveal', () => {
  it('when open_for ends: buttons disabled, right one green, explanation, source, counts, first correct without pings', async () => {
    clock.advance(61_000);
    cron.sweeping = true;
    const revealed = await discord.waitFor(() => {
      const m = discord.messages(DEFAULT_CHANNELS.quiz).find((x) => x.id === post.id);
      return m?.embeds[0]?.title?.endsWith('— answer') ? m : undefined;
    }, 'the reveal edit', 10_000);
    const buttons = buttonsOf(revealed).filter((b) => b.custom_id.startsWith('daily:'));
    expect(buttons).toHaveLength(question.options.length);
    expect(buttons.every((b) => b.disabled)).toBe(true);
    expect(buttons.filter((b) => b.style === ButtonStyle.Success).map((b) => b.custom_id)).toEqual(question.answers.map((i) => `daily:a:${quiz.id}:${i}`));
    const report = buttonsOf(revealed).find((b) => b.label === 'Report question');
    expect(report).toMatchObject({ custom_id: `questions:rb:d${quiz.id}:${question.id}` });
    expect(report!.disabled).toBeFalsy();
    const fields = Object.fromEntries((revealed.embeds[0]!.fields ?? []).map((f) => [f.name, f.value]));
    expect(fields.Explanation).toContain(question.explanation.slice(0, 40));
    expect(fields.Source).toContain(question.source.file);
    expect(fields.Results).toMatch(/^3 answered · 2 right/);
    expect(fields['First correct']).toMatch(new RegExp(`1\\. <@${alice.id}> \\+\\d+\\n2\\. <@${carol.id}>`));
    expect(revealed.content).toBe('');
    const edit = discord.requests.filter((r) => r.method === 'PATCH' && r.path.endsWith(`/messages/${post.id}`)).at(-1)!;
    expect((edit.body as { allowed_mentions: unknown }).allowed_mentions).toEqual({ parse: [] });

    // Points are awarded in the transaction that closes the quiz, right after the announcement.
    const stored = await until(async () => ((await bot.store.getQuiz(quiz.id))?.state === 'revealed' ? true : undefined));
    expect(stored).toBe(true);
    const ledger = await bot.store.ledgerFor(DEFAULT_GUILD_ID, alice.id);
    expect(ledger.map((l) => [l.reason, l.points])).toEqual(expect.arrayContaining([['correct', 10], ['first', 3]]));
    expect(await bot.store.ledgerFor(DEFAULT_GUILD_ID, bob.id)).toEqual([]);
  }, 15_000);

  it('a click after the reveal says the quiz is closed and what the answer was', async () => {
    const response = await pick(dave, right()).response();
    expect(textOf(dataOf(response))).toMatch(/is closed/);
    expect(textOf(dataOf(response))).toContain(`The answer was:`);
    expect(await bot.store.getAnswer(quiz.id, dave.id)).toBeUndefined();
  });
});

function questions(sub: string, options: Record<string, string | number> = {}, user: UserSeed = alice, memberPermissions = ADMIN) {
  return discord.interact({ type: 'command', name: 'questions', subcommand: sub, options, user, memberPermissions });
}

/** `user` reports the revealed quiz's question for `reason`: Report button, then the private menu. */
async function reportAs(user: UserSeed, reason: string) {
  const revealed = discord.messages(DEFAULT_CHANNELS.quiz).find((m) => m.id === post.id)!;
  const button = buttonsOf(revealed).find((b) => b.label === 'Report question')!;
  const opened = discord.interact({ type: 'button', customId: button.custom_id, user, channelId: DEFAULT_CHANNELS.quiz, message: revealed });
  const menu = await opened.response();
  expect(isEphemeral(dataOf(menu))).toBe(true);
  const reasons = selectOf(dataOf(menu) as Pick<APIMessage, 'components'>)!;
  expect(reasons.custom_id).toBe(`questions:rr:d${quiz.id}:${question.id}`);
  const message = await opened.original(); // the private reply, to click its menu
  return discord.interact({ type: 'select', customId: reasons.custom_id, values: [reason], user, channelId: DEFAULT_CHANNELS.quiz, message }).response();
}

describe('reporting a question', () => {
  it('Report question on the revealed quiz opens a private menu of reasons; one report per member, changed by reporting again', async () => {
    const first = await reportAs(alice, 'ambiguous');
    expect(first.type).toBe(InteractionResponseType.UpdateMessage);
    expect(textOf(dataOf(first))).toMatch(/reported as \*\*Ambiguous\*\*/);
    expect(dataOf(first).components).toEqual([]);
    const again = await reportAs(alice, 'wrong-answer');
    expect(textOf(dataOf(again))).toMatch(/your report now says \*\*Wrong answer\*\*/);
    expect(await bot.store.getReportedQuestion(DEFAULT_GUILD_ID, question.id)).toMatchObject({ reporters: 1, byReason: { 'wrong-answer': 1, ambiguous: 0 } });
    // Nothing about reports reaches the channel.
    const publicText = discord.messages(DEFAULT_CHANNELS.quiz).filter((m) => !((m.flags ?? 0) & MessageFlags.Ephemeral)).map((m) => JSON.stringify(m.embeds)).join('');
    expect(publicText).not.toMatch(/reported as/);
  });

  it('refuses forged or stale report ids privately, recording nothing', async () => {
    const forged = [
      `questions:rb:d${quiz.id}:q_0000000000000000`, // not this quiz's question
      `questions:rb:d999999:${question.id}`, // no such quiz
      'questions:rb:zz',
      'questions:rt', // an admin id, malformed
    ];
    for (const customId of forged) {
      const response = await discord.interact({ type: 'button', customId, user: dave, channelId: DEFAULT_CHANNELS.quiz }).response();
      expect(response.status, customId).toBe(204);
      expect(isEphemeral(dataOf(response))).toBe(true);
      expect(textOf(dataOf(response))).toMatch(/isn't one studybot made/);
    }
    const badReason = await discord
      .interact({ type: 'select', customId: `questions:rr:d${quiz.id}:${question.id}`, values: ['boring'], user: dave, channelId: DEFAULT_CHANNELS.quiz })
      .response();
    expect(textOf(dataOf(badReason))).toMatch(/isn't one studybot made/);
    // An admin's button clicked by someone without Manage Server.
    const notAdmin = await discord.interact({ type: 'button', customId: `questions:rtc:${question.id}`, user: dave, channelId: DEFAULT_CHANNELS.quiz }).response();
    expect(textOf(dataOf(notAdmin))).toMatch(/Only members with \*\*Manage Server\*\*/);
    expect(await bot.store.retiredQuestionIds(DEFAULT_GUILD_ID)).toEqual([]);
    expect((await bot.store.getReportedQuestion(DEFAULT_GUILD_ID, question.id))?.reporters).toBe(1);
  });

  it('reported by 3 members, the question is held out of the daily quiz and /daily status says so', async () => {
    await reportAs(bob, 'wrong-answer');
    await reportAs(carol, 'outdated');
    expect(await bot.store.heldQuestionIds(DEFAULT_GUILD_ID, 3)).toEqual([question.id]);
    expect(textOf(dataOf(await daily('status').response()))).toMatch(/1 question is held out of the quiz after 3\+ reports: decide with `\/questions reports`/);
  });

  it('/questions reports lists it with counts per reason, for managers only', async () => {
    const registered = discord.commands(DEFAULT_GUILD_ID).find((c) => c.name === 'questions')!;
    expect(registered.default_member_permissions).toBe(String(PermissionFlagsBits.ManageGuild));
    expect(registered.contexts).toEqual([0]);
    const refused = await questions('reports', {}, bob, PermissionFlagsBits.ViewChannel).response();
    expect(isEphemeral(dataOf(refused))).toBe(true);
    expect(textOf(dataOf(refused))).toMatch(/Manage Server/);

    const list = await questions('reports').response();
    const data = dataOf(list);
    expect(isEphemeral(data)).toBe(true);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    const field = data.embeds![0]!.fields![0]!;
    expect(field.name).toMatch(/^1\. .* — reported by 3 members · ⏸ held from the daily quiz$/);
    expect(field.value).toContain(question.stem.slice(0, 40));
    expect(field.value).toContain('Wrong answer 2 · Outdated 1');
    expect(buttonsOf(data as Pick<APIMessage, 'components'>).map((b) => b.label)).toEqual(['Retire #1', 'Dismiss reports #1']);
  });

  it('an admin retires it from there, confirmed privately; it leaves the list', async () => {
    const listCall = questions('reports');
    const list = await listCall.original();
    const retire = buttonsOf(list).find((b) => b.label === 'Retire #1')!;
    const promptCall = discord.interact({ type: 'button', customId: retire.custom_id, user: alice, memberPermissions: ADMIN, message: list });
    const prompt = await promptCall.response();
    expect(prompt.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(isEphemeral(dataOf(prompt))).toBe(true);
    expect(textOf(dataOf(prompt))).toMatch(/Retire this question on this server\?/);
    expect(await bot.store.retiredQuestionIds(DEFAULT_GUILD_ID)).toEqual([]); // nothing happens before the confirmation

    const confirm = buttonsOf(dataOf(prompt) as Pick<APIMessage, 'components'>).find((b) => b.label === 'Retire question')!;
    const done = await discord.interact({ type: 'button', customId: confirm.custom_id, user: alice, memberPermissions: ADMIN, message: await promptCall.original() }).response();
    expect(done.type).toBe(InteractionResponseType.UpdateMessage);
    expect(textOf(dataOf(done))).toMatch(/Retired: .*never be asked on this server again/s);
    expect(await bot.store.retiredQuestionIds(DEFAULT_GUILD_ID)).toEqual([question.id]);
    expect(textOf(dataOf(await questions('reports').response()))).toMatch(/No open reports/);

    // Reporting a retired question is politely declined.
    const late = await discord.interact({ type: 'button', customId: `questions:rb:d${quiz.id}:${question.id}`, user: dave, channelId: DEFAULT_CHANNELS.quiz }).response();
    expect(textOf(dataOf(late))).toMatch(/already retired/);
  });

  it('the next daily quizzes in this server never use it, even cycling through its own topic', async () => {
    const deps = bot.scheduler.scheduler.deps;
    const config = (await bot.store.getGuildConfig(DEFAULT_GUILD_ID))!;
    const sameTopic = bot.services.quiz!.bank.questions.filter((q) => q.topic === question.topic && q.kind === 'curated');
    await bot.store.upsertGuildConfig({ ...config, topicFilter: question.topic });
    try {
      const picked: string[] = [];
      // Days long past, so none of these claims is ever due for posting; each goes through the daily quiz's one choosing path.
      for (let d = 0; d < sameTopic.length * 2 + 2; d++) {
        const day = new Date(Date.UTC(2019, 0, 1 + d, 9));
        const claim = await chooseAndClaim(deps, { ...config, topicFilter: question.topic }, day.toISOString().slice(0, 10), {
          opensAt: day,
          closesAt: new Date(day.getTime() + 3_600_000),
        });
        expect(claim.status).toBe('claimed');
        if (claim.status === 'claimed') picked.push(claim.quiz.questionId);
      }
      expect(picked).not.toContain(question.id);
      if (sameTopic.length > 1) expect(new Set(picked)).toEqual(new Set(sameTopic.filter((q) => q.id !== question.id).map((q) => q.id)));
    } finally {
      await bot.store.upsertGuildConfig(config);
    }
  });
});

describe('/leaderboard', () => {
  it('ranks with ties, and opens at the caller’s own page with working navigation', async () => {
    const localDate = clock.now().toISOString().slice(0, 10);
    // 24 more players: two tied at the top, the rest below alice; bob gets 1 point and lands on page 3.
    const extra = Array.from({ length: 24 }, (_, i) => ({ userId: `9000000000000000${String(i).padStart(2, '0')}`, points: i < 2 ? 50 : 11 - Math.floor(i / 4) }));
    await bot.store.addPoints([...extra, { userId: bob.id, points: 1 }].map((e) => ({ ...e, guildId: DEFAULT_GUILD_ID, reason: 'admin', localDate })));

    const top = await discord.interact({ type: 'command', name: 'leaderboard', options: { period: 'all', page: 1 }, user: alice }).response();
    const first = dataOf(top).embeds![0]!;
    const lines = first.description!.split('\n');
    expect(lines[0]).toMatch(/^🥇 <@900000000000000000> — 50 pts/);
    expect(lines[1]).toMatch(/^🥇 <@900000000000000001> — 50 pts/);
    expect(lines[2]).toMatch(new RegExp(`^🥉 <@${alice.id}> — 13 pts.*◀ you`));
    expect(first.footer?.text).toMatch(/Page 1 of 3/);

    const mine = await discord.interact({ type: 'command', name: 'leaderboard', options: { period: 'all' }, user: bob }).original();
    expect(mine.embeds[0]!.footer?.text).toMatch(/Page 3 of 3/);
    expect(mine.embeds[0]!.description).toMatch(new RegExp(`<@${bob.id}> — 1 pts ◀ you`));
    const prev = buttonsOf(mine).find((b) => b.label === 'Previous')!;
    const paged = await discord.interact({ type: 'button', customId: prev.custom_id, user: bob, message: mine }).response();
    expect(paged.type).toBe(InteractionResponseType.UpdateMessage);
    expect(dataOf(paged).embeds![0]!.footer?.text).toMatch(/Page 2 of 3/);
  });

  it('this week counts in the guild’s zone, and a forged page is clamped', async () => {
    const week = await discord.interact({ type: 'command', name: 'leaderboard', options: { period: 'week' }, user: carol }).response();
    expect(dataOf(week).embeds![0]!.title).toBe('Leaderboard — this week');
    expect(dataOf(week).embeds![0]!.footer?.text).toMatch(/\d{4}-\d{2}-\d{2} – \d{4}-\d{2}-\d{2}, UTC/);
    const forged = await discord.interact({ type: 'button', customId: 'lb:all:999999', user: carol }).response();
    expect(dataOf(forged).embeds![0]!.footer?.text).toMatch(/Page 3 of 3/);
  });
});

describe('/stats', () => {
  it('shows points, rank, accuracy, streaks and topics', async () => {
    const mine = await discord.interact({ type: 'command', name: 'stats', user: alice }).response();
    const fields = Object.fromEntries((dataOf(mine).embeds![0]!.fields ?? []).map((f) => [f.name, f.value]));
    expect(fields).toMatchObject({ Points: '13', Rank: '#3', Answered: '1', Accuracy: '100% (1 right)', Streak: '1 now · best 1' });
    expect(fields['By topic']).toContain(`${quiz.topic}: 1/1 (100%)`.replace(/[*_`~|]/g, (c) => `\\${c}`));
  });

  it('names the weakest topics, and works for someone who left the server', async () => {
    const bobs = await discord.interact({ type: 'command', name: 'stats', options: { user: bob.id }, user: alice }).response();
    const fields = Object.fromEntries((dataOf(bobs).embeds![0]!.fields ?? []).map((f) => [f.name, f.value]));
    expect(fields.Accuracy).toBe('0% (0 right)');
    expect(fields['Weakest topics']).toContain('0%');
    const left = await discord.interact({ type: 'command', name: 'stats', options: { user: gone.id }, user: alice }).response();
    expect(left.status).toBe(204);
    expect(textOf(dataOf(left))).toMatch(/nothing yet/);
  });
});

describe('/daily status, pause, resume, now', () => {
  it('status shows the schedule, the last quiz and problems', async () => {
    const status = await daily('status').response();
    const text = textOf(dataOf(status));
    expect(text).toContain(`<#${DEFAULT_CHANNELS.quiz}>`);
    expect(text).toMatch(/#1 \(\d{4}-\d{2}-\d{2}, .*\): revealed, 3 answered/);
    expect(text).toMatch(/Questions\ncurated only/);
    expect(text).toMatch(/Problems\nnone found/);
  });

  it('status names a channel the bot can no longer post in', async () => {
    const config = (await bot.store.getGuildConfig(DEFAULT_GUILD_ID))!;
    await bot.store.upsertGuildConfig({ ...config, channelId: RESTRICTED_CHANNELS.locked });
    try {
      const text = textOf(dataOf(await daily('status').response()));
      expect(text).toMatch(/⚠️ I am missing Send Messages in <#\d+>/);
    } finally {
      await bot.store.upsertGuildConfig(config);
    }
  });

  it('pause and resume take effect without a restart', async () => {
    await daily('pause').response();
    expect((await bot.store.getGuildConfig(DEFAULT_GUILD_ID))?.paused).toBe(true);
    expect(bot.scheduler.scheduler.scheduledGuilds()).not.toContain(DEFAULT_GUILD_ID);
    await daily('resume').response();
    expect((await bot.store.getGuildConfig(DEFAULT_GUILD_ID))?.paused).toBe(false);
    expect(bot.scheduler.scheduler.scheduledGuilds()).toContain(DEFAULT_GUILD_ID);
  });

  it('now posts today’s quiz at once where none was posted, and not a second one', async () => {
    const again = await daily('now').original();
    expect(textOf({ embeds: again.embeds })).toMatch(/already posted/);
    expect(discord.messages(DEFAULT_CHANNELS.quiz).filter((m) => (m.embeds[0]?.title ?? '').startsWith('Daily quiz #'))).toHaveLength(1);

    // Post time a minute ago: today's quiz is due and its window (until an hour before tomorrow's) is long, at any hour.
    const minuteAgo = hhmm(new Date(clock.now().getTime() - 60_000));
    await daily('setup', { channel: OTHER_GUILD.channel, time: minuteAgo, timezone: 'UTC' }, dave, ADMIN, OTHER_GUILD.id).response();
    const now = await daily('now', {}, dave, ADMIN, OTHER_GUILD.id).original();
    expect(textOf({ embeds: now.embeds })).toMatch(/Today's quiz is posted/);
    const posted = await discord.waitForMessage(OTHER_GUILD.channel, (m) => (m.embeds[0]?.title ?? '').startsWith('Daily quiz #'));
    expect(posted.content).toBe(''); // no role configured: no ping
  });
});

let multiQuiz: { id: number; messageId: string; menu: string; values: string[] };

describe('a multiple-response question', () => {
  it('is answered with the menu: several picks recorded together, graded with partial credit', async () => {
    const multi = bot.services.quiz!.bank.questions.find((q) => q.answers.length === 2 && q.options.length >= 4)!;
    const claimed = await bot.store.claimDailyQuiz({
      guildId: DEFAULT_GUILD_ID,
      localDate: '2022-02-02',
      questionId: multi.id,
      topic: multi.topic,
      channelId: DEFAULT_CHANNELS.quiz,
      opensAt: new Date(clock.now().getTime() - 1000),
      closesAt: new Date(clock.now().getTime() + 3_600_000),
    });
    const { messageId } = await bot.scheduler.scheduler.deps.publisher.post(claimed.quiz, multi);
    await bot.store.markPosted(claimed.quiz.id, messageId);
    const message = discord.messages(DEFAULT_CHANNELS.quiz).find((m) => m.id === messageId)!;
    const menu = selectOf(message)!;
    expect(menu.custom_id).toBe(`daily:m:${claimed.quiz.id}`);
    expect(message.embeds[0]!.description).toContain('*Choose 2.*');

    const wrongOne = multi.options.findIndex((_, i) => !multi.answers.includes(i));
    const full = await discord.interact({ type: 'select', customId: menu.custom_id, values: multi.answers.map(String), user: carol, message }).response();
    expect(textOf(dataOf(full))).toMatch(/Got it! You picked/);
    const half = await discord.interact({ type: 'select', customId: menu.custom_id, values: [String(multi.answers[0]), String(wrongOne)], user: dave, message }).response();
    expect(isEphemeral(dataOf(half))).toBe(true);
    const forged = await discord.interact({ type: 'select', customId: menu.custom_id, values: ['7'], user: bob, message }).response();
    expect(textOf(dataOf(forged))).toMatch(/isn't part of this question/);

    expect(await bot.store.getAnswer(claimed.quiz.id, carol.id)).toMatchObject({ correct: true, credit: 1 });
    expect(await bot.store.getAnswer(claimed.quiz.id, dave.id)).toMatchObject({ correct: false, credit: 0 });
    expect(await bot.store.getAnswer(claimed.quiz.id, bob.id)).toBeUndefined();
    multiQuiz = { id: claimed.quiz.id, messageId, menu: menu.custom_id, values: multi.answers.map(String) };
  });

  it('200 people answering at once all get their confirmation, and the count takes a handful of edits', async () => {
    const editsBefore = discord.requests.filter((r) => r.method === 'PATCH' && r.path.endsWith(`/messages/${multiQuiz.messageId}`)).length;
    const message = discord.messages(DEFAULT_CHANNELS.quiz).find((m) => m.id === multiQuiz.messageId)!;
    const crowd = Array.from({ length: 200 }, (_, i) => ({ id: String(800000000000000000n + BigInt(i)), username: `player${i}` }));
    const responses = await Promise.all(
      crowd.map((user) => discord.interact({ type: 'select', customId: multiQuiz.menu, values: multiQuiz.values, user, message }).response()),
    );
    expect(responses.every((r) => r.status === 204 && isEphemeral(dataOf(r)) && /Got it!/.test(textOf(dataOf(r))))).toBe(true);
    expect(await bot.store.answerCount(multiQuiz.id)).toBe(202);
    await discord.waitFor(() => {
      const m = discord.messages(DEFAULT_CHANNELS.quiz).find((x) => x.id === multiQuiz.messageId);
      return m?.embeds[0]?.fields?.find((f) => f.name === 'Answers')?.value === '202 answered' ? true : undefined;
    }, 'the count to reach 202');
    const edits = discord.requests.filter((r) => r.method === 'PATCH' && r.path.endsWith(`/messages/${multiQuiz.messageId}`)).length - editsBefore;
    expect(edits).toBeLessThanOrEqual(40);
  }, 20_000);
});

describe('a question removed from the notes', () => {
  it('a click on its quiz says so with the stored topic; nothing breaks', async () => {
    const claimed = await bot.store.claimDailyQuiz({
      guildId: DEFAULT_GUILD_ID,
      localDate: '2021-06-01',
      questionId: 'q_removed_from_notes',
      topic: 'Retired topic',
      channelId: DEFAULT_CHANNELS.quiz,
      opensAt: new Date(clock.now().getTime() - 1000),
      closesAt: new Date(clock.now().getTime() + 3_600_000),
    });
    await bot.store.markPosted(claimed.quiz.id, '2');
    const response = await discord.interact({ type: 'button', customId: `daily:a:${claimed.quiz.id}:0`, user: carol, channelId: DEFAULT_CHANNELS.quiz }).response();
    expect(response.status).toBe(204);
    expect(textOf(dataOf(response))).toMatch(/Retired topic.*no longer in the notes/);
  });
});
