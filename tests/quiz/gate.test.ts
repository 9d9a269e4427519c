import { describe, expect, it } from 'vitest';
import type { Section } from '../../src/knowledge/types.ts';
import {
  answerInStem,
  checkQuestion,
  createGate,
  type GateInput,
  initialsGiveaway,
  isAboutTheNotes,
  isTruncated,
  leftoverSyntax,
  LIMITS,
  needsMissingContext,
  optionKind,
  qualityOf,
} from '../../src/quiz/gate.ts';
import { type Question, questionId } from '../../src/quiz/schema.ts';

const section: Section = {
  id: 'exam.md#sqs',
  file: 'exam.md',
  slug: 'sqs',
  title: 'Amazon SQS',
  matchTitle: 'Amazon SQS',
  headingPath: ['Messaging', 'Amazon SQS'],
  level: 2,
  parentId: null,
  startLine: 10,
  endLine: 14,
  bodyStartLine: 11,
  markdown: '- Delay queues postpone messages for up to 15 min\n- Max message size: 256 KB',
  text: '- Delay queues postpone messages for up to 15 min\n- Max message size: 256 KB',
  searchable: true,
};

const PASSAGE = 'Delay queues postpone messages for up to 15 min';

/** A question that passes every rule; each test breaks exactly one thing. */
function input(q: Partial<Question> = {}, extra: Partial<GateInput> = {}): GateInput {
  const stem = q.stem ?? 'Amazon SQS: fill in the blank. "Delay queues postpone messages for up to ___"';
  const options = q.options ?? ['5 min', '15 min', '30 min', '60 min'];
  const answers = q.answers ?? [1];
  return {
    question: {
      id: questionId({ stem, options, answers }),
      stem,
      options,
      answers,
      explanation: q.explanation ?? `From the notes (Messaging › Amazon SQS): "${PASSAGE}"`,
      source: { file: 'exam.md', headingPath: ['Messaging', 'Amazon SQS'], line: 11 },
      topic: 'Messaging',
      kind: q.kind ?? 'number',
      sourceHash: 'abc',
    },
    section: extra.section ?? section,
    passage: extra.passage ?? PASSAGE,
    ...(extra.answerForms ? { answerForms: extra.answerForms } : {}),
    ...(extra.acronymInStem ? { acronymInStem: extra.acronymInStem } : {}),
  };
}

describe('gate: a well-formed question', () => {
  it('passes', () => {
    expect(checkQuestion(input())).toBeUndefined();
  });
});

describe('gate: the answer must not show in the stem', () => {
  it('catches the answer in another case or in the plural', () => {
    expect(answerInStem('Which service runs containers, like other ecs clusters?', 'ECS Cluster')).toBe(true);
    expect(answerInStem('Which type are these spot instances?', 'Spot Instance')).toBe(true);
    expect(checkQuestion(input({ stem: 'Delay queues: which value, like 15 MIN, is the maximum delay?' }))).toBe('answer-in-stem');
  });

  it('catches the acronym of the answer, and the expansion of an abbreviation answer', () => {
    expect(answerInStem('Which one balances HTTP traffic at layer 7 (the ALB)?', 'Application Load Balancer')).toBe(true);
    expect(answerInStem('Which abbreviation fits an Elastic Network Interface?', 'ENI')).toBe(true);
    expect(answerInStem('Which load balancer works at layer 7?', 'Application Load Balancer')).toBe(false);
  });

  it('allows the acronym or expansion when the question asks exactly that', () => {
    expect(answerInStem('What does ENI stand for?', 'Elastic Network Interface', [], true)).toBe(false);
    expect(answerInStem('Which abbreviation stands for Elastic Network Interface?', 'ENI', [], true)).toBe(false);
  });

  it('catches other spellings the generator names', () => {
    expect(answerInStem('Which service is a ledger database, QLDB for short?', 'Amazon Quantum Ledger Database', ['QLDB'])).toBe(true);
  });
});

describe('gate: options', () => {
  it('needs at least four: three is too few', () => {
    expect(LIMITS.minOptions).toBe(4);
    expect(checkQuestion(input({ options: ['5 min', '15 min', '30 min'], answers: [1] }))).toBe('too-few-options');
    expect(checkQuestion(input({ options: ['15 min', '30 min'], answers: [0] }))).toBe('too-few-options');
    expect(checkQuestion(input({ options: ['5 min', '15 min', '30 min', '60 min'], answers: [1] }))).toBeUndefined();
  });

  it('must be distinct after normalisation', () => {
    expect(checkQuestion(input({ options: ['Spot Instances', 'spot instance', 'Reserved', 'Dedicated'], answers: [0], stem: 'Which EC2 option can be reclaimed with a 2 minute warning?', kind: 'term-list' }))).toBe('options-not-distinct');
  });

  it('must be of one type: numbers with the same unit, or all words', () => {
    expect(optionKind('15 min')).toBe('number:min');
    expect(optionKind('15 minutes')).toBe('number:min');
    expect(optionKind('256 KB')).toBe('number:KB');
    expect(optionKind('Amazon Aurora')).toBe(optionKind('RDS'));
    expect(checkQuestion(input({ options: ['5 min', '15 min', '30 sec', '60 min'] }))).toBe('options-mixed-types');
    expect(checkQuestion(input({ options: ['5 min', '15 min', 'forever', '60 min'] }))).toBe('options-mixed-types');
  });

  it('must not be empty or too long', () => {
    expect(checkQuestion(input({ options: ['5 min', '15 min', '***', '60 min'] }))).toBe('option-empty');
    expect(checkQuestion(input({ options: ['5 min', '15 min', `${'very '.repeat(20)}long`, '60 min'] }))).toBe('option-too-long');
  });

  it('must not let the answer stand out by length', () => {
    const stem = 'Step Functions: which description fits the Choice state?';
    const options = ['Stop', 'Wait', 'test for a condition to send to a branch (or default branch)', 'Pass'];
    expect(checkQuestion(input({ stem, options, answers: [2], kind: 'term-list' }))).toBe('answer-stands-out');
  });
});

describe('gate: stem', () => {
  it('must be within length bounds', () => {
    expect(checkQuestion(input({ stem: 'Max delay?' }))).toBe('stem-too-short');
    expect(checkQuestion(input({ stem: `Amazon SQS: ${'delay queues and more '.repeat(20)}___?` }))).toBe('stem-too-long');
  });

  it('must not depend on missing context', () => {
    expect(needsMissingContext('As shown in this diagram, which service is used?')).toBe(true);
    expect(needsMissingContext('Which of the above is a queue?')).toBe(true);
    expect(needsMissingContext('Which service stores messages for up to 14 days?')).toBe(false);
    expect(checkQuestion(input({ stem: 'Amazon SQS: as shown above, messages are delayed for up to ___?' }))).toBe('missing-context');
  });
});

describe('gate: no leftover markup', () => {
  it('rejects markdown, links, images and table pipes in the stem or an option', () => {
    expect(leftoverSyntax('Use **Spot** instances')).toBe('markdown-leftover');
    expect(leftoverSyntax('Run `aws configure` first')).toBe('markdown-leftover');
    expect(leftoverSyntax('See [the docs](https://aws.amazon.com)')).toBe('link-or-image');
    expect(leftoverSyntax('![diagram](images/a.png) queue')).toBe('link-or-image');
    expect(leftoverSyntax('Athena | Serverless SQL')).toBe('table-pipe');
    expect(leftoverSyntax('Delay of up to ___ for a queue')).toBeUndefined();
    expect(checkQuestion(input({ stem: 'Amazon SQS | Delay queues: fill in the blank. "up to ___"' }))).toBe('table-pipe');
    expect(checkQuestion(input({ options: ['5 min', '15 min', '30 min', '**60** min'] }))).toBe('markdown-leftover');
  });
});

describe('gate: explanation quotes the source', () => {
  it('rejects an explanation that does not quote the passage', () => {
    expect(checkQuestion(input({ explanation: 'Delay queues are in the notes.' }))).toBe('explanation-unquoted');
  });

  it('rejects a passage that is not in the section', () => {
    const invented = 'Delay queues postpone messages for up to 90 min';
    expect(checkQuestion(input({ explanation: `From the notes: "${invented}"` }, { passage: invented }))).toBe('explanation-unquoted');
  });
});

describe('gate: sources', () => {
  it('rejects questions from unsearchable sections unless they are glossary questions', () => {
    const hidden = { ...section, searchable: false };
    expect(checkQuestion(input({}, { section: hidden }))).toBe('unsearchable-source');
    const glossary = input({ kind: 'glossary' }, { section: hidden });
    expect(checkQuestion(glossary)).toBeUndefined();
  });
});

describe('gate: duplicates', () => {
  it('admits a stem and answer once per run', () => {
    const gate = createGate();
    expect(gate.admit(input())).toBeUndefined();
    expect(gate.admit(input({ options: ['15 min', '10 min', '20 min', '45 min'], answers: [0] }))).toBe('duplicate');
    expect(createGate().admit(input())).toBeUndefined();
  });
});

describe('gate: truncated', () => {
  it('recognises an ellipsis, an unclosed quote and an unbalanced parenthesis', () => {
    expect(isTruncated('Mitochondria produce ATP through…')).toBe(true);
    expect(isTruncated('Mitochondria produce ATP through...')).toBe(true);
    expect(isTruncated('Which organelle is described as "produces ATP through cellular?')).toBe(true);
    expect(isTruncated('Velouté (a white stock thickened with a roux')).toBe(true);
    expect(isTruncated('Which organelle is described as "produces ATP (mostly)"?')).toBe(false);
    expect(isTruncated('Delay queues postpone messages for up to ___')).toBe(false);
  });

  it('rejects a question whose stem, an option or the quoted passage was cut off', () => {
    expect(checkQuestion(input({ stem: 'Amazon SQS: fill in the blank. "Delay queues postpone messages for up to ___ and…"' }))).toBe('truncated');
    expect(checkQuestion(input({ options: ['5 min', '15 min', '30 min', '60 min (or…'] }))).toBe('truncated');
    const cut = 'Delay queues postpone messages for up to 15 min...';
    expect(checkQuestion(input({ explanation: `From the notes: "${cut}"` }, { passage: cut }))).toBe('truncated');
  });
});

describe('gate: about-the-notes', () => {
  it('recognises stems about the notes as a document rather than the subject', () => {
    expect(isAboutTheNotes('Which topic of the notes covers delay queues?')).toBe(true);
    expect(isAboutTheNotes('According to these notes, how long can a message be delayed?')).toBe(true);
    expect(isAboutTheNotes('Which heading in this section mentions chromosomes?')).toBe(true);
    expect(isAboutTheNotes('Which cell organelle is described as "holds the chromosomes of the cell"?')).toBe(false);
    expect(isAboutTheNotes('Fill in the blank about Photosynthesis: "Plants fix carbon in ___"')).toBe(false);
  });

  it('rejects such a stem', () => {
    expect(checkQuestion(input({ stem: 'Which topic of the notes says delay queues postpone messages for up to ___?' }))).toBe('about-the-notes');
    expect(checkQuestion(input({ stem: 'In these notes, delay queues postpone messages for up to ___' }))).toBe('about-the-notes');
  });
});

describe('gate: initials-giveaway', () => {
  const abbreviations: Section = {
    ...section,
    id: 'exam.md#abbreviations',
    slug: 'abbreviations',
    title: 'Abbreviations',
    matchTitle: 'Abbreviations',
    headingPath: ['Abbreviations'],
    markdown: '| ENI | Elastic Network Interface |',
    text: 'ENI | Elastic Network Interface',
    searchable: false,
  };
  const passage = 'ENI | Elastic Network Interface';
  const glossaryQuestion = (stem: string, options: string[]) =>
    input(
      { stem, options, answers: [0], kind: 'glossary', explanation: `From the notes (Abbreviations): "${passage}"` },
      { section: abbreviations, passage, acronymInStem: true },
    );

  it('rejects an abbreviation stem when exactly one option spells the abbreviation', () => {
    const options = ['Elastic Network Interface', 'Simple Queue Service', 'Key Management Service', 'Identity and Access Management'];
    expect(initialsGiveaway('What does ENI stand for?', options)).toBe(true);
    expect(checkQuestion(glossaryQuestion('What does ENI stand for?', options))).toBe('initials-giveaway');
  });

  it('accepts it when every option spells the abbreviation: only knowing it tells them apart', () => {
    const options = ['Elastic Network Interface', 'Elastic Node Instance', 'Extended Network Identifier', 'External Network Index'];
    expect(initialsGiveaway('What does ENI stand for?', options)).toBe(false);
    expect(checkQuestion(glossaryQuestion('What does ENI stand for?', options))).toBeUndefined();
  });

  it('rejects the reverse question when the long form in the stem spells exactly one abbreviation option', () => {
    const options = ['ENI', 'SQS', 'KMS', 'IAM'];
    expect(initialsGiveaway('Which abbreviation stands for Elastic Network Interface?', options)).toBe(true);
    expect(checkQuestion(glossaryQuestion('Which abbreviation stands for Elastic Network Interface?', options))).toBe('initials-giveaway');
  });

  it('leaves stems without an abbreviation alone', () => {
    expect(initialsGiveaway('Which organelle holds the chromosomes?', ['Nucleus', 'Ribosome', 'Lysosome', 'Golgi apparatus'])).toBe(false);
  });
});

describe('gate: answer-in-stem, by key words', () => {
  it('rejects a stem sharing a word with the key that no wrong option has', () => {
    const stem = 'Which routing policy is used for active-passive failover between two sites?';
    const options = ['Failover routing', 'Weighted routing', 'Latency routing', 'Geolocation routing'];
    expect(checkQuestion(input({ stem, options, answers: [0], kind: 'term-list' }))).toBe('answer-in-stem');
  });

  it('accepts a word every option shares ("routing"): it points at no option', () => {
    const stem = 'Which routing policy is used for active-passive disaster recovery between two sites?';
    const options = ['Failover routing', 'Weighted routing', 'Latency routing', 'Geolocation routing'];
    expect(checkQuestion(input({ stem, options, answers: [0], kind: 'term-list' }))).toBeUndefined();
  });
});

describe('qualityOf: a score between 0 and 1 for a question that passed', () => {
  const q = (kind: string, options: string[], stem = 'Which cell organelle is described as "holds the chromosomes of the cell"?') =>
    input({ kind, stem, options, answers: [0] }).question;
  const even = ['Nucleus', 'Ribosome', 'Lysosome', 'Vacuole'];

  it('starts from the generator\'s prior: numbers and tables above term lists, glossary and siblings', () => {
    expect(qualityOf(q('number', even), 6)).toBeGreaterThan(qualityOf(q('table', even), 6));
    expect(qualityOf(q('table', even), 6)).toBeGreaterThan(qualityOf(q('term-list', even), 6));
    expect(qualityOf(q('term-list', even), 6)).toBeGreaterThan(qualityOf(q('siblings', even), 6));
  });

  it('marks down an answer that stands out by length, having had no choice of distractors, and a penalty', () => {
    const base = qualityOf(q('term-list', even), 6);
    expect(qualityOf(q('term-list', ['The nucleus of the eukaryotic cell', 'Ribosome', 'Lysosome', 'Vacuole']), 6)).toBeLessThan(base);
    expect(qualityOf(q('term-list', even), 3)).toBeLessThan(base);
    expect(qualityOf(q('term-list', even), 6, 0.2)).toBeCloseTo(base - 0.2, 5);
    expect(qualityOf(q('term-list', even), 6, 5)).toBe(0);
  });
});
