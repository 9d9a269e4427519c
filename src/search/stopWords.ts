/**
 * Words that carry no topic: English function words plus the question scaffolding people type
 * ("how do I", "what is the"). Dropped from queries and from the index alike.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all am an and any are aren as at be because been before being below between both but by
  can cannot could did didn do does doesn doing don down during each etc few for from further had has have having he her here
  hers herself him himself his how i if in into is isn it its itself just let me more most my myself no nor not of off on once
  only or other ought our ours ourselves out over own same she should so some such than that the their theirs them themselves
  then there these they this those through to too under until up very was we were what when where which while who whom why
  with would you your yours yourself yourselves
  explain tell show give know want need please thing things mean means meaning vs versus difference differences between
  compare comparison e g eg ie`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Words that only frame a quantity question ("how many", "how long"); they are dropped as terms
 * but switch on quantity intent, which favours limits and numbers.
 */
export const QUANTITY_CUES: ReadonlySet<string> = new Set(['many', 'much', 'long', 'big', 'large', 'often']);

/** Terms that name a limit; a quantity question is expanded with them as optional extras. */
export const QUANTITY_TERMS: readonly string[] = ['limit', 'max', 'maximum', 'default'];
/** Extra optional terms for "how long" questions. */
export const DURATION_TERMS: readonly string[] = ['timeout', 'time', 'retention', 'duration', 'expiration'];

/**
 * Generic verbs and fillers that name no topic ("how long can a lambda *run*", "how do I *use* KMS"):
 * kept as terms, but they weigh a fraction of a real word.
 */
export const SOFT_WORDS: ReadonlySet<string> = new Set(
  `run runs running ran use uses used using work works working get gets getting got make makes made set sets setting
  create creates created happen happens go goes going allow allows allowed able possible way ways best good work
  store stored keep kept put send sent take takes need needs needed`
    .split(/\s+/)
    .filter(Boolean),
);
/** Weight of a soft word relative to a topic word. */
export const SOFT_SCALE = 0.3;
