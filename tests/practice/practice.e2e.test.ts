/**
 * /practice end to end: the real discord.js client against the test Discord server, the shipped notes and question
 * bank, and an in-memory SQLite store. The bot's clock is the test's, so "due later" needs no waiting.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ComponentType, InteractionResponseType, MessageFlags, type APIEmbed, type APIMessage } from 'discord.js';
import practice from '../../commands/practice.ts';
import questionsCommand from '../../commands/questions.ts';
import { loadCommands, validateCommand } from '../../src/discord/loadCommands.ts';
import { registerCommands } from '../../src/discord/registerCommands.ts';
import { parsePracticeCustomId } from '../../src/discord/render/practice.ts';
import { startBot, type RunningBot } from '../../src/discord/startBot.ts';
import type { QuestionBank } from '../../src/quiz/bank.ts';
import { loadQuestionBank } from '../../src/quiz/loadQuestionBank.ts';
import type { Question } from '../../src/quiz/schema.ts';
import { createDailyHandle, loadKnowledgeServices } from '../../src/services.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { captureLogger } from '../discord/harness.ts';
import { DEFAULT_GUILD_ID, DEFAULT_USERS, startDiscordServer, type DiscordTestServer, type UserSeed } from '../support/discordServer.ts';

const COMMANDS_DIR = fileURLToPath(new URL('../../commands', import.meta.url));
const KNOWLEDGE_DIR = fileURLToPath(new URL('../../knowledge', import.meta.url));
const { alice, bob } = DEFAULT_USERS;

let discord: DiscordTestServer;
let bot: RunningBot;
let store: Store;
let bank: QuestionBank;
let now = new Date('2026-03-02T09:00:00Z');
const logs = captureLogger();

type Data = { content?: string; flags?: number; embeds?: APIEmbed[]; components?: APIMessage['components']; allowed_mentions?: unknown };
const dataOf = (r: { data: unknown }) => r.data as Data;
const isEphemeral = (d: Data) => ((d.flags ?? 0) & MessageFlags.Ephemeral) === MessageFlags.Ephemeral;
const embedOf = (d: Data): APIEmbed => {
  expect(d.embeds).toHaveLength(1);
  return d.embeds![0]!;
};
const textOf = (d: Data) =>
  (d.embeds ?? []).flatMap((e) => [e.title ?? '', e.description ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text ?? '']).join('\n');

interface Component {
  type: number;
  custom_id: string;
  label?: string;
}
const componentsOf = (d: Pick<Data, 'components'>): Component[] =>
  (d.components ?? []).flatMap((row) => (row as unknown as { components: Component[] }).components);

/** The question a practice message shows, read from its answer components' custom ids. */
function shownQuestion(d: Data): { question: Question; reps: number; components: Component[] } {
  const components = componentsOf(d);
  const first = parsePracticeCustomId(components[0]?.custom_id ?? '');
  if (first.kind !== 'answer' && first.kind !== 'select') throw new Error(`not a practice question: ${JSON.stringify(components)}`);
  const question = bank.byId.get(first.questionId);
  if (!question) throw new Error(`question ${first.questionId} is not in the bank`);
  return { question, reps: first.reps, components };
}

/** Clicks the button (or picks in the select) for `choices` on a question message. */
function answer(message: APIMessage, choices: number[], user: UserSeed = alice) {
  const { question, components } = shownQuestion(message as Data);
  if (question.answers.length > 1) {
    return discord.interact({ type: 'select', customId: components[0]!.custom_id, values: choices.map(String), user, message });
  }
  const button = components.find((c) => c.custom_id.endsWith(`:${choices[0]}`))!;
  return discord.interact({ type: 'button', customId: button.custom_id, user, message });
}

const wrongChoice = (q: Question) => [q.options.findIndex((_, i) => !q.answers.includes(i))];

function ask(options: Record<string, string> = {}, user: UserSeed = alice) {
  return discord.interact({ type: 'command', name: 'practice', options, user });
}

beforeAll(async () => {
  discord = await startDiscordServer();
  const services = await loadKnowledgeServices(KNOWLEDGE_DIR, logs.logger);
  bank = (await loadQuestionBank(services.knowledge, KNOWLEDGE_DIR)).bank;
  store = await openStore('sqlite::memory:', { now: () => now });
  const command = validateCommand(practice, 'commands/practice.ts');
  // /questions owns the Report button's custom ids.
  const commands = [command, validateCommand(questionsCommand, 'commands/questions.ts')];
  await registerCommands({ token: discord.token, apiUrl: discord.apiUrl, guildId: DEFAULT_GUILD_ID, commands, applicationId: discord.applicationId });
  bot = await startBot({
    config: { DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl },
    services: { ...services, quiz: { store, bank, daily: createDailyHandle() } },
    logger: logs.logger,
    commands,
    now: () => now,
    client: { rest: { timeout: 5_000, retries: 1 } },
  });
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  await store?.close();
  await discord?.close();
});

describe('/practice through Discord', () => {
  it('is registered from the commands folder with a topic option that autocompletes', async () => {
    const loaded = await loadCommands(COMMANDS_DIR);
    expect(loaded.map((c) => c.data.name)).toContain('practice');
    const registered = discord.commands(DEFAULT_GUILD_ID).find((c) => c.name === 'practice');
    expect(registered?.options?.[0]).toMatchObject({ name: 'topic', autocomplete: true });

    const response = await discord.interact({ type: 'autocomplete', name: 'practice', options: { topic: 'ec2' }, focused: 'topic' }).response();
    expect(response.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
    const choices = (response.data as { choices: Array<{ name: string; value: string }> }).choices;
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const c of choices) {
      expect(c.value.toLowerCase()).toContain('ec2');
      expect(bank.byTopic.has(c.value)).toBe(true);
    }
  });

  it('asks a private question with options as components and the due count in the footer', async () => {
    const call = ask();
    const response = await call.response();
    expect(response.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    const data = dataOf(response);
    expect(isEphemeral(data)).toBe(true);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    const { question, reps, components } = shownQuestion(data);
    expect(reps).toBe(0);
    const embed = embedOf(data);
    expect(embed.description).toContain(question.stem.slice(0, 40));
    expect(embed.description).toContain('New question');
    expect(embed.footer?.text).toContain(`${question.topic} · due reviews: 0`);
    if (question.answers.length > 1) expect(components[0]!.type).toBe(ComponentType.StringSelect);
    else expect(components.map((c) => c.label?.slice(0, 1))).toEqual(['A', 'B', 'C', 'D', 'E', 'F'].slice(0, question.options.length));
    for (const c of components) expect(c.custom_id.length).toBeLessThanOrEqual(100);
  });

  it('a right answer updates the message with the verdict, answer, explanation, source and a Next button, and records a card', async () => {
    const call = ask({}, bob);
    const message = await call.original();
    const { question } = shownQuestion(message as Data);
    const response = await answer(message, question.answers, bob).response();
    expect(response.type).toBe(InteractionResponseType.UpdateMessage);
    const data = dataOf(response);
    const embed = embedOf(data);
    expect(embed.title).toMatch(/^✅ Right!/);
    const fields = Object.fromEntries((embed.fields ?? []).map((f) => [f.name, f.value]));
    expect(fields.Answer ?? fields.Answers).toContain(question.options[question.answers[0]!]!.slice(0, 30));
    expect(fields.Explanation).toContain(question.explanation.slice(0, 30));
    expect(fields.Source).toContain(question.source.file);
    expect(fields.Source).toContain(' › ');
    expect(componentsOf(data).map((c) => [c.label, c.custom_id])).toEqual([
      ['Next question', 'practice:n:'],
      ['Report question', `questions:rb:p:${question.id}`],
    ]);

    const card = await store.getPracticeCard(bob.id, question.id);
    expect(card).toMatchObject({ reps: 1, lastCorrect: true });
    expect(card!.due.getTime()).toBeGreaterThan(now.getTime());
    // Practice never awards points.
    expect((await store.leaderboard({ guildId: DEFAULT_GUILD_ID, limit: 10 })).total).toBe(0);
  });

  it('a wrong answer says so; once due, that question comes back first as a review; Next moves on', async () => {
    const first = await ask().original();
    const { question } = shownQuestion(first as Data);
    const wrong = await answer(first, wrongChoice(question)).response();
    expect(wrong.type).toBe(InteractionResponseType.UpdateMessage);
    expect(embedOf(dataOf(wrong)).title).toMatch(/^❌ Not quite/);
    const card = await store.getPracticeCard(alice.id, question.id);
    expect(card).toMatchObject({ reps: 1, lastCorrect: false });

    // Before it is due, Next brings a question alice never saw.
    const nextCall = discord.interact({ type: 'button', customId: 'practice:n:', user: alice, message: first });
    const next = await nextCall.response();
    expect(next.type).toBe(InteractionResponseType.UpdateMessage);
    const nextQuestion = shownQuestion(dataOf(next));
    expect(nextQuestion.question.id).not.toBe(question.id);
    expect(nextQuestion.reps).toBe(0);

    now = new Date(card!.due.getTime() + 60_000);
    const review = dataOf(await ask().response());
    expect(shownQuestion(review)).toMatchObject({ question: { id: question.id }, reps: 1 });
    expect(embedOf(review).description).toContain('Review');
    expect(embedOf(review).footer?.text).toMatch(/due reviews: [1-9]/);
  });

  it('a second click on an answered question records nothing and says so privately', async () => {
    const message = await ask().original();
    const { question, components } = shownQuestion(message as Data);
    const staleId = components[0]!.custom_id; // the message is updated in place by the answer
    await answer(message, question.answers).response();
    const before = await store.getPracticeCard(alice.id, question.id);
    const replay =
      question.answers.length > 1
        ? await discord.interact({ type: 'select', customId: staleId, values: wrongChoice(question).map(String), user: alice }).response()
        : await discord.interact({ type: 'button', customId: staleId, user: alice }).response();
    expect(replay.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(isEphemeral(dataOf(replay))).toBe(true);
    expect(textOf(dataOf(replay))).toMatch(/already answered/);
    expect(await store.getPracticeCard(alice.id, question.id)).toEqual(before);
  });

  it('"choose N" questions take a select; partly right counts as a miss', async () => {
    const multi = bank.questions.find((q) => q.answers.length > 1)!;
    const partial = [multi.answers[0]!, multi.options.findIndex((_, i) => !multi.answers.includes(i))];
    const customId = `practice:m::${multi.id}:0`;
    const response = await discord.interact({ type: 'select', customId, values: partial.map(String), user: bob }).response();
    expect(response.type).toBe(InteractionResponseType.UpdateMessage);
    expect(embedOf(dataOf(response)).title).toMatch(/^🟡 Partly right — counts as a miss/);
    expect(textOf(dataOf(response))).toContain('Your picks');
    expect(await store.getPracticeCard(bob.id, multi.id)).toMatchObject({ reps: 1, lastCorrect: false });
  });

  it('keeps to a topic, also across "Next question"', async () => {
    const topic = [...bank.byTopic.keys()].find((t) => (bank.byTopic.get(t)?.length ?? 0) >= 3)!;
    const message = await ask({ topic: topic.toUpperCase() }).original();
    const { question } = shownQuestion(message as Data);
    expect(question.topic).toBe(topic);
    const result = await answer(message, question.answers).response();
    const nextId = componentsOf(dataOf(result))[0]!.custom_id;
    expect(nextId).toMatch(/^practice:n:[0-9a-f]{8}$/);
    const next = await discord.interact({ type: 'button', customId: nextId, user: alice }).response();
    expect(shownQuestion(dataOf(next)).question.topic).toBe(topic);

    const unknown = dataOf(await ask({ topic: 'Underwater basket weaving' }).response());
    expect(isEphemeral(unknown)).toBe(true);
    expect(textOf(unknown)).toMatch(/no topic called/);
  });

  it('answers forged or stale custom ids with a polite private notice, recording nothing', async () => {
    const cardsBefore = await store.listPracticeCards(alice.id);
    const someQuestion = bank.questions.find((q) => q.answers.length === 1 && q.options.length < 6)!;
    const forged = [
      'practice:zz',
      'practice:a::not an id:0:1',
      `practice:a::${someQuestion.id}:0:5`,
      `practice:a:deadbeef:${someQuestion.id}:0:0`,
      'practice:n:0123456',
    ];
    for (const customId of forged) {
      const response = await discord.interact({ type: 'button', customId, user: alice }).response();
      expect(response.type, customId).toBe(InteractionResponseType.ChannelMessageWithSource);
      expect(isEphemeral(dataOf(response))).toBe(true);
      expect(textOf(dataOf(response))).toMatch(/isn't one studybot made/);
    }
    const gone = await discord.interact({ type: 'button', customId: 'practice:a::q_0000000000000000:0:1', user: alice }).response();
    expect(isEphemeral(dataOf(gone))).toBe(true);
    expect(textOf(dataOf(gone))).toMatch(/no longer in the question bank/);
    expect(componentsOf(dataOf(gone)).map((c) => c.custom_id)).toEqual(['practice:n:']);
    expect(await store.listPracticeCards(alice.id)).toEqual(cardsBefore);
  });

  it('Report question on a result records a private report for the server; once retired there, practice never asks it', async () => {
    const topic = [...bank.byTopic.keys()].find((t) => (bank.byTopic.get(t)?.length ?? 0) >= 3)!;
    const message = await ask({ topic }, bob).original();
    const { question, components } = shownQuestion(message as Data);
    const shownIds = components.map((c) => c.custom_id); // the message is updated in place by the answer
    const result = await answer(message, question.answers, bob).response();
    const report = componentsOf(dataOf(result)).find((c) => c.label === 'Report question')!;
    const opened = discord.interact({ type: 'button', customId: report.custom_id, user: bob, message });
    const menu = componentsOf(dataOf(await opened.response()))[0]!;
    expect(menu.custom_id).toBe(`questions:rr:p:${question.id}`);
    const saved = await discord.interact({ type: 'select', customId: menu.custom_id, values: ['wording'], user: bob, message: await opened.original() }).response();
    expect(saved.type).toBe(InteractionResponseType.UpdateMessage);
    expect(textOf(dataOf(saved))).toMatch(/reported as \*\*Typo or wording\*\*/);
    expect(await store.getReportedQuestion(DEFAULT_GUILD_ID, question.id)).toMatchObject({ reporters: 1, byReason: { wording: 1 } });

    // A practice report id for a question the member never answered is not one the bot showed them.
    const other = bank.questions.find((q) => q.id !== question.id)!;
    const forged = await discord.interact({ type: 'button', customId: `questions:rb:p:${other.id}`, user: { id: '1999999999999999999', username: 'eve' } }).response();
    expect(isEphemeral(dataOf(forged))).toBe(true);
    expect(textOf(dataOf(forged))).toMatch(/isn't one studybot made/);

    await store.retireQuestion(DEFAULT_GUILD_ID, question.id, alice.id);
    const asked: string[] = [];
    let next = await ask({ topic }, bob).original();
    for (let i = 0; i < (bank.byTopic.get(topic)?.length ?? 0) + 2; i++) {
      const shown = shownQuestion(next as Data).question;
      asked.push(shown.id);
      await answer(next, shown.answers, bob).response();
      next = await ask({ topic }, bob).original();
    }
    expect(asked).not.toContain(question.id);
    // Answering its question from an older message records nothing.
    const aliceBefore = await store.getPracticeCard(alice.id, question.id);
    const stale =
      question.answers.length > 1
        ? await discord.interact({ type: 'select', customId: shownIds[0]!, values: question.answers.map(String), user: alice }).response()
        : await discord.interact({ type: 'button', customId: shownIds[question.answers[0]!]!, user: alice }).response();
    expect(textOf(dataOf(stale))).toMatch(/retired that question on this server/);
    expect(await store.getPracticeCard(alice.id, question.id)).toEqual(aliceBefore);
  });
});
