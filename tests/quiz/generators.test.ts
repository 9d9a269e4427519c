import { describe, expect, it } from 'vitest';
import type { GlossaryEntry, KnowledgeBase, Section } from '../../src/knowledge/types.ts';
import { generateQuestions } from '../../src/quiz/generateQuestions.ts';
import { glossaryGenerator } from '../../src/quiz/generators/glossary.ts';
import { BodyCache } from '../../src/quiz/generators/mdast.ts';
import { findNumbers, numberDistractors, numberGenerator, WELL_KNOWN_PORTS } from '../../src/quiz/generators/number.ts';
import { siblingsGenerator } from '../../src/quiz/generators/siblings.ts';
import { tableGenerator } from '../../src/quiz/generators/table.ts';
import { termListGenerator } from '../../src/quiz/generators/termList.ts';
import type { Draft, Generator } from '../../src/quiz/generators/types.ts';

/** A section as the knowledge loader makes it: body markdown starting on the line after the heading. */
function section(file: string, title: string, markdown: string, opts: Partial<Section> = {}): Section {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const startLine = opts.startLine ?? 1;
  return {
    id: `${file}#${slug}`,
    file,
    slug,
    title,
    matchTitle: title,
    headingPath: opts.headingPath ?? [title],
    level: opts.level ?? 2,
    parentId: opts.parentId ?? null,
    startLine,
    endLine: startLine + markdown.split('\n').length,
    bodyStartLine: startLine + 1,
    markdown,
    // The loader's plain text keeps list items one per line and tables as `a | b` rows.
    text: markdown
      .split('\n')
      .map((l) => l.replace(/^\s*[-*]\s+/, '').replace(/\*\*|`/g, '').replace(/^\||\|$/g, '').trim())
      .filter((l) => l.length > 0 && !/^[-:| ]+$/.test(l))
      .join('\n'),
    searchable: opts.searchable ?? true,
    ...opts,
  };
}

function kbOf(sections: Section[], glossary: GlossaryEntry[] = []): KnowledgeBase {
  return {
    dir: '/fixture',
    files: [...new Set(sections.map((s) => s.file))].map((file) => ({ file, bytes: 0, sections: 0 })),
    sections,
    byId: new Map(sections.map((s) => [s.id, s])),
    glossary,
    warnings: [],
  };
}

function run(generator: Generator, kb: KnowledgeBase): Draft[] {
  return generator.generate({ kb, bodies: new BodyCache() });
}

function child(parent: Section, title: string, markdown: string, startLine: number): Section {
  return section(parent.file, title, markdown, {
    parentId: parent.id,
    headingPath: [...parent.headingPath, title],
    level: parent.level + 1,
    startLine,
  });
}

describe('glossary generator', () => {
  const table = section('guide.md', 'Abbreviations', '| Abbreviation | Stands for |\n|---|---|\n| ENI | Elastic Network Interface |', {
    searchable: false,
  });
  const entry = (term: string, meaning: string, line: number, source: 'table' | 'inline' = 'table'): GlossaryEntry => ({
    term,
    meaning,
    kind: 'abbreviation',
    sectionId: table.id,
    file: table.file,
    line,
    source,
  });
  const entries = [
    entry('ENI', 'Elastic Network Interface', 3),
    entry('EBS', 'Elastic Block Storage', 4),
    entry('EFS', 'Elastic File System', 5),
    entry('ELB', 'Elastic Load Balancer', 6),
    entry('ECR', 'Elastic Container Registry', 7),
    entry('NLB', 'Network Load Balancer', 8),
    entry('DNS Domain', 'Name Service', 9),
    entry('ENIs', 'Elastic Network Interfaces', 10),
  ];


  it('refuses multi-word abbreviations, plural abbreviations and expansions that cannot spell them', () => {
    const stems = run(glossaryGenerator, kbOf([table], entries)).map((d) => d.stem);
    expect(stems.some((s) => s.includes('DNS Domain') || s.includes('Name Service'))).toBe(false);
    expect(stems.some((s) => s.includes('ENIs'))).toBe(false);
  });

});

describe('siblings generator', () => {
  const ec2 = section('notes.md', 'EC2 Purchasing Options', '', { level: 1 });
  const options = [
    child(ec2, 'On-Demand Instances', '* Pay for what you use\n* No long term commitment, highest cost', 3),
    child(ec2, 'Reserved Instances', '* Up to 75% discount compared to On-Demand\n* Reservation period of 1 or 3 years', 7),
    child(ec2, 'Spot Instances', '* Discount of up to 90%; Spot instances can be reclaimed with a 2 minute warning\n* Good for batch jobs', 11),
    child(ec2, 'Dedicated Hosts', '* An entire physical server for your use\n* Useful for bring-your-own-license software', 15),
  ];

  it('describes one member with its name masked; the other members are the distractors', () => {
    const drafts = run(siblingsGenerator, kbOf([ec2, ...options]));
    expect(drafts).toHaveLength(4);
    const spot = drafts.find((d) => d.answer === 'Spot Instances');
    expect(spot?.stem).toContain('Discount of up to 90%');
    expect(spot?.stem).not.toMatch(/spot/i);
    expect(spot?.stem).toContain('___');
    expect(spot?.distractors).toEqual(expect.arrayContaining(['On-Demand Instances', 'Reserved Instances', 'Dedicated Hosts']));
    expect(spot?.line).toBe(12);
  });

  it('skips parents whose children are not one family', () => {
    const iam = section('notes.md', 'IAM', '', { level: 1 });
    const mixed = [
      child(iam, 'Users', '* A physical person with long-term credentials', 3),
      child(iam, 'Summary', '* Users, groups and roles in one place for the exam', 5),
      child(iam, 'What is a policy?', '* A JSON document listing permissions', 7),
      child(iam, 'IAM vs Cognito', '* IAM for internal users, Cognito for app users', 9),
      child(iam, 'Best practices', '* Never share credentials, use MFA on the root account', 11),
    ];
    expect(run(siblingsGenerator, kbOf([iam, ...mixed]))).toEqual([]);
  });


  it('needs at least four members', () => {
    expect(run(siblingsGenerator, kbOf([ec2, ...options.slice(0, 3)]))).toEqual([]);
  });
});

describe('term-list generator', () => {
  const states = section(
    'serverless.md',
    'Step Function States',
    [
      '* Choice state - test for a condition to send to a branch',
      '* Fail or succeed state - stop execution with failure or success',
      '* Pass state - simply pass its input to its output',
      '* **Wait state**: provide a delay for a certain amount of time',
      '* Parallel state - begin parallel branches of execution',
    ].join('\n'),
    { startLine: 40 },
  );



  it('refuses lists of sentences and cause → effect arrows', () => {
    const prose = section(
      'notes.md',
      'Long Polling',
      [
        '* Consumer waits if queue is empty',
        '* Fewer API calls → lower cost, less CPU usage',
        '* More responsive consumers → immediate message delivery',
        '* It is enabled at the queue level or per API call',
      ].join('\n'),
    );
    expect(run(termListGenerator, kbOf([prose]))).toEqual([]);
  });



  it('refuses lists that repeat a term', () => {
    const repeated = section('notes.md', 'Ports', '* SSH: port 22\n* SFTP: port 22 too\n* SSH: remote shell\n* RDP: port 3389');
    expect(run(termListGenerator, kbOf([repeated]))).toEqual([]);
  });
});

describe('table generator', () => {
  const modes = section(
    'exam.md',
    'Deployment Modes',
    [
      '| Mode | Description |',
      '|------|------------|',
      '| All at once | Fastest, downtime, good for dev |',
      '| Rolling | Update batches, runs below capacity |',
      '| Immutable | New instances in a temporary ASG, zero downtime |',
      '| Blue/Green | New environment, then swap URLs |',
    ].join('\n'),
    { startLine: 100 },
  );



  it('refuses small tables, property-by-entity tables and the abbreviations table', () => {
    const small = section('a.md', 'Small', '| A | B |\n|---|---|\n| x | one |\n| y | two |');
    const transposed = section(
      'a.md',
      'Firehose vs Streams',
      '| Feature | Firehose | Data Streams |\n|---|---|---|\n| Delivery | Near real-time | Real-time |\n| Scaling | Auto | Provisioned |\n| Replay | No | Yes |',
    );
    const abbreviations = section('a.md', 'Abbreviations', '| Abbreviation | Stands for |\n|---|---|\n| ENI | Elastic Network Interface |\n| EBS | Elastic Block Storage |\n| EFS | Elastic File System |');
    const glossary: GlossaryEntry[] = [{ term: 'ENI', meaning: 'Elastic Network Interface', kind: 'abbreviation', sectionId: abbreviations.id, file: 'a.md', line: 4, source: 'table' }];
    expect(run(tableGenerator, kbOf([small, transposed, abbreviations], glossary))).toEqual([]);
  });
});

describe('number generator', () => {
  it('finds numbers with units, ports and counted things, and ignores versions, names and dates', () => {
    const units = (s: string) => findNumbers(s).map((f) => `${f.value} ${f.unit}`);
    expect(units('Delay up to 15 min, max message size 256 KB, retention 14 days')).toEqual(['15 min', '256 KB', '14 day']);
    expect(units('HTTPS uses port 443')).toEqual(['443 port']);
    expect(units('Up to 15 read replicas, 99.99% available')).toEqual(['15 count:read replicas', '99.99 %']);
    expect(units('EC2 and S3 with AES-256 since 2012-10-17 on t2.micro')).toEqual([]);
    expect(units('~100s - 1000s downloads per second; 5 9s (99.999%)')).toEqual(['99.999 %']);
  });

  it('offers plausible values of the same unit, never the answer itself', () => {
    const [fact] = findNumbers('Delay queues postpone messages for up to 15 min');
    if (!fact) throw new Error('no fact found');
    const wrong = numberDistractors(fact, new Map([['min', [5, 15, 30]]]), []);
    expect(wrong).not.toContain(15);
    expect(wrong.slice(0, 4)).toEqual(expect.arrayContaining([5, 30]));
    expect(wrong.every((x) => Number.isInteger(x) && x > 0)).toBe(true);
  });



  it('refuses calculations, worked examples and figures given twice in one passage', () => {
    const refused = section(
      'notes.md',
      'Pricing',
      [
        '* 30 minutes, it costs $0.023/2 = $0.0115',
        '* Application requires to read 10 items of 1 KB per second, whats the read throughput',
        '* The maximum retention period is 8760 hours (365 days).',
        '* Multi-Region active-active is mandatory for 5 9s (99.999%) or higher',
        '* If you snapshot a 100GB drive that only has 5 gb of data, then your EBS snapshot will only be 5 gb',
      ].join('\n'),
    );
    expect(run(numberGenerator, kbOf([refused]))).toEqual([]);
  });
});

describe('generateQuestions', () => {
  const ec2 = section('notes.md', 'EC2 Purchasing Options', '', { level: 1 });
  const kb = kbOf([
    ec2,
    child(ec2, 'On-Demand Instances', '* Pay for what you use\n* No long term commitment, highest cost', 3),
    child(ec2, 'Reserved Instances', '* Up to 75% discount compared to On-Demand\n* Reservation period of 1 or 3 years', 7),
    child(ec2, 'Spot Instances', '* Discount of up to 90% compared with the on-demand price\n* Good for batch jobs', 11),
    child(ec2, 'Dedicated Hosts', '* An entire physical server for your use\n* Useful for bring-your-own-license software', 15),
    child(ec2, 'Dedicated Instances', '* Hardware dedicated to you, may share with your own account\n* No control over placement', 19),
    child(ec2, 'Savings Plans', '* Commit to an amount of usage in dollars per hour\n* Flexible across instance families', 23),
    child(ec2, 'Capacity Reservations', '* Reserve capacity in a specific AZ for any duration\n* No billing discount by itself', 27),
  ]);

  it('builds schema-valid questions with source, topic, kind and content ids', () => {
    const { questions, byGenerator, byFile } = generateQuestions(kb, { seed: 'a' });
    expect(questions.length).toBeGreaterThan(0);
    for (const q of questions) {
      expect(q.id).toMatch(/^q_[0-9a-f]{16}$/);
      expect(q.options[q.answers[0] ?? -1]).toBeDefined();
      expect(q.topic).toBe('EC2 Purchasing Options');
      expect(q.source.file).toBe('notes.md');
      expect(q.explanation).toContain('"');
    }
    expect(byGenerator.siblings).toBe(questions.filter((q) => q.kind === 'siblings').length);
    expect(byFile['notes.md']).toBe(questions.length);
  });

  it('makes nothing, and reports zero per generator, from an empty knowledge base', () => {
    const empty = generateQuestions(kbOf([]));
    expect(empty.questions).toEqual([]);
    expect(Object.values(empty.byGenerator)).toEqual([0, 0, 0, 0, 0]);
    expect(empty.rejections).toEqual({});
  });

  it('is deterministic for a seed, and another seed changes distractors or their order', () => {
    const a = generateQuestions(kb, { seed: 'a' });
    const again = generateQuestions(kb, { seed: 'a' });
    const b = generateQuestions(kb, { seed: 'b' });
    expect(again.questions).toEqual(a.questions);
    expect(b.questions.map((q) => q.stem)).toEqual(a.questions.map((q) => q.stem));
    expect(b.questions.map((q) => q.options.join('|'))).not.toEqual(a.questions.map((q) => q.options.join('|')));
  });
});

describe('rebuilt generators: one direction per fact, same-family options, subject named', () => {
  it('asks a term list in one direction, naming the kind from the plural label, with the list\'s other terms as options', () => {
    const s = section('k8s.md', 'Workload Resources', ['- Deployment: manages stateless replicas with rolling updates', '- StatefulSet: gives each replica a stable identity and storage', '- DaemonSet: runs one copy of a pod on every node', '- Job: runs pods until a task completes successfully'].join('\n'));
    const drafts = run(termListGenerator, kbOf([s]));
    expect(drafts).toHaveLength(4);
    const job = drafts.find((d) => d.answer === 'Job');
    expect(job?.stem).toBe('Which workload resource is described as "runs pods until a task completes successfully"?');
    expect(new Set(job?.distractors)).toEqual(new Set(['Deployment', 'StatefulSet', 'DaemonSet']));
    expect(new Set(drafts.map((d) => d.fact)).size).toBe(4);
  });

  it('refuses a list of fewer than four terms', () => {
    const s = section('k8s.md', 'Probes', ['- Liveness: restarts a stuck container', '- Readiness: gates traffic to a pod', '- Startup: delays other probes'].join('\n'));
    expect(run(termListGenerator, kbOf([s]))).toHaveLength(0);
  });

  it('offers real well-known ports, never scaled numbers, for a port question', () => {
    const s = section('net.md', 'Ports to know', 'Common ports: 22 = SSH, 21 = FTP, 80 = HTTP, 443 = HTTPS, 3389 = RDP');
    const https = run(numberGenerator, kbOf([s])).find((d) => d.stem === 'Which port does HTTPS use by default?');
    expect(https?.answer).toBe('443');
    for (const d of https?.distractors ?? []) expect(WELL_KNOWN_PORTS).toContain(Number(d));
  });

  it('asks a table one way: the row is the answer, the other rows the options', () => {
    const s = section('bio.md', 'Respiration stages', ['| Stage | Where |', '| --- | --- |', '| Glycolysis | cytoplasm |', '| Link reaction | mitochondrial matrix, before the cycle |', '| Krebs cycle | mitochondrial matrix |', '| Oxidative phosphorylation | inner mitochondrial membrane |'].join('\n'));
    const drafts = run(tableGenerator, kbOf([s]));
    expect(drafts).toHaveLength(4);
    expect(drafts.every((d) => ['Glycolysis', 'Link reaction', 'Krebs cycle', 'Oxidative phosphorylation'].includes(d.answer))).toBe(true);
    expect(drafts[0]?.stem).toBe('For which stage is the where "cytoplasm"?');
  });
});
