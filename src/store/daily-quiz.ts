import type { Kysely } from 'kysely';
import type { Database, Db } from './schema.ts';
import { toDailyQuiz } from './rows.ts';
import {
  ClaimDailyQuizInputSchema,
  MarkFailedOptionsSchema,
  StoreError,
  parseInput,
  type ClaimDailyQuizInput,
  type DailyQuiz,
  type MarkFailedOptions,
  type TransitionResult,
} from './types.ts';

export async function getQuiz(db: Db, quizId: number): Promise<DailyQuiz | undefined> {
  const row = await db.selectFrom('daily_quiz').selectAll().where('id', '=', quizId).executeTakeFirst();
  return row && toDailyQuiz(row);
}

export async function getQuizByDate(db: Db, guildId: string, localDate: string): Promise<DailyQuiz | undefined> {
  const row = await db
    .selectFrom('daily_quiz')
    .selectAll()
    .where('guild_id', '=', guildId)
    .where('local_date', '=', localDate)
    .executeTakeFirst();
  return row && toDailyQuiz(row);
}

const CLAIM_RETRIES = 5;

/**
 * Inserts the guild's quiz for a local date, or returns the one that is already there.
 * The unique (guild, local_date) decides races; the sequence number is max+1 under a unique (guild, seq), so two
 * processes claiming *different* dates at once make one of them retry with the next number.
 */
export async function claimDailyQuiz(
  db: Kysely<Database>,
  input: ClaimDailyQuizInput,
  now: Date,
): Promise<{ created: boolean; quiz: DailyQuiz }> {
  const q = parseInput(ClaimDailyQuizInputSchema, input, 'claimDailyQuiz');
  for (let attempt = 0; attempt < CLAIM_RETRIES; attempt++) {
    const result = await db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('daily_quiz')
        .values((eb) => ({
          guild_id: q.guildId,
          local_date: q.localDate,
          seq: eb
            .selectFrom('daily_quiz')
            .select((s) => s(s.fn.coalesce(s.fn.max('seq'), s.lit(0)), '+', s.lit(1)).as('next'))
            .where('guild_id', '=', q.guildId),
          question_id: q.questionId,
          topic: q.topic,
          channel_id: q.channelId,
          opens_at: q.opensAt.getTime(),
          closes_at: q.closesAt.getTime(),
          state: 'pending',
          created_at: now.getTime(),
        }))
        // No conflict target: a clash on either unique key is a lost race, resolved below.
        .onConflict((oc) => oc.doNothing())
        .returningAll()
        .executeTakeFirst();
      if (inserted) {
        await recordQuestionUse(trx, q.guildId, q.questionId, Number(inserted.id), now);
        return { created: true, quiz: toDailyQuiz(inserted) };
      }
      const existing = await getQuizByDate(trx, q.guildId, q.localDate);
      return existing ? { created: false, quiz: existing } : undefined;
    });
    if (result) return result;
  }
  throw new StoreError('conflict', `claimDailyQuiz: could not allocate a sequence number for guild ${q.guildId} after ${CLAIM_RETRIES} tries`);
}

/** Adds the question to the guild's current cycle, or starts a new cycle when it was already used in this one. */
async function recordQuestionUse(trx: Db, guildId: string, questionId: string, quizId: number, now: Date): Promise<void> {
  const current = await trx
    .selectFrom('question_history')
    .select((eb) => eb.fn.max('cycle').as('cycle'))
    .where('guild_id', '=', guildId)
    .executeTakeFirst();
  let cycle = current?.cycle === null || current?.cycle === undefined ? 1 : Number(current.cycle);
  const seen = await trx
    .selectFrom('question_history')
    .select('quiz_id')
    .where('guild_id', '=', guildId)
    .where('cycle', '=', cycle)
    .where('question_id', '=', questionId)
    .executeTakeFirst();
  if (seen) cycle += 1;
  await trx
    .insertInto('question_history')
    .values({ guild_id: guildId, cycle, question_id: questionId, quiz_id: quizId, used_at: now.getTime() })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function usedQuestionIds(db: Db, guildId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('question_history')
    .select('question_id')
    .where('guild_id', '=', guildId)
    .where('cycle', '=', (eb) =>
      eb.selectFrom('question_history').select((s) => s.fn.max('cycle').as('c')).where('guild_id', '=', guildId),
    )
    .orderBy('used_at')
    .orderBy('question_id')
    .execute();
  return rows.map((r) => r.question_id);
}

async function transitionResult(db: Db, quizId: number, row: Parameters<typeof toDailyQuiz>[0] | undefined): Promise<TransitionResult> {
  if (row) return { status: 'updated', quiz: toDailyQuiz(row) };
  const quiz = await getQuiz(db, quizId);
  return quiz ? { status: 'invalid-state', quiz } : { status: 'not-found' };
}

/** pending/failed → posted. Any other state is left alone (a quiz is posted once). */
export async function markPosted(db: Db, quizId: number, messageId: string, now: Date): Promise<TransitionResult> {
  const row = await db
    .updateTable('daily_quiz')
    .set((eb) => ({
      state: 'posted',
      message_id: messageId,
      posted_at: now.getTime(),
      fail_reason: null,
      fail_permanent: 0,
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', '=', quizId)
    .where('state', 'in', ['pending', 'failed'])
    .returningAll()
    .executeTakeFirst();
  return transitionResult(db, quizId, row);
}

/** pending/failed → failed, counting the attempt; the reason is kept for /daily status, `studybot check` and logs. */
export async function markFailed(db: Db, quizId: number, reason: string, options: MarkFailedOptions = {}): Promise<TransitionResult> {
  const { permanent } = parseInput(MarkFailedOptionsSchema, options, 'markFailed');
  const text = reason.trim() === '' ? 'Unknown failure.' : reason.trim().slice(0, 500);
  const row = await db
    .updateTable('daily_quiz')
    .set((eb) => ({ state: 'failed', fail_reason: text, fail_permanent: permanent ? 1 : 0, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', quizId)
    .where('state', 'in', ['pending', 'failed'])
    .returningAll()
    .executeTakeFirst();
  return transitionResult(db, quizId, row);
}

export async function quizzesDueForPosting(db: Db, at: Date, maxAttempts: number): Promise<DailyQuiz[]> {
  const t = at.getTime();
  const rows = await db
    .selectFrom('daily_quiz as q')
    .selectAll('q')
    .where((eb) =>
      eb.or([
        eb('q.state', '=', 'pending'),
        eb.and([eb('q.state', '=', 'failed'), eb('q.fail_permanent', '=', 0), eb('q.attempts', '<', maxAttempts)]),
      ]),
    )
    .where('q.opens_at', '<=', t)
    .where('q.closes_at', '>', t)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('guild_config as g').select('g.guild_id').whereRef('g.guild_id', '=', 'q.guild_id').where('g.paused', '=', 1))),
    )
    .orderBy('q.opens_at')
    .orderBy('q.id')
    .execute();
  return rows.map(toDailyQuiz);
}

export async function quizzesDueForReveal(db: Db, at: Date): Promise<DailyQuiz[]> {
  const rows = await db
    .selectFrom('daily_quiz')
    .selectAll()
    .where('state', '=', 'posted')
    .where('closes_at', '<=', at.getTime())
    .orderBy('closes_at')
    .orderBy('id')
    .execute();
  return rows.map(toDailyQuiz);
}
