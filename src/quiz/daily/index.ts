export { submitDailyAnswer, type SubmitAnswerInput } from './answer.ts';
export { gradeAnswer, InvalidChoiceError, type Grade } from './grade.ts';
export { summarizeResults, type RevealResults, type UserResult } from './results.ts';
export { pickIndex, seededRng, type Rng } from './rng.ts';
export { AWARD_REASONS, computeAwards, SCORING, SCORING_RULES, streakBonus, type ScorableAnswer } from './scoring.ts';
export { chooseQuestion, type ChooseQuestionInput, type ChooseQuestionResult } from './select.ts';
