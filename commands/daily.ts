import {
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type ChatInputCommandInteraction,
  type MessageComponentInteraction,
} from 'discord.js';
import { channelProblems, QUIZ_CHANNEL_TYPES } from '../src/discord/quizPublisher.ts';
import { forUpdate } from '../src/discord/render/common.ts';
import {
  DAILY_PREFIX,
  parseQuizCustomId,
  parseSelectValues,
  renderAlreadyAnswered,
  renderAnswerRecorded,
  renderBadPick,
  renderDailyNotice,
  renderDailyRefusal,
  renderDailyStatus,
  renderQuestionGone,
  renderQuizClosed,
  renderQuizNotOpen,
  renderQuizUnknown,
  renderSetupSaved,
  textChoices,
} from '../src/discord/render/quiz.ts';
import type { BotContext, Command } from '../src/discord/types.ts';
import { submitDailyAnswer } from '../src/quiz/daily/answer.ts';
import { addDays, isValidTimeZone, localDateOf, normalizePostTime } from '../src/schedule/localTime.ts';
import { formatOpenFor, parseOpenFor } from '../src/schedule/openFor.ts';
import { nextPostInstant } from '../src/schedule/window.ts';
import type { QuizServices } from '../src/services.ts';
import { isCurated } from '../src/quiz/daily/select.ts';
import { HOLD_AFTER_REPORTS } from '../src/schedule/postQuiz.ts';
import { QUESTION_SETS, type DailyQuiz, type GuildConfig } from '../src/store/types.ts';

const data = new SlashCommandBuilder()
  .setName('daily')
  .setDescription('Set up and run the daily quiz (server managers)')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((s) =>
    s
      .setName('setup')
      .setDescription('Where and when the daily quiz is posted')
      .addChannelOption((o) =>
        o.setName('channel').setDescription('Text channel for the quiz').setRequired(true).addChannelTypes(...QUIZ_CHANNEL_TYPES),
      )
      .addStringOption((o) => o.setName('time').setDescription('Post time, 24-hour HH:MM, e.g. 09:00').setRequired(true).setMaxLength(5))
      .addStringOption((o) =>
        o.setName('timezone').setDescription('IANA time zone, e.g. Europe/Berlin').setRequired(true).setMaxLength(64).setAutocomplete(true),
      )
      .addRoleOption((o) => o.setName('role').setDescription('Role to ping with each quiz (the only ping the bot makes)'))
      .addStringOption((o) =>
        o.setName('open_for').setDescription('How long answers are taken, e.g. 45m, 6h (default: until 1h before the next)').setMaxLength(16),
      )
      .addStringOption((o) => o.setName('topic').setDescription('Only questions on this topic').setMaxLength(100).setAutocomplete(true))
      .addStringOption((o) =>
        o
          .setName('questions')
          .setDescription('Which questions to ask (default: all, curated ones first)')
          .addChoices({ name: 'All — curated first, then generated', value: 'all' }, { name: 'Curated only', value: 'curated' }),
      ),
  )
  .addSubcommand((s) => s.setName('status').setDescription('Next post, last quiz, and anything that stops the quiz'))
  .addSubcommand((s) => s.setName('pause').setDescription('Stop posting the daily quiz until resumed'))
  .addSubcommand((s) => s.setName('resume').setDescription('Post the daily quiz again'))
  .addSubcommand((s) => s.setName('now').setDescription("Post today's quiz right away (if none was posted today)"))
  .toJSON();

const ZONES = Intl.supportedValuesOf('timeZone');

/** `/daily` replies and quiz clicks need the store; a lookups-only bot has none. */
function quizOf(ctx: BotContext): QuizServices | undefined {
  return ctx.quiz;
}

const NOT_AVAILABLE = renderDailyNotice('The daily quiz is not available: this bot runs without its database.', 'warn');

export const command: Command = {
  data,
  customIdPrefix: DAILY_PREFIX,
  ephemeral: true,

  async execute(interaction, ctx) {
    const quiz = quizOf(ctx);
    if (!quiz) return void (await interaction.reply(NOT_AVAILABLE));
    if (!interaction.inGuild() || !interaction.guildId) {
      return void (await interaction.reply(renderDailyNotice('`/daily` works in a server only.', 'warn')));
    }
    // Discord hides the command from members without Manage Server; check again in case a server changed that.
    if (!interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
      return void (await interaction.reply(renderDailyNotice('Only members with **Manage Server** can change the daily quiz.', 'warn')));
    }
    const sub = interaction.options.getSubcommand(true);
    if (sub === 'setup') return setup(interaction, ctx, quiz);
    if (sub === 'status') return status(interaction, ctx, quiz);
    if (sub === 'pause' || sub === 'resume') return pauseOrResume(interaction, quiz, sub === 'pause');
    if (sub === 'now') return postNow(interaction, quiz);
    await interaction.reply(renderDailyNotice(`Unknown subcommand "${sub}".`, 'warn'));
  },

  async autocomplete(interaction, ctx) {
    const focused = interaction.options.getFocused(true);
    const typed = String(focused.value).trim().toLowerCase();
    if (focused.name === 'timezone') {
      const starts = ZONES.filter((z) => z.toLowerCase().startsWith(typed));
      const contains = ZONES.filter((z) => !z.toLowerCase().startsWith(typed) && z.toLowerCase().includes(typed.replace(/ /g, '_')));
      const utc = typed === '' || 'utc'.startsWith(typed) ? ['UTC'] : [];
      await interaction.respond(textChoices([...new Set([...utc, ...starts, ...contains])]));
      return;
    }
    if (focused.name === 'topic') {
      const topics = [...(ctx.quiz?.bank.byTopic.keys() ?? [])].sort();
      await interaction.respond(textChoices(topics.filter((t) => t.toLowerCase().includes(typed))));
      return;
    }
    await interaction.respond([]);
  },

  async handleComponent(interaction, ctx) {
    await answer(interaction, ctx);
  },
};

async function setup(interaction: ChatInputCommandInteraction, ctx: BotContext, quiz: QuizServices): Promise<void> {
  const guildId = interaction.guildId as string;
  const problems: string[] = [];

  const timeText = interaction.options.getString('time', true).trim();
  const postTime = normalizePostTime(timeText) ?? '';
  if (!postTime) problems.push(`time "${timeText}" is not a 24-hour time: use HH:MM, e.g. 09:00 or 18:30`);

  const timeZone = interaction.options.getString('timezone', true).trim();
  if (!isValidTimeZone(timeZone)) problems.push(`"${timeZone}" is not an IANA time zone: pick one from the list, e.g. Europe/Berlin`);

  const picked = interaction.options.getChannel('channel', true);
  const guild = interaction.guild;
  if (guild && !guild.members.me) await guild.members.fetchMe().catch(() => undefined);
  const channel = guild?.channels.cache.get(picked.id) ?? null;
  problems.push(...channelProblems(channel, `<#${picked.id}>`));

  const openForText = interaction.options.getString('open_for');
  const openFor = openForText === null ? ({ ok: true, minutes: null } as const) : parseOpenFor(openForText);
  if (!openFor.ok) problems.push(openFor.error);

  const topicText = interaction.options.getString('topic')?.trim() || null;
  const topic = topicText === null ? null : [...quiz.bank.byTopic.keys()].find((t) => t.toLowerCase() === topicText.toLowerCase());
  if (topicText !== null && !topic) problems.push(`no questions on the topic "${topicText}": pick a topic from the list`);

  const setText = interaction.options.getString('questions') ?? 'all';
  const questionSet = QUESTION_SETS.find((v) => v === setText);
  if (!questionSet) problems.push(`questions "${setText}" is not one of: ${QUESTION_SETS.join(', ')}`);

  const role = interaction.options.getRole('role');
  if (problems.length > 0 || !questionSet) return void (await interaction.reply(renderDailyRefusal(problems)));

  const config = await quiz.store.upsertGuildConfig({
    guildId,
    channelId: picked.id,
    postTime,
    timeZone,
    roleId: role?.id ?? null,
    openForMinutes: openFor.ok ? openFor.minutes : null,
    topicFilter: topic ?? null,
    questionSet,
    paused: false,
  });
  const notes: string[] = [];
  const noCurated = noCuratedProblem(quiz, config);
  if (noCurated) notes.push(`⚠️ ${noCurated}.`);
  let next: Date | null = nextPostInstant(config, ctx.now());
  if (quiz.daily.running) next = await quiz.daily.reschedule(guildId);
  else notes.push('⚠️ The scheduler is not running in this bot process, so nothing will be posted until it restarts.');
  if (role && !role.mentionable) notes.push(`Note: <@&${role.id}> must be mentionable, or allow me to mention it, for the ping to notify.`);
  ctx.logger.info({ guildId, channelId: config.channelId, postTime, timeZone }, 'daily quiz set up');
  await interaction.reply(renderSetupSaved(config, next, formatOpenFor(config.openForMinutes), notes));
}

/**
 * `questions: curated` with no curated question to ask (in the topic filter, when one is set): the quiz falls back
 * to every question, like a topic filter that matches nothing. The sentence for setup and status, or undefined.
 */
function noCuratedProblem(quiz: QuizServices, config: Pick<GuildConfig, 'questionSet' | 'topicFilter'>): string | undefined {
  if (config.questionSet !== 'curated' || quiz.bank.questions.length === 0) return undefined;
  const topic = config.topicFilter?.toLowerCase();
  const inScope = quiz.bank.questions.filter((q) => !topic || q.topic.toLowerCase() === topic);
  const pool = inScope.length > 0 ? inScope : quiz.bank.questions;
  if (pool.some(isCurated)) return undefined;
  const where = inScope.length > 0 && topic ? ` on the topic "${config.topicFilter}"` : '';
  return `questions is set to curated, but the question bank has no curated questions${where}: the quiz draws from all questions instead`;
}

/** The guild's most recent quiz within the last week (the store looks quizzes up by date). */
async function lastQuiz(quiz: QuizServices, guildId: string, timeZone: string, now: Date): Promise<DailyQuiz | undefined> {
  const today = localDateOf(now, timeZone);
  for (let back = 0; back <= 7; back++) {
    const found = await quiz.store.getQuizByDate(guildId, addDays(today, -back));
    if (found) return found;
  }
  return undefined;
}

async function status(interaction: ChatInputCommandInteraction, ctx: BotContext, quiz: QuizServices): Promise<void> {
  const guildId = interaction.guildId as string;
  const config = await quiz.store.getGuildConfig(guildId);
  if (!config) {
    return void (await interaction.reply(renderDailyStatus({ config, nextPost: null, lastQuiz: undefined, lastAnswered: 0, problems: [], openFor: '' })));
  }
  const now = ctx.now();
  const problems = channelProblems(interaction.guild?.channels.cache.get(config.channelId), `<#${config.channelId}>`);
  if (!quiz.daily.running) problems.push('the scheduler is not running in this bot process');
  if (quiz.bank.questions.length === 0) problems.push('the question bank is empty');
  const noCurated = noCuratedProblem(quiz, config);
  if (noCurated) problems.push(noCurated);
  const held = await quiz.store.heldQuestionIds(guildId, HOLD_AFTER_REPORTS);
  if (held.length > 0) {
    const n = held.length === 1 ? '1 question is' : `${held.length} questions are`;
    problems.push(`${n} held out of the quiz after ${HOLD_AFTER_REPORTS}+ reports: decide with \`/questions reports\``);
  }
  const last = await lastQuiz(quiz, guildId, config.timeZone, now);
  if (last?.state === 'failed' && last.failReason) problems.push(`last post failed: ${last.failReason}`);
  await interaction.reply(
    renderDailyStatus({
      config,
      nextPost: config.paused ? null : nextPostInstant(config, now),
      lastQuiz: last,
      lastAnswered: last ? await quiz.store.answerCount(last.id) : 0,
      problems,
      openFor: formatOpenFor(config.openForMinutes),
    }),
  );
}

async function pauseOrResume(interaction: ChatInputCommandInteraction, quiz: QuizServices, pause: boolean): Promise<void> {
  const guildId = interaction.guildId as string;
  const config = await quiz.store.setPaused(guildId, pause);
  if (!config) return void (await interaction.reply(renderDailyNotice('The daily quiz is not set up yet: use `/daily setup` first.', 'warn')));
  const next = quiz.daily.running ? await quiz.daily.reschedule(guildId) : null;
  const text = pause
    ? 'Daily quiz paused. An open quiz is still revealed on time; `/daily resume` starts posting again.'
    : `Daily quiz resumed.${next ? ` Next post <t:${Math.floor(next.getTime() / 1000)}:R>.` : ''}`;
  await interaction.reply(renderDailyNotice(text));
}

async function postNow(interaction: ChatInputCommandInteraction, quiz: QuizServices): Promise<void> {
  const guildId = interaction.guildId as string;
  if (!quiz.daily.running) return void (await interaction.reply(renderDailyNotice('The scheduler is not running, so nothing can be posted.', 'warn')));
  await interaction.deferReply({ flags: 'Ephemeral' });
  const outcome = await quiz.daily.postNow(guildId);
  const messages: Record<string, string> = {
    'not-configured': 'The daily quiz is not set up yet: use `/daily setup` first.',
    posted: "Today's quiz is posted.",
    'already-posted': "Today's quiz was already posted; the next one comes at the usual time.",
    busy: "Today's quiz is being posted right now.",
    'claimed-elsewhere': "Today's quiz is being posted right now.",
    'gave-up': "Today's quiz could not be posted and will not be retried today. See `/daily status` for the reason.",
    'not-due': 'Nothing to post right now.',
  };
  let text = messages[outcome.status] ?? '';
  if (outcome.status === 'failed') text = `Posting failed: ${outcome.reason}${outcome.permanent ? '' : ' (will be retried)'}`;
  if (outcome.status === 'too-late' || outcome.status === 'no-question') text = `Nothing posted: ${outcome.reason}`;
  if ('quiz' in outcome && outcome.quiz.messageId && (outcome.status === 'posted' || outcome.status === 'already-posted')) {
    text += ` <#${outcome.quiz.channelId}>`;
  }
  await interaction.editReply(forUpdate(renderDailyNotice(text, outcome.status === 'posted' || outcome.status === 'already-posted' ? 'info' : 'warn')));
}

/** The click's time, when plausible; a clock far off (or a replay) falls back to now. */
function clickTime(interaction: MessageComponentInteraction, now: Date): Date {
  const at = interaction.createdAt.getTime();
  return at <= now.getTime() && now.getTime() - at < 15_000 ? interaction.createdAt : now;
}

/** A quiz button or menu: record the first pick privately, and never leave the click unanswered. */
async function answer(interaction: MessageComponentInteraction, ctx: BotContext): Promise<void> {
  const quiz = quizOf(ctx);
  if (!quiz) return void (await interaction.reply(NOT_AVAILABLE));
  const click = parseQuizCustomId(interaction.customId);
  if (click.kind === 'invalid' || !interaction.inGuild()) return void (await interaction.reply(renderQuizUnknown()));
  const row = await quiz.store.getQuiz(click.quizId);
  if (!row || row.guildId !== interaction.guildId) return void (await interaction.reply(renderQuizUnknown()));
  const question = quiz.bank.byId.get(row.questionId);
  const userId = interaction.user.id;

  if (row.state === 'revealed' || (row.state === 'posted' && ctx.now().getTime() >= row.closesAt.getTime())) {
    const mine = await quiz.store.getAnswer(row.id, userId);
    return void (await interaction.reply(renderQuizClosed(row, question, mine?.choices)));
  }
  if (row.state !== 'posted') return void (await interaction.reply(renderQuizNotOpen()));
  if (!question) return void (await interaction.reply(renderQuestionGone(row)));

  let choices: number[] | undefined;
  if (click.kind === 'button' && interaction.isButton()) choices = click.option < question.options.length ? [click.option] : undefined;
  if (click.kind === 'select' && interaction.isStringSelectMenu()) choices = parseSelectValues(interaction.values, question.options.length);
  if (!choices) return void (await interaction.reply(renderBadPick()));

  const { result } = await submitDailyAnswer(quiz.store, question, { quizId: row.id, userId, choices, answeredAt: clickTime(interaction, ctx.now()) });
  switch (result.status) {
    case 'recorded':
      await interaction.reply(renderAnswerRecorded(row, question, result.answer.choices));
      quiz.daily.answered(row);
      return;
    case 'duplicate':
      return void (await interaction.reply(renderAlreadyAnswered(row, question, result.answer.choices)));
    case 'closed':
      return void (await interaction.reply(renderQuizClosed(result.quiz, question, (await quiz.store.getAnswer(row.id, userId))?.choices)));
    case 'not-found':
      return void (await interaction.reply(renderQuizUnknown()));
  }
}

export default command;
