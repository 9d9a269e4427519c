import type { Selectable } from 'kysely';
import type { AnswerTable, DailyQuizTable, GuildConfigTable, PointsLedgerTable } from './schema.ts';
import { QUESTION_SETS, QUIZ_STATES, type Answer, type DailyQuiz, type GuildConfig, type LedgerEntry, type QuizState } from './types.ts';

/* Row ↔ domain mapping: epoch ms ↔ Date, 0/1 ↔ boolean, JSON text ↔ arrays. */

const date = (ms: number | string) => new Date(Number(ms));
const dateOrNull = (ms: number | string | null) => (ms === null ? null : date(ms));

export function toGuildConfig(row: Selectable<GuildConfigTable>): GuildConfig {
  return {
    guildId: row.guild_id,
    channelId: row.channel_id,
    postTime: row.post_time,
    timeZone: row.time_zone,
    roleId: row.role_id,
    openForMinutes: row.open_for_minutes,
    topicFilter: row.topic_filter,
    questionSet: QUESTION_SETS.find((v) => v === row.question_set) ?? 'all',
    paused: Number(row.paused) === 1,
    updatedAt: date(row.updated_at),
  };
}

function toState(state: string): QuizState {
  const known = QUIZ_STATES.find((s) => s === state);
  if (!known) throw new Error(`daily_quiz.state holds unknown value "${state}"`);
  return known;
}

export function toDailyQuiz(row: Selectable<DailyQuizTable>): DailyQuiz {
  return {
    id: Number(row.id),
    guildId: row.guild_id,
    localDate: row.local_date,
    seq: Number(row.seq),
    questionId: row.question_id,
    topic: row.topic,
    channelId: row.channel_id,
    messageId: row.message_id,
    opensAt: date(row.opens_at),
    closesAt: date(row.closes_at),
    state: toState(row.state),
    failReason: row.fail_reason,
    failPermanent: Number(row.fail_permanent) === 1,
    attempts: Number(row.attempts),
    createdAt: date(row.created_at),
    postedAt: dateOrNull(row.posted_at),
    revealedAt: dateOrNull(row.revealed_at),
  };
}

export function encodeChoices(choices: readonly number[]): string {
  return JSON.stringify([...new Set(choices)].sort((a, b) => a - b));
}

function decodeChoices(text: string): number[] {
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed) ? parsed.filter((n): n is number => typeof n === 'number') : [];
}

export function toAnswer(row: Selectable<AnswerTable>): Answer {
  return {
    id: Number(row.id),
    quizId: Number(row.quiz_id),
    userId: row.user_id,
    choices: decodeChoices(row.choices),
    answeredAt: date(row.answered_at),
    correct: Number(row.correct) === 1,
    credit: Number(row.credit),
  };
}

export function toLedgerEntry(row: Selectable<PointsLedgerTable>): LedgerEntry {
  return {
    id: Number(row.id),
    guildId: row.guild_id,
    userId: row.user_id,
    points: Number(row.points),
    reason: row.reason,
    quizId: row.quiz_id === null ? null : Number(row.quiz_id),
    at: date(row.at),
    localDate: row.local_date,
  };
}
