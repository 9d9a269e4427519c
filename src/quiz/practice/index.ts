export { ratingFor, reviewCard } from './schedule.ts';
export { choosePracticeQuestion, countDue, type CardSummary, type ChoosePracticeInput, type PracticePick } from './select.ts';
export {
  answerPracticeQuestion,
  findPracticeTopic,
  nextPracticeQuestion,
  practiceExclusions,
  suggestPracticeTopics,
  type PracticeAnswerResult,
  type PracticeDeps,
  type PracticeStore,
} from './session.ts';
