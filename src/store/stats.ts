import type { Db } from './schema.ts';
import { rankOf } from './leaderboard.ts';
import { computeStreaks, type Streaks } from './streaks.ts';
import type { TopicStats, UserStats } from './types.ts';

/** The guild's revealed quizzes in the order they happened: what a streak runs over (userStats and streaksOf alike). */
async function revealedQuizOrder(db: Db, guildId: string): Promise<number[]> {
  const rows = await db
    .selectFrom('daily_quiz')
    .select('id')
    .where('guild_id', '=', guildId)
    .where('state', '=', 'revealed')
    .orderBy('seq')
    .execute();
  return rows.map((r) => Number(r.id));
}

/**
 * A user's standing in a guild, derived from the ledger (points, rank) and their answers (accuracy, streaks).
 * Only revealed quizzes count, so /stats never hints whether an open answer was right. Topics come from the quiz
 * row, so a question since removed from the pool still counts.
 */
export async function userStats(db: Db, guildId: string, userId: string): Promise<UserStats> {
  const { rank, points } = await rankOf(db, guildId, userId);
  const order = await revealedQuizOrder(db, guildId);
  const answers = await db
    .selectFrom('answer as a')
    .innerJoin('daily_quiz as q', 'q.id', 'a.quiz_id')
    .select(['a.quiz_id', 'a.correct', 'a.credit', 'q.topic'])
    .where('a.user_id', '=', userId)
    .where('q.guild_id', '=', guildId)
    .where('q.state', '=', 'revealed')
    .execute();

  const correctIds = new Set<number>();
  const topics = new Map<string, TopicStats>();
  let credit = 0;
  for (const a of answers) {
    const isCorrect = Number(a.correct) === 1;
    if (isCorrect) correctIds.add(Number(a.quiz_id));
    credit += Number(a.credit);
    const t = topics.get(a.topic) ?? { topic: a.topic, answered: 0, correct: 0, accuracy: 0 };
    t.answered += 1;
    if (isCorrect) t.correct += 1;
    topics.set(a.topic, t);
  }
  const byTopic = [...topics.values()]
    .map((t) => ({ ...t, accuracy: t.correct / t.answered }))
    .sort((a, b) => b.answered - a.answered || a.topic.localeCompare(b.topic));
  const streaks = computeStreaks(order, correctIds);
  return {
    points,
    rank,
    answered: answers.length,
    correct: correctIds.size,
    accuracy: answers.length === 0 ? 0 : correctIds.size / answers.length,
    credit,
    currentStreak: streaks.current,
    bestStreak: streaks.best,
    byTopic,
  };
}

/**
 * Current and best streaks of many users at once (e.g. everyone who answered, at reveal time): two queries
 * instead of one userStats per user. Users with no answers get zeros.
 */
export async function streaksOf(db: Db, guildId: string, userIds: readonly string[]): Promise<Map<string, Streaks>> {
  const unique = [...new Set(userIds)];
  const result = new Map<string, Streaks>();
  if (unique.length === 0) return result;
  const order = await revealedQuizOrder(db, guildId);
  const correctByUser = new Map<string, Set<number>>();
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom('answer as a')
      .innerJoin('daily_quiz as q', 'q.id', 'a.quiz_id')
      .select(['a.user_id', 'a.quiz_id'])
      .where('a.user_id', 'in', unique.slice(i, i + 500))
      .where('a.correct', '=', 1)
      .where('q.guild_id', '=', guildId)
      .where('q.state', '=', 'revealed')
      .execute();
    for (const r of rows) {
      const set = correctByUser.get(r.user_id) ?? new Set<number>();
      set.add(Number(r.quiz_id));
      correctByUser.set(r.user_id, set);
    }
  }
  for (const userId of unique) result.set(userId, computeStreaks(order, correctByUser.get(userId) ?? new Set()));
  return result;
}
