import type { Selectable } from 'kysely';
import type { Db, PracticeCardTable } from './schema.ts';
import {
  SavePracticeReviewInputSchema,
  parseInput,
  type PracticeCard,
  type SavePracticeReviewInput,
  type SavePracticeReviewResult,
} from './types.ts';

/* /practice cards: private spaced-repetition state per user per question. Nothing here touches points. */

const date = (ms: number | string) => new Date(Number(ms));

function toPracticeCard(row: Selectable<PracticeCardTable>): PracticeCard {
  return {
    userId: row.user_id,
    questionId: row.question_id,
    topic: row.topic,
    due: date(row.due),
    stability: Number(row.stability),
    difficulty: Number(row.difficulty),
    elapsedDays: Number(row.elapsed_days),
    scheduledDays: Number(row.scheduled_days),
    learningSteps: Number(row.learning_steps),
    reps: Number(row.reps),
    lapses: Number(row.lapses),
    state: Number(row.state),
    lastReview: row.last_review === null ? null : date(row.last_review),
    lastCorrect: Number(row.last_correct) === 1,
    updatedAt: date(row.updated_at),
  };
}

export async function getPracticeCard(db: Db, userId: string, questionId: string): Promise<PracticeCard | undefined> {
  const row = await db
    .selectFrom('practice_card')
    .selectAll()
    .where('user_id', '=', userId)
    .where('question_id', '=', questionId)
    .executeTakeFirst();
  return row && toPracticeCard(row);
}

export async function listPracticeCards(db: Db, userId: string, options: { dueBy?: Date } = {}): Promise<PracticeCard[]> {
  let query = db.selectFrom('practice_card').selectAll().where('user_id', '=', userId);
  if (options.dueBy) query = query.where('due', '<=', options.dueBy.getTime());
  const rows = await query.orderBy('due').orderBy('question_id').execute();
  return rows.map(toPracticeCard);
}

/**
 * One statement, like the lease: insert the card, or overwrite the stored one only while its `reps` is still the
 * one the review was computed from. Two clicks racing on the same answer (or a replayed button) save once; the
 * loser gets `stale` and the card as it now is.
 */
export async function savePracticeReview(db: Db, input: SavePracticeReviewInput, now: Date): Promise<SavePracticeReviewResult> {
  const { userId, questionId, topic, correct, card, expectedReps } = parseInput(SavePracticeReviewInputSchema, input, 'savePracticeReview');
  const row = await db
    .insertInto('practice_card')
    .values({
      user_id: userId,
      question_id: questionId,
      topic,
      due: card.due.getTime(),
      stability: card.stability,
      difficulty: card.difficulty,
      elapsed_days: card.elapsedDays,
      scheduled_days: card.scheduledDays,
      learning_steps: card.learningSteps,
      reps: card.reps,
      lapses: card.lapses,
      state: card.state,
      last_review: card.lastReview === null ? null : card.lastReview.getTime(),
      last_correct: correct ? 1 : 0,
      updated_at: now.getTime(),
    })
    .onConflict((oc) =>
      oc
        .columns(['user_id', 'question_id'])
        .doUpdateSet((eb) => ({
          topic: eb.ref('excluded.topic'),
          due: eb.ref('excluded.due'),
          stability: eb.ref('excluded.stability'),
          difficulty: eb.ref('excluded.difficulty'),
          elapsed_days: eb.ref('excluded.elapsed_days'),
          scheduled_days: eb.ref('excluded.scheduled_days'),
          learning_steps: eb.ref('excluded.learning_steps'),
          reps: eb.ref('excluded.reps'),
          lapses: eb.ref('excluded.lapses'),
          state: eb.ref('excluded.state'),
          last_review: eb.ref('excluded.last_review'),
          last_correct: eb.ref('excluded.last_correct'),
          updated_at: eb.ref('excluded.updated_at'),
        }))
        .where('practice_card.reps', '=', expectedReps),
    )
    .returningAll()
    .executeTakeFirst();
  if (row) return { status: 'saved', card: toPracticeCard(row) };
  return { status: 'stale', card: await getPracticeCard(db, userId, questionId) };
}
