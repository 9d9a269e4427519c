import { describe, expect, it } from 'vitest';
import type { GlossaryEntry, KnowledgeBase, Section } from '../../src/knowledge/types.ts';
import { generateQuestions } from '../../src/quiz/generateQuestions.ts';
import { glossaryGenerator } from '../../src/quiz/generators/glossary.ts';
import { BodyCache } from '../../src/quiz/generators/mdast.ts';
import { findNumbers, numberDistractors, numberGenerator } from '../../src/quiz/generators/number.ts';
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
  const entry = (abbr: string, expansion: string, line: number, source: 'table' | 'inline' = 'table'): GlossaryEntry => ({
    abbr,
    expansion,
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

  it('asks both directions with distractors from other entries', () => {
    const drafts = run(glossaryGenerator, kbOf([table], entries));
    const forward = drafts.find((d) => d.stem === 'What does ENI stand for?');
    const reverse = drafts.find((d) => d.stem === 'Which abbreviation stands for Elastic Network Interface?');
    expect(forward?.answer).toBe('Elastic Network Interface');
    expect(forward?.distractors).toEqual(expect.arrayContaining(['Elastic Block Storage', 'Elastic File System']));
    expect(forward?.distractors).not.toContain('Elastic Network Interface');
    expect(reverse?.answer).toBe('ENI');
    expect(reverse?.distractors).toEqual(expect.arrayContaining(['EBS', 'EFS', 'ELB']));
    expect(forward?.line).toBe(3);
    expect(forward?.passage).toBe('ENI | Elastic Network Interface');
  });

  it('refuses multi-word abbreviations, plural abbreviations and expansions that cannot spell them', () => {
    const stems = run(glossaryGenerator, kbOf([table], entries)).map((d) => d.stem);
    expect(stems.some((s) => s.includes('DNS Domain') || s.includes('Name Service'))).toBe(false);
    expect(stems.some((s) => s.includes('ENIs'))).toBe(false);
  });

  it('never offers a second expansion of the same abbreviation as a wrong answer', () => {
    const withAlias = [...entries, entry('ELB', 'EC2 Load Balancer', 20, 'inline'), entry('XLB', 'Elastic Load Bouncer', 21)];
    const drafts = run(glossaryGenerator, kbOf([table], withAlias));
    const elb = drafts.find((d) => d.stem === 'What does ELB stand for?');
    expect(elb?.answer).toBe('Elastic Load Balancer');
    expect(elb?.distractors).not.toContain('EC2 Load Balancer');
    // "Elastic Load Bouncer" also spells ELB: it would be a second right answer.
    expect(elb?.distractors).not.toContain('Elastic Load Bouncer');
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

  it('offers only services in "Which AWS service" questions, not vendor-prefixed groupings', () => {
    const root = section('pro.md', 'Divers', '', { level: 1 });
    const kids = [
      child(root, 'Amazon Connect', 'An easy to use omnichannel cloud contact center that helps companies provide customer service at a lower cost.', 3),
      child(root, 'Amazon Kendra', 'Intelligent enterprise search powered by machine learning over your documents and content repositories.', 5),
      child(root, 'AWS Backup', 'A fully-managed service that centralizes and automates data protection across services and on-premises.', 7),
      child(root, 'Amazon Inspector', 'A vulnerability management service that continuously scans workloads for software vulnerabilities.', 9),
      child(root, 'AWS Security & Encryption', 'Encryption in flight, server side encryption at rest, and client side encryption compared in detail.', 11),
      child(root, 'AWS Serverless: DynamoDB', 'A fully managed NoSQL key-value and document database that scales automatically with demand.', 13),
    ];
    const drafts = run(siblingsGenerator, kbOf([root, ...kids]));
    expect(drafts.map((d) => d.answer).sort()).toEqual(['AWS Backup', 'Amazon Connect', 'Amazon Inspector', 'Amazon Kendra']);
    expect(drafts.every((d) => d.stem.startsWith('Which AWS service is described here?'))).toBe(true);
    expect(drafts.flatMap((d) => d.distractors).some((x) => x.includes('&') || x.includes(':'))).toBe(false);
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

  it('reads "Term - def" and "**Term**: def" items and asks both directions', () => {
    const drafts = run(termListGenerator, kbOf([states]));
    expect(drafts).toHaveLength(10);
    const wait = drafts.filter((d) => d.passage.startsWith('Wait state'));
    expect(wait.map((d) => d.answer).sort()).toEqual(['Wait state', 'provide a delay for a certain amount of time']);
    const choice = drafts.find((d) => d.answer === 'Choice state');
    expect(choice?.stem).toContain('test for a condition to send to a branch');
    expect(choice?.distractors).toEqual(expect.arrayContaining(['Pass state', 'Wait state', 'Parallel state']));
    expect(choice?.line).toBe(41);
  });

  it('reads "term → def" items whose term is one token or a capitalised name', () => {
    const strategies = section('exam.md', 'Strategies', '* binpack → pack tasks tightly (cost-saving)\n* spread → distribute evenly (AZs/instances)\n* random → random placement\n* Member Of → use a cluster query');
    const answers = run(termListGenerator, kbOf([strategies])).map((d) => d.answer);
    expect(answers).toEqual(expect.arrayContaining(['binpack', 'spread', 'Member Of', 'random placement']));
  });

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

  it('does not ask which term a shared or one-word definition belongs to', () => {
    const config = section('exam.md', 'Key Configurations', '* Buffer Size: 5 MB by default\n* Compression: optional\n* Encryption: optional\n* IAM Role: auto-created');
    const stems = run(termListGenerator, kbOf([config])).map((d) => d.stem);
    expect(stems.some((s) => s.includes('"optional"') || s.includes('"auto-created"'))).toBe(false);
    expect(stems).toContain('Key Configurations: which description fits Buffer Size?');
    expect(stems).not.toContain('Key Configurations: which description fits Compression?');
  });

  it('does not ask about a definition that is mostly the term itself', () => {
    const strategies = section('exam.md', 'Strategies', '* binpack → pack tasks tightly (cost-saving)\n* spread → distribute evenly (AZs/instances)\n* random → random placement');
    const stems = run(termListGenerator, kbOf([strategies])).map((d) => d.stem);
    expect(stems.some((s) => s.includes('"___ placement"'))).toBe(false);
    expect(stems).toContain('Strategies: which description fits random?');
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

  it('asks row ↔ cell in both directions for a two-column table', () => {
    const drafts = run(tableGenerator, kbOf([modes]));
    expect(drafts).toHaveLength(8);
    const immutable = drafts.find((d) => d.answer === 'Immutable');
    expect(immutable?.stem).toBe('Deployment Modes: which mode is described as "New instances in a temporary ASG, zero downtime"?');
    expect(immutable?.distractors.sort()).toEqual(['All at once', 'Blue/Green', 'Rolling']);
    expect(immutable?.line).toBe(105);
    expect(drafts.find((d) => d.stem === 'Deployment Modes: which description goes with Rolling?')?.answer).toBe(
      'Update batches, runs below capacity',
    );
  });

  it('asks about every column of a three-column table', () => {
    const services = section(
      'exam.md',
      'Other Services',
      '| Service | Description | Notes |\n|---|---|---|\n| Athena | Serverless SQL on S3 | BI, analytics |\n| Macie | PII detection | ML-based |\n| SES | Send emails at scale | SMTP/API |',
    );
    const drafts = run(tableGenerator, kbOf([services]));
    expect(drafts.filter((d) => d.answer === 'Macie').map((d) => d.stem)).toEqual([
      'Other Services: which service is described as "PII detection"?',
      'Other Services: which service has notes "ML-based"?',
    ]);
    expect(drafts.find((d) => d.stem === 'Other Services: which note goes with SES?')?.answer).toBe('SMTP/API');
  });

  it('refuses small tables, property-by-entity tables and the abbreviations table', () => {
    const small = section('a.md', 'Small', '| A | B |\n|---|---|\n| x | one |\n| y | two |');
    const transposed = section(
      'a.md',
      'Firehose vs Streams',
      '| Feature | Firehose | Data Streams |\n|---|---|---|\n| Delivery | Near real-time | Real-time |\n| Scaling | Auto | Provisioned |\n| Replay | No | Yes |',
    );
    const abbreviations = section('a.md', 'Abbreviations', '| Abbreviation | Stands for |\n|---|---|\n| ENI | Elastic Network Interface |\n| EBS | Elastic Block Storage |\n| EFS | Elastic File System |');
    const glossary: GlossaryEntry[] = [{ abbr: 'ENI', expansion: 'Elastic Network Interface', sectionId: abbreviations.id, file: 'a.md', line: 4, source: 'table' }];
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

  it('blanks the number in a passage and keeps the unit on every option', () => {
    const lambda = section('exam.md', 'Lambda Limits', '* Timeout: max 900 sec for one invocation\n* Env vars: 4 KB max in total', { startLine: 10 });
    const drafts = run(numberGenerator, kbOf([lambda]));
    const timeout = drafts.find((d) => d.answer === '900 sec');
    expect(timeout?.stem).toBe('Lambda Limits: fill in the blank. "Timeout: max ___ for one invocation"');
    expect(timeout?.distractors.length).toBeGreaterThanOrEqual(3);
    expect(timeout?.distractors.every((d) => d.endsWith(' sec') && d !== '900 sec')).toBe(true);
    expect(timeout?.line).toBe(11);
  });

  it('asks ports ↔ protocols from "22 = SSH" lists, the reverse only for unshared ports', () => {
    const ports = section('exam.md', 'Security Groups', '* Common ports:\n  * 22 = SSH, 3389 = RDP, 21 = FTP, 22 = SFTP\n  * 80 = HTTP, 443 = HTTPS', { startLine: 85 });
    const drafts = run(numberGenerator, kbOf([ports]));
    const https = drafts.find((d) => d.stem === 'Security Groups: which port does HTTPS use by default?');
    expect(https?.answer).toBe('443');
    expect(https?.distractors).toEqual(expect.arrayContaining(['80', '22', '21', '3389']));
    expect(https?.line).toBe(88);
    expect(drafts.find((d) => d.stem === 'Security Groups: which protocol uses port 3389 by default?')?.answer).toBe('RDP');
    expect(drafts.some((d) => d.stem.includes('uses port 22 '))).toBe(false);
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
