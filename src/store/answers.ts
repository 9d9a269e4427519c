import type { Db, Dialect } from './schema.ts';
import { encodeChoices, toAnswer, toDailyQuiz } from './rows.ts';
import { RecordAnswerInputSchema, parseInput, type Answer, type RecordAnswerInput, type RecordAnswerResult } from './types.ts';

/**
 * Records a user's pick once. The insert only happens while the quiz is posted and before closesAt (one
 * INSERT … SELECT, so the check and the write cannot be split by a reveal); the unique (quiz, user) turns any number
 * of concurrent clicks into one row. On PostgreSQL the quiz row is share-locked, so a reveal waits for in-flight
 * answers and later answers see the quiz as revealed.
 */
export async function recordAnswer(db: Db, dialect: Dialect, input: RecordAnswerInput, now: Date): Promise<RecordAnswerResult> {
  const a = parseInput(RecordAnswerInputSchema, input, 'recordAnswer');
  const answeredAt = (a.answeredAt ?? now).getTime();
  const inserted = await db
    .insertInto('answer')
    .columns(['quiz_id', 'user_id', 'choices', 'answered_at', 'correct', 'credit'])
    .expression((eb) => {
      // Parameters in a SELECT list have no type in PostgreSQL: cast each to its column's type.
      const source = eb
        .selectFrom('daily_quiz')
        .select((s) => [
          'daily_quiz.id',
          s.cast<string>(s.val(a.userId), 'text').as('user_id'),
          s.cast<string>(s.val(encodeChoices(a.choices)), 'text').as('choices'),
          s.cast<number>(s.val(answeredAt), 'bigint').as('answered_at'),
          s.cast<number>(s.val(a.correct ? 1 : 0), 'integer').as('correct'),
          s.cast<number>(s.val(a.credit), 'double precision').as('credit'),
        ])
        .where('daily_quiz.id', '=', a.quizId)
        .where('daily_quiz.state', '=', 'posted')
        .where('daily_quiz.closes_at', '>', answeredAt);
      return dialect === 'postgres' ? source.forShare() : source;
    })
    .onConflict((oc) => oc.columns(['quiz_id', 'user_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { status: 'recorded', answer: toAnswer(inserted) };

  const existing = await getAnswer(db, a.quizId, a.userId);
  if (existing) return { status: 'duplicate', answer: existing };
  const quiz = await db.selectFrom('daily_quiz').selectAll().where('id', '=', a.quizId).executeTakeFirst();
  return quiz ? { status: 'closed', quiz: toDailyQuiz(quiz) } : { status: 'not-found' };
}

export async function getAnswer(db: Db, quizId: number, userId: string): Promise<Answer | undefined> {
  const row = await db
    .selectFrom('answer')
    .selectAll()
    .where('quiz_id', '=', quizId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row && toAnswer(row);
}

export async function listAnswers(db: Db, quizId: number): Promise<Answer[]> {
  const rows = await db.selectFrom('answer').selectAll().where('quiz_id', '=', quizId).orderBy('answered_at').orderBy('id').execute();
  return rows.map(toAnswer);
}

export async function answerCount(db: Db, quizId: number): Promise<number> {
  const row = await db
    .selectFrom('answer')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('quiz_id', '=', quizId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
