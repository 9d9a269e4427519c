import { describe, expect, it } from 'vitest';
import { GlossaryBridge } from '../../src/search/glossaryBridge.ts';
import { buildSearchEngine } from '../../src/search/index.ts';
import { parseQuery, type QueryContext } from '../../src/search/parseQuery.ts';
import { PASSAGE_MAX } from '../../src/search/passage.ts';
import { SectionIndex } from '../../src/search/sectionIndex.ts';
import { TypoIndex, withinOneEdit } from '../../src/search/typoCandidates.ts';
import { discordMarkdownProblems, kbOf, titles, type SectionSpec } from './fixtures.ts';

/** A small AWS-flavoured notes file, written so each test has exactly one right answer. */
const NOTES: SectionSpec[] = [
  { title: 'Messaging' },
  { title: 'SQS Visibility Timeout', parent: 'Messaging', markdown: '- A received message is invisible to other consumers for 30 seconds by default.' },
  { title: 'CloudFront', markdown: '- Content delivery network that caches content at edge locations.' },
  { title: 'Auto Scaling Group', markdown: '- Scale out and in automatically based on CloudWatch alarms.' },
  { title: 'Compute Notes', markdown: '- Autoscaling policies react to load; instances are replaced when unhealthy.' },
  { title: 'Tracing', markdown: '- Use X-Ray to follow a request through microservices.' },
  { title: 'RDS Read Replicas', markdown: '- Up to 5 read replicas per database, replication is asynchronous.' },
  { title: 'Encryption at rest', markdown: '- Encrypting volumes uses keys managed by the key service.' },
  { title: 'Lambda', markdown: '- Serverless functions billed per millisecond.' },
  { title: 'Containers', markdown: '- ECS runs Docker containers on a cluster of EC2 instances.' },
  { title: 'Macie', markdown: '- Finds sensitive data in S3 buckets.' },
];

function contextOf(specs: SectionSpec[]): QueryContext {
  const kb = kbOf(specs);
  const index = new SectionIndex(kb.sections, kb.byId);
  return { vocabulary: index.vocabulary, typos: new TypoIndex(index.vocabulary.words), glossary: new GlossaryBridge(kb.glossary) };
}

describe('query understanding', () => {
  const engine = buildSearchEngine(kbOf(NOTES));
  const ctx = contextOf(NOTES);

  it('drops question and stop words, keeping the topic words', () => {
    const labels = parseQuery('what is the visibility timeout in sqs?', ctx)
      .concepts.filter((c) => c.role === 'term')
      .map((c) => c.label);
    expect(labels).toEqual(['visibility', 'timeout', 'sqs']);
    expect(titles(engine.search('what is the visibility timeout in sqs?'))[0]).toBe('SQS Visibility Timeout');
  });

  it('matches other forms of a word through stemming', () => {
    expect(titles(engine.search('replica'))[0]).toBe('RDS Read Replicas');
    expect(titles(engine.search('encrypted volume'))[0]).toBe('Encryption at rest');
  });

  it('tolerates one typo in words of five letters or more', () => {
    expect(withinOneEdit('cloudfromt', 'cloudfront')).toBe(true);
    expect(withinOneEdit('cloudtrial', 'cloudtrail')).toBe(true); // transposition
    expect(withinOneEdit('cloudfrmot', 'cloudfront')).toBe(false);
    expect(titles(engine.search('cloudfromt'))[0]).toBe('CloudFront');
    expect(titles(engine.search('lamda'))[0]).toBe('Lambda');
  });

  it('does not fuzz short words', () => {
    // "ec3" is one edit from "ec2", but three letters: exact only
    expect(parseQuery('ec3', ctx).concepts[0]?.alternatives.map((a) => a.kind)).toEqual(['exact']);
    expect(engine.search('ec3').kind).toBe('not-covered');
  });

  it('does not fuzz acronyms typed in capitals, even long ones', () => {
    const typed = (q: string) => parseQuery(q, ctx).concepts[0]?.alternatives.map((a) => a.kind);
    expect(typed('maciee')).toContain('typo');
    expect(typed('MACIEE')).toEqual(['exact']);
    expect(engine.search('EKS').kind).toBe('not-covered'); // not "ECS"
  });

  it('joins and splits compounds that people and notes write differently', () => {
    expect(titles(engine.search('autoscaling'))).toEqual(expect.arrayContaining(['Auto Scaling Group', 'Compute Notes']));
    expect(titles(engine.search('auto scaling'))).toEqual(expect.arrayContaining(['Auto Scaling Group', 'Compute Notes']));
    expect(titles(engine.search('xray'))[0]).toBe('Tracing');
    expect(titles(engine.search('x ray'))[0]).toBe('Tracing');
  });
});

describe('glossary bridging', () => {
  const specs: SectionSpec[] = [
    { title: 'Abbreviations', markdown: '| ENI | Elastic Network Interface |\n| KMS | Key Management System/Service |', searchable: false },
    { title: 'VPC Endpoints', markdown: '- Interface endpoints are an elastic network interface with a private IP.' },
    { title: 'Lambda in a VPC', markdown: '- Lambda creates ENIs in your subnets to reach private resources.' },
    { title: 'Secrets', markdown: '- Secrets are encrypted with the Key Management Service.' },
  ];
  const glossary = [
    { term: 'ENI', meaning: 'Elastic Network Interface' },
    { term: 'KMS', meaning: 'Key Management System/Service' },
  ];
  const engine = buildSearchEngine(kbOf(specs, glossary));

  it('an acronym finds passages that only spell the name out', () => {
    expect(titles(engine.search('ENI'))).toEqual(expect.arrayContaining(['VPC Endpoints', 'Lambda in a VPC']));
    expect(titles(engine.search('kms'))).toEqual(['Secrets']);
  });

  it('a spelled-out name finds passages that only use the acronym', () => {
    expect(titles(engine.search('elastic network interface'))).toEqual(expect.arrayContaining(['VPC Endpoints', 'Lambda in a VPC']));
  });

  it('matches the spelled-out name as a phrase, not as scattered words', () => {
    const scattered = buildSearchEngine(
      kbOf([{ title: 'Misc', markdown: '- The network is elastic; each interface has an IP.' }], glossary),
    );
    expect(scattered.search('ENI').kind).toBe('not-covered');
  });

  it('bolds the spelled-out words in the passage', () => {
    const outcome = engine.search('ENI');
    const vpc = outcome.kind === 'results' ? outcome.results.find((r) => r.section.title === 'VPC Endpoints') : undefined;
    expect(vpc?.passage).toContain('**elastic network interface**');
  });

  it('does not turn definitions into query expansions: only abbreviations bridge', () => {
    const defined = buildSearchEngine(
      kbOf(
        [
          { title: 'Workloads', markdown: '- Pods run one or more containers.' },
          { title: 'Deployments', markdown: '- The smallest deployable unit of a rollout is described here.' },
        ],
        [{ term: 'Pod', meaning: 'the smallest deployable unit of computing', kind: 'definition' }],
      ),
    );
    expect(titles(defined.search('pod'))).toEqual(['Workloads']);
    expect(titles(defined.search('smallest deployable unit'))).toEqual(['Deployments']);
  });
});

describe('heading weight and focus', () => {
  it("ranks the section's own heading above its parents' headings and above the body", () => {
    const engine = buildSearchEngine(
      kbOf([
        { title: 'Overview', markdown: '- Many services have quotas; see the pages on throttling and quotas for each.' },
        { title: 'Throttling', markdown: '- Too many requests return 429.' },
        { title: 'Details', parent: 'Throttling', markdown: '- Retry with exponential backoff.' },
      ]),
    );
    expect(titles(engine.search('throttling'))).toEqual(['Throttling', 'Details', 'Overview']);
  });

  it('prefers a focused section over a huge one that mentions the term as often', () => {
    const filler = Array.from({ length: 150 }, (_, i) => `- Unrelated bullet number ${i} about billing and support plans.`).join('\n');
    const engine = buildSearchEngine(
      kbOf([
        { title: 'Big Notes', markdown: `- Glacier is cheap archival storage.\n${filler}` },
        { title: 'Storage Classes', markdown: '- Glacier is cheap archival storage.' },
      ]),
    );
    expect(titles(engine.search('glacier'))).toEqual(['Storage Classes', 'Big Notes']);
  });

  it('needs most, not all, query words', () => {
    const engine = buildSearchEngine(kbOf(NOTES));
    // "sqs", "visibility" and "consumers" are in the section, "polling" is not
    expect(titles(engine.search('sqs visibility consumers polling'))[0]).toBe('SQS Visibility Timeout');
  });
});

describe('honesty', () => {
  const engine = buildSearchEngine(kbOf(NOTES));

  it('says "not covered" with at most five did-you-mean headings when the distinctive words are unknown', () => {
    const outcome = engine.search('kubernetes helm charts for lambda');
    expect(outcome.kind).toBe('not-covered');
    if (outcome.kind !== 'not-covered') return;
    expect(outcome.suggestions.length).toBeGreaterThan(0);
    expect(outcome.suggestions.length).toBeLessThanOrEqual(5);
    expect(outcome.suggestions.map((s) => s.title)).toContain('Lambda');
  });

  it('answers what it knows and names the unknown word when most of the question is covered', () => {
    const outcome = engine.search('nacl vs auto scaling group');
    expect(outcome.kind).toBe('results');
    if (outcome.kind !== 'results') return;
    expect(outcome.results[0]?.section.title).toBe('Auto Scaling Group');
    expect(outcome.unknownTerms).toEqual(['nacl']);
  });

  it('never returns sections marked searchable: false, and words only there count as unknown', () => {
    const kb = kbOf([
      { title: 'Abbreviations', markdown: '| NACL | Network ACL |', searchable: false },
      { title: 'Security Groups', markdown: '- Stateful firewall for instances.' },
    ]);
    const only = buildSearchEngine(kb);
    expect(only.search('nacl').kind).toBe('not-covered');
    const all = only.search('security groups abbreviations');
    expect(titles(all)).not.toContain('Abbreviations');
    expect(only.suggestSections('abbrev')).toEqual([]);
  });

  it('reports an empty knowledge base as such', () => {
    expect(buildSearchEngine(kbOf([])).search('lambda').kind).toBe('empty-knowledge');
    expect(buildSearchEngine(kbOf([{ title: 'Hidden', markdown: 'x', searchable: false }])).search('x').kind).toBe('empty-knowledge');
  });

  it('treats a query of only stop words as not covered, without suggestions', () => {
    expect(engine.search('what is it?')).toEqual({ kind: 'not-covered', query: 'what is it?', suggestions: [] });
  });
});

describe('passages', () => {
  const longBody = Array.from(
    { length: 40 },
    (_, i) => `- Point ${i}: Buckets store objects; versioning keeps every version of an object until deleted.`,
  ).join('\n');
  const specs: SectionSpec[] = [
    { title: 'S3 Notes', markdown: `${longBody}\n- KMS keys encrypt objects with SSE-KMS (header x-amz-server-side-encryption).` },
    {
      title: 'Tricky Markdown',
      markdown: [
        'Use `aws s3 ls` and **bold** text; a_b*c~d|e >f #g <@everyone> [link](https://example.com).',
        '',
        '| Feature | KMS |',
        '|---|---|',
        '| Keys | managed |',
        '',
        '1. First step with KMS.',
        '   - nested bullet about KMS rotation',
      ].join('\n'),
    },
    {
      title: 'Long Paragraph',
      markdown: `${'Sentence about nothing in particular. '.repeat(30)}Rotation of KMS keys happens yearly. ${'More filler sentences follow here. '.repeat(30)}`,
    },
  ];
  const engine = buildSearchEngine(kbOf(specs));
  const passageOf = (query: string, title: string) => {
    const outcome = engine.search(query);
    const hit = outcome.kind === 'results' ? outcome.results.find((r) => r.section.title === title) : undefined;
    if (!hit) throw new Error(`no result "${title}" for "${query}"`);
    return hit.passage;
  };

  it('are at most 1,000 characters and pick the part that matches', () => {
    const passage = passageOf('kms encryption', 'S3 Notes');
    expect(passage.length).toBeLessThanOrEqual(PASSAGE_MAX);
    expect(passage).toContain('**KMS**');
    expect(passage.startsWith('…')).toBe(true);
  });

  it('cut only at bullet and sentence boundaries', () => {
    const bullets = passageOf('kms encryption', 'S3 Notes').split('\n').filter((l) => l !== '…');
    for (const line of bullets) expect(line).toMatch(/^• .*\.( …)?$|^• .*\)\.?( …)?$/);
    const sentences = passageOf('kms rotation', 'Long Paragraph');
    expect(sentences.length).toBeLessThanOrEqual(PASSAGE_MAX);
    expect(sentences).toContain('**Rotation** of **KMS** keys happens yearly.');
    expect(sentences.replace(/^…/, '').replace(/ …$/, '')).toMatch(/^(\*\*)?[A-Z].*\.$/s);
  });

  it('bold matched terms and escape every other piece of markdown', () => {
    const passage = passageOf('kms', 'Tricky Markdown');
    expect(discordMarkdownProblems(passage)).toEqual([]);
    expect(passage).toContain('a\\_b\\*c\\~d\\|e \\>f \\#g \\<@everyone\\> link');
    expect(passage).toContain('Feature \\| **KMS**');
    expect(passage).toContain('1\\. First step with **KMS**.');
    expect(passage).not.toContain('`');
  });

  it('are valid Discord markdown for every result on every query', () => {
    for (const q of ['kms', 'versioning objects', 'bucket', 'rotation', 'first step']) {
      const outcome = engine.search(q);
      if (outcome.kind !== 'results') continue;
      for (const r of outcome.results) {
        expect(r.passage.length).toBeLessThanOrEqual(PASSAGE_MAX);
        expect(discordMarkdownProblems(r.passage)).toEqual([]);
      }
    }
  });

  it('passageFor shows the opening without a query and bolds with one', () => {
    const section = engine.suggestSections('tricky')[0];
    expect(section?.title).toBe('Tricky Markdown');
    if (!section) return;
    expect(engine.passageFor(section)).not.toContain('**');
    expect(engine.passageFor(section, 'kms')).toContain('**KMS**');
  });
});

describe('autocomplete', () => {
  const engine = buildSearchEngine(kbOf(NOTES));

  it('suggests headings matching what is typed so far', () => {
    expect(engine.suggestSections('sqs vis').map((s) => s.title)).toEqual(['SQS Visibility Timeout']);
    expect(engine.suggestSections('auto sc').map((s) => s.title)[0]).toBe('Auto Scaling Group');
  });

  it('returns at most the limit (and never more than 25)', () => {
    expect(engine.suggestSections('', 3)).toHaveLength(3);
    expect(engine.suggestSections('', 100).length).toBeLessThanOrEqual(25);
  });
});

describe('odd input', () => {
  const engine = buildSearchEngine(kbOf(NOTES));

  it('handles empty, symbol-only, markdown-laden and very long queries without throwing', () => {
    for (const q of ['', '   ', '???', '*_~`|>#', '<@123> @everyone', 'lambda@edge: **bold**', '🙂 lambda 🙂']) {
      const outcome = engine.search(q);
      expect(['results', 'not-covered']).toContain(outcome.kind);
    }
    expect(engine.search('').kind).toBe('not-covered');
    expect(titles(engine.search('🙂 lambda 🙂'))[0]).toBe('Lambda');
    const wall = `${'lorem ipsum dolor '.repeat(500)} lambda`;
    expect(['results', 'not-covered']).toContain(engine.search(wall).kind);
    expect(engine.suggestSections('***').length).toBeLessThanOrEqual(25);
  });
});
