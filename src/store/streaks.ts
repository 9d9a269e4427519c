export interface Streaks {
  /** Run of correct answers ending at the guild's latest revealed quiz. */
  current: number;
  best: number;
}

/**
 * Streaks over the guild's quizzes in order. Only quizzes that happened count, so a day without a quiz (paused,
 * failed to post) does not break a streak; a quiz the user missed or got wrong does.
 */
export function computeStreaks(quizIdsInOrder: readonly number[], correctQuizIds: ReadonlySet<number>): Streaks {
  let run = 0;
  let best = 0;
  for (const id of quizIdsInOrder) {
    run = correctQuizIds.has(id) ? run + 1 : 0;
    if (run > best) best = run;
  }
  return { current: run, best };
}
