/** A question retired in a server is never practised there again — not as new, not as a due review. Both dialects. */
import { describe, expect, it } from 'vitest';
import { seededRng } from '../../src/quiz/daily/rng.ts';
import { answerPracticeQuestion, countDue, nextPracticeQuestion, type PracticeDeps } from '../../src/quiz/practice/index.ts';
import { backends, GUILD, OTHER_GUILD, useStore, type Backend } from '../store/support.ts';
import { NOW, smallBank } from './fixtures.ts';

const bank = smallBank();
const USER = 'u1';

describe.each(backends)('practice and retired questions on $name', (backend: Backend) => {
  const fx = useStore(backend);
  const deps = (guildId: string | null, now = NOW): PracticeDeps => ({ store: fx().store, bank, now, guildId });

  /** Answers whatever practice offers, `rounds` times; returns the questions asked. */
  async function practise(guildId: string | null, rounds: number, now: Date): Promise<string[]> {
    const asked: string[] = [];
    for (let i = 0; i < rounds; i++) {
      const pick = await nextPracticeQuestion(deps(guildId, now), USER, null, seededRng(`r:${i}`));
      if (pick.kind === 'empty') break;
      asked.push(pick.question.id);
      await answerPracticeQuestion(deps(guildId, now), USER, pick.question.id, pick.card?.reps ?? 0, [3]);
    }
    return asked;
  }

  it('report → retire → never asked again in that server; due reviews of it are skipped too; other servers and DMs still ask it', async () => {
    const { store } = fx();
    // The user practised q_lambda before: it is a (wrong, so soon due) card.
    expect(await answerPracticeQuestion(deps(GUILD), USER, 'q_lambda', 0, [3])).toMatchObject({ status: 'recorded' });
    await store.reportQuestion({ guildId: GUILD, questionId: 'q_lambda', userId: USER, reason: 'outdated', origin: 'practice' });
    expect(await store.retireQuestion(GUILD, 'q_lambda', 'admin')).toEqual({ status: 'retired' });

    const later = new Date(NOW.getTime() + 30 * 24 * 3600_000);
    const cards = await store.listPracticeCards(USER);
    expect(countDue(bank, cards, later, null)).toBe(1);
    expect(countDue(bank, cards, later, null, new Set(['q_lambda']))).toBe(0);

    const asked = await practise(GUILD, 20, later);
    expect(asked.length).toBe(20);
    expect(asked).not.toContain('q_lambda');
    expect(new Set(asked)).toEqual(new Set(bank.questions.map((q) => q.id).filter((id) => id !== 'q_lambda')));

    // Elsewhere it is an ordinary due review.
    expect(await nextPracticeQuestion(deps(OTHER_GUILD, later), USER, 'Lambda', seededRng('x'))).toMatchObject({ kind: 'due', question: { id: 'q_lambda' } });
    expect(await nextPracticeQuestion(deps(null, later), USER, 'Lambda', seededRng('x'))).toMatchObject({ question: { id: 'q_lambda' } });
    // Limited to its topic in that server, there is nothing left to practise.
    expect(await nextPracticeQuestion(deps(GUILD, later), USER, 'Lambda', seededRng('x'))).toEqual({ kind: 'empty', dueCount: 0 });
  });

  it('an answer to a question retired since it was shown records nothing', async () => {
    const { store } = fx();
    await store.retireQuestion(GUILD, 'q_s3a', 'admin');
    expect(await answerPracticeQuestion(deps(GUILD), USER, 'q_s3a', 0, [0])).toEqual({ status: 'question-retired' });
    expect(await store.getPracticeCard(USER, 'q_s3a')).toBeUndefined();
    expect(await answerPracticeQuestion(deps(OTHER_GUILD), USER, 'q_s3a', 0, [0])).toMatchObject({ status: 'recorded' });
  });
});
