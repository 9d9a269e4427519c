import type { Kysely, Selectable } from 'kysely';
import type { Database, Db, QuestionReportTable } from './schema.ts';
import {
  ListReportsQuerySchema,
  REPORT_ORIGINS,
  REPORT_REASONS,
  ReportQuestionInputSchema,
  parseInput,
  type ListReportsQuery,
  type QuestionReport,
  type ReportQuestionInput,
  type ReportQuestionResult,
  type ReportReason,
  type ReportedQuestion,
  type RetireResult,
} from './types.ts';

/* Players' reports of questions, and what admins decide: retire the question on the server, or dismiss its reports. */

const date = (ms: number | string) => new Date(Number(ms));

function toReason(value: string): ReportReason {
  const known = REPORT_REASONS.find((r) => r === value);
  if (!known) throw new Error(`question_report.reason holds unknown value "${value}"`);
  return known;
}

function toReport(row: Selectable<QuestionReportTable>): QuestionReport {
  return {
    guildId: row.guild_id,
    questionId: row.question_id,
    userId: row.user_id,
    reason: toReason(row.reason),
    origin: REPORT_ORIGINS.find((o) => o === row.origin) ?? 'daily',
    reportedAt: date(row.reported_at),
  };
}

/**
 * Inserts the member's report, or updates the one row they already have (new reason, reopened if dismissed). The
 * primary key (guild, question, member) keeps it at one row whatever the clicks or processes; the read before the
 * write only decides which sentence the member gets.
 */
export async function reportQuestion(db: Kysely<Database>, input: ReportQuestionInput, now: Date): Promise<ReportQuestionResult> {
  const r = parseInput(ReportQuestionInputSchema, input, 'reportQuestion');
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('question_report')
      .select(['reason', 'dismissed_at'])
      .where('guild_id', '=', r.guildId)
      .where('question_id', '=', r.questionId)
      .where('user_id', '=', r.userId)
      .executeTakeFirst();
    const values = { reason: r.reason, origin: r.origin, reported_at: now.getTime(), dismissed_at: null, dismissed_by: null };
    const row = await trx
      .insertInto('question_report')
      .values({ guild_id: r.guildId, question_id: r.questionId, user_id: r.userId, ...values })
      .onConflict((oc) => oc.columns(['guild_id', 'question_id', 'user_id']).doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow();
    const report = toReport(row);
    if (before && before.dismissed_at === null) return { status: 'updated', report, previous: toReason(before.reason) };
    return { status: 'recorded', report };
  });
}

/** Open reports (not dismissed) of questions the guild has not retired. */
function openReports(db: Db, guildId: string) {
  return db
    .selectFrom('question_report as r')
    .where('r.guild_id', '=', guildId)
    .where('r.dismissed_at', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('question_retired as t')
            .select('t.question_id')
            .whereRef('t.guild_id', '=', 'r.guild_id')
            .whereRef('t.question_id', '=', 'r.question_id'),
        ),
      ),
    );
}

function summaryQuery(db: Db, guildId: string) {
  return openReports(db, guildId)
    .select((eb) => [
      'r.question_id',
      eb.fn.countAll<number | string>().as('reporters'),
      eb.fn.max('r.reported_at').as('last_reported_at'),
      ...REPORT_REASONS.map((reason) =>
        eb.fn
          .sum<number | string>(eb.case().when('r.reason', '=', reason).then(1).else(0).end())
          .as(`n_${reason.replace('-', '_')}`),
      ),
    ])
    .groupBy('r.question_id');
}

type SummaryRow = { question_id: string; reporters: number | string; last_reported_at: number | string } & Record<string, unknown>;

function toReported(row: SummaryRow): ReportedQuestion {
  const byReason = Object.fromEntries(REPORT_REASONS.map((reason) => [reason, Number(row[`n_${reason.replace('-', '_')}`] ?? 0)]));
  return {
    questionId: row.question_id,
    reporters: Number(row.reporters),
    byReason: byReason as Record<ReportReason, number>,
    lastReportedAt: date(row.last_reported_at),
  };
}

export async function listReportedQuestions(db: Db, query: ListReportsQuery): Promise<{ entries: ReportedQuestion[]; total: number }> {
  const q = parseInput(ListReportsQuerySchema, query, 'listReportedQuestions');
  const rows = await summaryQuery(db, q.guildId)
    .orderBy('reporters', 'desc')
    .orderBy('last_reported_at', 'desc')
    .orderBy('r.question_id')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  const counted = await openReports(db, q.guildId)
    .select((eb) => eb.fn.count<number | string>('r.question_id').distinct().as('n'))
    .executeTakeFirst();
  return { entries: rows.map((row) => toReported(row as SummaryRow)), total: Number(counted?.n ?? 0) };
}

export async function getReportedQuestion(db: Db, guildId: string, questionId: string): Promise<ReportedQuestion | undefined> {
  const row = await summaryQuery(db, guildId).where('r.question_id', '=', questionId).executeTakeFirst();
  return row && toReported(row as SummaryRow);
}

/** Inserts the retirement once; a second (or racing) call reports who retired it first. */
export async function retireQuestion(db: Db, guildId: string, questionId: string, userId: string, now: Date): Promise<RetireResult> {
  const inserted = await db
    .insertInto('question_retired')
    .values({ guild_id: guildId, question_id: questionId, retired_by: userId, retired_at: now.getTime() })
    .onConflict((oc) => oc.columns(['guild_id', 'question_id']).doNothing())
    .returning('question_id')
    .executeTakeFirst();
  if (inserted) return { status: 'retired' };
  const row = await db
    .selectFrom('question_retired')
    .select(['retired_at', 'retired_by'])
    .where('guild_id', '=', guildId)
    .where('question_id', '=', questionId)
    .executeTakeFirstOrThrow();
  return { status: 'already-retired', retiredAt: date(row.retired_at), retiredBy: row.retired_by };
}

export async function dismissReports(db: Db, guildId: string, questionId: string, userId: string, now: Date): Promise<number> {
  const rows = await db
    .updateTable('question_report')
    .set({ dismissed_at: now.getTime(), dismissed_by: userId })
    .where('guild_id', '=', guildId)
    .where('question_id', '=', questionId)
    .where('dismissed_at', 'is', null)
    .returning('user_id')
    .execute();
  return rows.length;
}

export async function retiredQuestionIds(db: Db, guildId: string): Promise<string[]> {
  const rows = await db.selectFrom('question_retired').select('question_id').where('guild_id', '=', guildId).orderBy('question_id').execute();
  return rows.map((r) => r.question_id);
}

export async function heldQuestionIds(db: Db, guildId: string, minReporters: number): Promise<string[]> {
  const rows = await openReports(db, guildId)
    .select('r.question_id')
    .groupBy('r.question_id')
    .having((eb) => eb.fn.countAll(), '>=', minReporters)
    .orderBy('r.question_id')
    .execute();
  return rows.map((r) => r.question_id);
}
