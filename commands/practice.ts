import { InteractionContextType, SlashCommandBuilder, type MessageComponentInteraction } from 'discord.js';
import { seededRng } from '../src/quiz/daily/rng.ts';
import {
  answerPracticeQuestion,
  countDue,
  findPracticeTopic,
  nextPracticeQuestion,
  practiceExclusions,
  suggestPracticeTopics,
  type PracticeDeps,
} from '../src/quiz/practice/index.ts';
import { forUpdate, renderNotice } from '../src/discord/render/common.ts';
import {
  PRACTICE_PREFIX,
  parsePracticeCustomId,
  parsePracticeValues,
  practiceTopicChoices,
  renderPracticeAlreadyAnswered,
  renderPracticeQuestion,
  renderPracticeQuestionGone,
  renderPracticeQuestionRetired,
  renderPracticeResult,
  topicFromKey,
} from '../src/discord/render/practice.ts';
import type { BotContext, Command } from '../src/discord/types.ts';

const data = new SlashCommandBuilder()
  .setName('practice')
  .setDescription('Private practice questions with spaced repetition (never affects points)')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addStringOption((o) =>
    o.setName('topic').setDescription('Only questions on this topic').setMaxLength(100).setAutocomplete(true),
  )
  .toJSON();

const NO_DATABASE = 'Practice needs the database, and this bot runs without one. Ask whoever runs studybot to set DATABASE_URL.';
const FORGED = "That button isn't one studybot made (or it is from an older version). Run `/practice` for a fresh question.";

/** Practice in a server never asks the questions retired there; in DMs, every question. */
function depsOf(ctx: BotContext, guildId: string | null): PracticeDeps | undefined {
  return ctx.quiz ? { store: ctx.quiz.store, bank: ctx.quiz.bank, now: ctx.now(), guildId } : undefined;
}

/** The same interaction always picks the same question; different interactions spread out. */
const rngFor = (interactionId: string) => seededRng(`practice:${interactionId}`);

export const command: Command = {
  data,
  customIdPrefix: PRACTICE_PREFIX,
  ephemeral: true,

  async execute(interaction, ctx) {
    const deps = depsOf(ctx, interaction.guildId);
    if (!deps) return void (await interaction.reply(renderNotice(NO_DATABASE, 'warn')));
    const typed = interaction.options.getString('topic')?.trim() ?? '';
    const topic = typed === '' ? null : findPracticeTopic(deps.bank, typed);
    if (topic === undefined) {
      const close = suggestPracticeTopics(deps.bank, typed, 5).map((t) => `\`${t}\``);
      const hint = close.length > 0 ? ` Did you mean ${close.join(', ')}?` : ' Pick one from the list as you type, or leave it empty.';
      return void (await interaction.reply(renderNotice(`There is no topic called “${typed}” in the question bank.${hint}`, 'warn')));
    }
    const pick = await nextPracticeQuestion(deps, interaction.user.id, topic, rngFor(interaction.id));
    await interaction.reply(renderPracticeQuestion(pick, topic));
  },

  async autocomplete(interaction, ctx) {
    const bank = ctx.quiz?.bank;
    await interaction.respond(bank ? practiceTopicChoices(suggestPracticeTopics(bank, interaction.options.getFocused(), 25)) : []);
  },

  async handleComponent(interaction, ctx) {
    const deps = depsOf(ctx, interaction.guildId);
    if (!deps) return void (await interaction.reply(renderNotice(NO_DATABASE, 'warn')));
    const click = parsePracticeCustomId(interaction.customId);
    const topic = click.kind === 'invalid' ? undefined : topicFromKey(click.topicKey, deps.bank.byTopic.keys());
    if (click.kind === 'invalid' || topic === undefined) return void (await interaction.reply(renderNotice(FORGED, 'warn')));

    if (click.kind === 'next') {
      const pick = await nextPracticeQuestion(deps, interaction.user.id, topic, rngFor(interaction.id));
      return void (await interaction.update(forUpdate(renderPracticeQuestion(pick, topic))));
    }

    let choices: number[] | undefined;
    if (click.kind === 'answer' && interaction.isButton()) choices = [click.option];
    else if (click.kind === 'select' && interaction.isStringSelectMenu()) choices = parsePracticeValues(interaction.values);
    if (!choices) return void (await interaction.reply(renderNotice(FORGED, 'warn')));
    await answer(interaction, deps, topic, click.questionId, click.reps, choices);
  },
};

async function answer(
  interaction: MessageComponentInteraction,
  deps: PracticeDeps,
  topic: string | null,
  questionId: string,
  shownReps: number,
  choices: number[],
): Promise<void> {
  const userId = interaction.user.id;
  const result = await answerPracticeQuestion(deps, userId, questionId, shownReps, choices);
  switch (result.status) {
    case 'question-gone':
      return void (await interaction.reply(renderPracticeQuestionGone(topic)));
    case 'question-retired':
      return void (await interaction.reply(renderPracticeQuestionRetired(topic)));
    case 'invalid-choice':
      return void (await interaction.reply(renderNotice(FORGED, 'warn')));
    case 'already-answered':
      return void (await interaction.reply(renderPracticeAlreadyAnswered(result.card?.due, topic)));
    case 'recorded': {
      const cards = await deps.store.listPracticeCards(userId, { dueBy: deps.now });
      const { grade, question } = result;
      const view = renderPracticeResult({
        question,
        choices: result.choices,
        correct: grade.correct,
        partial: !grade.correct && grade.rightPicks > 0 && question.answers.length > 1,
        nextDue: result.card.due,
        dueCount: countDue(deps.bank, cards, deps.now, topic, await practiceExclusions(deps)),
        topic,
        reportable: Boolean(deps.guildId),
      });
      await interaction.update(forUpdate(view));
    }
  }
}

export default command;
