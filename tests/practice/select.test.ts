import { describe, expect, it } from 'vitest';
import { seededRng } from '../../src/quiz/daily/rng.ts';
import { choosePracticeQuestion, countDue, type ChoosePracticeInput } from '../../src/quiz/practice/select.ts';
import { NOW, card, smallBank } from './fixtures.ts';

const bank = smallBank();
const choose = (over: Partial<ChoosePracticeInput> = {}) =>
  choosePracticeQuestion({ bank, cards: [], now: NOW, rng: seededRng('fixed'), ...over });
const ALL_IDS = bank.questions.map((q) => q.id);

describe('choosing the next practice question', () => {
  it('serves due cards first, earliest due first, and counts them', () => {
    const pick = choose({ cards: [card('q_s3a', 30), card('q_iam1', -5), card('q_lambda', -20), card('q_iam2', 0)] });
    expect(pick).toMatchObject({ kind: 'due', question: { id: 'q_lambda' }, dueCount: 3 });
  });

  it('with nothing due, serves a question the user never answered', () => {
    const cards = [card('q_s3a', 30), card('q_iam1', 60), card('q_lambda', 90)];
    for (let seed = 0; seed < 20; seed++) {
      const pick = choose({ cards, rng: seededRng(`s${seed}`) });
      expect(pick.kind).toBe('new');
      if (pick.kind === 'new') expect(['q_s3b', 'q_multi', 'q_iam2']).toContain(pick.question.id);
    }
  });

  it('keeps to the topic filter for due cards and new questions alike', () => {
    const cards = [card('q_iam1', -30), card('q_s3a', 10)];
    const pick = choose({ cards, topic: 'S3' });
    expect(pick.kind).toBe('new');
    if (pick.kind !== 'empty') expect(pick.question.topic).toBe('S3');
    expect(choose({ cards: [card('q_iam1', -30), card('q_s3a', -1)], topic: 'S3' })).toMatchObject({
      kind: 'due',
      question: { id: 'q_s3a' },
      dueCount: 1,
    });
  });

  it('rotates topics: a new question comes from another topic than the latest review, when there is one', () => {
    // The latest review was on IAM (5 minutes ago); IAM still has an unseen question.
    const cards = [card('q_iam1', 60, 5), card('q_s3a', 60, 30)];
    const topics = new Set<string>();
    for (let seed = 0; seed < 40; seed++) {
      const pick = choose({ cards, rng: seededRng(`r${seed}`) });
      if (pick.kind === 'new') topics.add(pick.question.topic);
    }
    expect([...topics].sort()).toEqual(['Lambda', 'S3']);
    // Once only IAM has unseen questions left, IAM it is.
    const onlyIam = ALL_IDS.filter((id) => id !== 'q_iam2').map((id, i) => card(id, 60 + i, id === 'q_iam1' ? 1 : 30));
    expect(choose({ cards: onlyIam })).toMatchObject({ kind: 'new', question: { id: 'q_iam2' } });
  });

  it('with everything seen and nothing due, offers the card due soonest as an early review', () => {
    const cards = ALL_IDS.map((id, i) => card(id, id === 'q_iam2' ? 5 : 100 + i));
    expect(choose({ cards })).toMatchObject({ kind: 'early', question: { id: 'q_iam2' }, dueCount: 0 });
  });

  it('skips cards of questions removed from the bank silently', () => {
    const gone = card('q_removed', -500);
    expect(choose({ cards: [gone, card('q_s3a', -1)] })).toMatchObject({ kind: 'due', question: { id: 'q_s3a' }, dueCount: 1 });
    // Everything still in the bank seen and not due: the removed (overdue) card is never the early review either.
    const cards = [gone, ...ALL_IDS.map((id, i) => card(id, 50 + i))];
    const pick = choose({ cards });
    expect(pick.kind).toBe('early');
    if (pick.kind === 'early') expect(pick.question.id).not.toBe('q_removed');
    expect(countDue(bank, [gone, card('q_s3a', -1), card('q_iam1', 1)], NOW)).toBe(1);
  });

  it('returns empty for a topic with no questions, and the same pick for the same seed', () => {
    expect(choose({ topic: 'Glacier' })).toEqual({ kind: 'empty', dueCount: 0 });
    const a = choose({ rng: seededRng('same') });
    const b = choose({ rng: seededRng('same') });
    expect(a).toEqual(b);
  });
});
