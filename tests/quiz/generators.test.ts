/**
 * The question generators, each on small named fixtures from more than one subject: what a generator asks (stem
 * wording, answer, distractors from the same family) and what it refuses. The glossary generator is being rebuilt
 * and gets its own tests with it.
 */
import { describe, expect, it } from 'vitest';
import type { GlossaryEntry, KnowledgeBase, Section } from '../../src/knowledge/types.ts';
import { generateQuestions } from '../../src/quiz/generateQuestions.ts';
import { BodyCache } from '../../src/quiz/generators/mdast.ts';
import { findNumbers, numberDistractors, numberGenerator, WELL_KNOWN_PORTS } from '../../src/quiz/generators/number.ts';
import { siblingsGenerator } from '../../src/quiz/generators/siblings.ts';
import { tableGenerator } from '../../src/quiz/generators/table.ts';
import { termShape } from '../../src/quiz/generators/family.ts';
import { termListGenerator } from '../../src/quiz/generators/termList.ts';
import type { Draft, Generator } from '../../src/quiz/generators/types.ts';
import { QuestionSchema } from '../../src/quiz/schema.ts';

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

const list = (...items: string[]) => items.map((i) => `- ${i}`).join('\n');
const byAnswer = (drafts: readonly Draft[], answer: string) => drafts.find((d) => d.answer === answer);

// ---------------------------------------------------------------------------------------------------------------
// Fixtures: a few subjects, each small enough to read.

const cellBiology = section('biology.md', 'Cell Biology', '', { level: 1 });
const ORGANELLES = [
  'Mitochondria - produce ATP through cellular respiration',
  'Ribosome - assemble proteins from amino acids',
  'Golgi apparatus - packages and ships proteins to their destinations',
  'Lysosome - digests worn-out parts with its enzymes',
  'Nucleus - holds the chromosomes of the cell',
];
const organelles = child(cellBiology, 'Cell Organelles', list(...ORGANELLES), 3);

const frenchCooking = section('cooking.md', 'French Cooking', '', { level: 1 });
const motherSauces = child(
  frenchCooking,
  'Mother Sauces',
  list(
    'Béchamel - milk thickened with a white roux',
    'Velouté - white stock thickened with a blond roux',
    'Espagnole - brown stock with a brown roux and tomato',
    'Hollandaise - butter emulsified into egg yolks with lemon',
  ),
  3,
);

const WORKLOADS = [
  'Deployment - manages stateless replicas with rolling updates',
  'StatefulSet - gives pods stable names and their own storage',
  'DaemonSet - runs one copy of a pod on every node',
  'Job - runs pods until a batch task completes',
];
const k8sWorkloads = section('k8s.md', 'Kubernetes Workloads', '', { level: 1 });

const cloudFormation = section('aws.md', 'AWS CloudFormation', '', { level: 1 });
const capabilities = child(
  cloudFormation,
  'Capabilities',
  list(
    'CAPABILITY_IAM - needed when the template creates IAM resources',
    'CAPABILITY_NAMED_IAM - needed when IAM resources get custom names',
    'CAPABILITY_AUTO_EXPAND - needed when the template holds macros or nested stacks',
    'CAPABILITY_RESOURCE_POLICY - needed for some resource policies on creation',
  ),
  3,
);

describe('term-list generator: what it asks', () => {
  it('asks one direction only: the term is the answer, the other terms of the list are the distractors', () => {
    const drafts = run(termListGenerator, kbOf([cellBiology, organelles]));
    expect(drafts.map((d) => d.answer)).toEqual(['Mitochondria', 'Ribosome', 'Golgi apparatus', 'Lysosome', 'Nucleus']);
    const golgi = byAnswer(drafts, 'Golgi apparatus');
    expect(golgi?.stem).toBe('Which cell organelle is described as "packages and ships proteins to their destinations"?');
    expect(new Set(golgi?.distractors)).toEqual(new Set(['Mitochondria', 'Ribosome', 'Lysosome', 'Nucleus']));
    expect(golgi?.passage).toBe('Golgi apparatus - packages and ships proteins to their destinations');
    expect(golgi?.line).toBe(6);
    // No reverse question: a definition is never the answer.
    for (const d of drafts) expect(ORGANELLES.some((item) => item.endsWith(d.answer)), d.answer).toBe(false);
  });

  it('gives each term one fact key, so both spellings of a term count as one fact', () => {
    const drafts = run(termListGenerator, kbOf([cellBiology, organelles]));
    expect(byAnswer(drafts, 'Golgi apparatus')?.fact).toBe('term:biology.md:golgi apparatus');
    expect(new Set(drafts.map((d) => d.fact)).size).toBe(drafts.length);
  });

  it('names the subject when the kind does not already say it ("In French Cooking, which mother sauce …")', () => {
    const drafts = run(termListGenerator, kbOf([frenchCooking, motherSauces]));
    expect(byAnswer(drafts, 'Velouté')?.stem).toBe('In French Cooking, which mother sauce is described as "white stock thickened with a blond roux"?');
    expect(byAnswer(drafts, 'Velouté')?.distractors.sort()).toEqual(['Béchamel', 'Espagnole', 'Hollandaise']);
  });

  it('takes the kind from the section title and the subject from the heading above it (CloudFormation capabilities)', () => {
    const drafts = run(termListGenerator, kbOf([cloudFormation, capabilities]));
    expect(drafts).toHaveLength(4);
    expect(byAnswer(drafts, 'CAPABILITY_NAMED_IAM')?.stem).toBe(
      'In AWS CloudFormation, which capability is described as "needed when IAM resources get custom names"?',
    );
  });

  it('takes the kind from the lead before the list, and names the subject above a structural heading', () => {
    const summary = child(k8sWorkloads, 'Summary', ['Controllers:', '', list(...WORKLOADS)].join('\n'), 3);
    const drafts = run(termListGenerator, kbOf([k8sWorkloads, summary]));
    expect(byAnswer(drafts, 'DaemonSet')?.stem).toBe('In Kubernetes Workloads, which controller is described as "runs one copy of a pod on every node"?');
    expect(byAnswer(drafts, 'DaemonSet')?.distractors.sort()).toEqual(['Deployment', 'Job', 'StatefulSet']);
  });

  it('never names a structural heading: without a kind it says "term" and names the subject above', () => {
    const examTips = child(k8sWorkloads, 'Exam tips', list(...WORKLOADS), 3);
    const drafts = run(termListGenerator, kbOf([k8sWorkloads, examTips]));
    expect(drafts).toHaveLength(4);
    expect(byAnswer(drafts, 'Job')?.stem).toBe('In Kubernetes Workloads, which term is described as "runs pods until a batch task completes"?');
    for (const d of drafts) expect(d.stem).not.toMatch(/exam tips|summary/i);
  });

  it('reads a kind from a plural section title ("Workload Resources" → "workload resource")', () => {
    const s = section(
      'k8s.md',
      'Workload Resources',
      list(
        'Deployment: manages stateless replicas with rolling updates',
        'StatefulSet: gives each replica a stable identity and storage',
        'DaemonSet: runs one copy of a pod on every node',
        'Job: runs pods until a task completes successfully',
      ),
    );
    const drafts = run(termListGenerator, kbOf([s]));
    expect(drafts).toHaveLength(4);
    const job = byAnswer(drafts, 'Job');
    expect(job?.stem).toBe('Which workload resource is described as "runs pods until a task completes successfully"?');
    expect(new Set(job?.distractors)).toEqual(new Set(['Deployment', 'StatefulSet', 'DaemonSet']));
  });

  it('asks only about the list\'s dominant written shape: a lower-case odd one out is neither asked nor offered', () => {
    const s = child(cellBiology, 'Cell Organelles', list(...ORGANELLES, 'vacuole - stores water and waste in plant cells'), 3);
    const drafts = run(termListGenerator, kbOf([cellBiology, s]));
    expect(drafts).toHaveLength(5);
    expect(drafts.some((d) => d.answer === 'vacuole' || d.distractors.includes('vacuole'))).toBe(false);
  });
});

describe('term-list generator: what it refuses', () => {
  it('refuses a list mixing written shapes with no clear majority (names and CODES)', () => {
    const mixed = child(
      cellBiology,
      'Cell Organelles',
      list(...ORGANELLES.slice(0, 4), 'ATP_SYNTHASE - the enzyme that makes ATP from ADP', 'ROUGH_ER - studded with ribosomes that make proteins'),
      3,
    );
    expect(run(termListGenerator, kbOf([cellBiology, mixed]))).toEqual([]);
  });

  it('refuses a list of fewer than four terms', () => {
    const three = child(cellBiology, 'Cell Organelles', list(...ORGANELLES.slice(0, 3)), 3);
    expect(run(termListGenerator, kbOf([cellBiology, three]))).toEqual([]);
    const probes = section('k8s.md', 'Probes', list('Liveness: restarts a stuck container', 'Readiness: gates traffic to a pod', 'Startup: delays other probes'));
    expect(run(termListGenerator, kbOf([probes]))).toEqual([]);
  });

  it('does not ask about a definition that was cut off ("…" or "...")', () => {
    const cut = child(
      cellBiology,
      'Cell Organelles',
      list(ORGANELLES[0]!, 'Ribosome - assemble proteins from amino acids and…', 'Golgi apparatus - packages and ships proteins to...', ...ORGANELLES.slice(3)),
      3,
    );
    const drafts = run(termListGenerator, kbOf([cellBiology, cut]));
    expect(drafts.map((d) => d.answer)).toEqual(['Mitochondria', 'Lysosome', 'Nucleus']);
    for (const d of drafts) expect(d.stem).not.toMatch(/…|\.\.\./);
  });

  it('makes nothing when every heading above the list is structural and no lead names a kind', () => {
    const summary = section('k8s.md', 'Summary', list(...WORKLOADS), { level: 1 });
    const notes = section('k8s.md', 'Notes', '', { level: 1 });
    const tips = child(notes, 'Exam tips', list(...WORKLOADS), 3);
    expect(run(termListGenerator, kbOf([summary]))).toEqual([]);
    expect(run(termListGenerator, kbOf([notes, tips]))).toEqual([]);
  });

  it('refuses lists of sentences and cause → effect arrows', () => {
    const prose = section(
      'notes.md',
      'Long Polling',
      list(
        'Consumer waits if queue is empty',
        'Fewer API calls → lower cost, less CPU usage',
        'More responsive consumers → immediate message delivery',
        'It is enabled at the queue level or per API call',
      ),
    );
    expect(run(termListGenerator, kbOf([prose]))).toEqual([]);
  });

  it('refuses lists that repeat a term', () => {
    const repeated = section('notes.md', 'Ports', '* SSH: port 22\n* SFTP: port 22 too\n* SSH: remote shell\n* RDP: port 3389');
    expect(run(termListGenerator, kbOf([repeated]))).toEqual([]);
  });
});

describe('termShape: the written shape that keeps options alike', () => {
  it('tells codes, lower-case words and names apart', () => {
    expect(termShape('CAPABILITY_IAM')).toBe('code');
    expect(termShape('MAX_RETRIES')).toBe('code');
    expect(termShape('iam:PassRole')).toBe('code');
    expect(termShape('binpack')).toBe('lower');
    expect(termShape('vacuole')).toBe('lower');
    expect(termShape('Golgi apparatus')).toBe('name');
    expect(termShape('StatefulSet')).toBe('name');
  });

  it('reads a service-prefixed action as a code even when the prefix has a digit (s3:GetObject, ec2:RunInstances)', () => {
    expect(termShape('s3:GetObject')).toBe('code');
    expect(termShape('ec2:RunInstances')).toBe('code');
    // So a list of IAM actions is one family, asked about as one.
    const actions = section(
      'iam.md',
      'IAM Actions',
      list(
        's3:GetObject - read an object and its metadata',
        's3:PutObject - upload a new object to a bucket',
        'iam:PassRole - hand a role to a service you configure',
        'sts:AssumeRole - get temporary credentials for a role',
        'ec2:RunInstances - launch new virtual machines',
      ),
    );
    expect(run(termListGenerator, kbOf([actions])).map((d) => d.answer)).toHaveLength(5);
  });
});

// ---------------------------------------------------------------------------------------------------------------

const digestion = section('biology.md', 'Digestion', '', { level: 1 });
const ENZYME_ROWS = [
  '| Amylase | starts breaking starch down in the mouth | starch | mouth |',
  '| Pepsin | splits proteins in the acidic stomach | protein | stomach |',
  '| Lipase | breaks fats into fatty acids and glycerol | fat | small intestine |',
  '| Lactase | splits milk sugar into glucose and galactose | lactose | small intestine |',
];
const enzymes = child(digestion, 'Digestive Enzymes', ['| Enzyme | Description | Substrate | Works in |', '|---|---|---|---|', ...ENZYME_ROWS].join('\n'), 3);

describe('table generator: what it asks', () => {
  it('asks one direction: the row key is the answer, the other rows\' keys the distractors', () => {
    const drafts = run(tableGenerator, kbOf([digestion, enzymes]));
    expect(drafts.every((d) => ['Amylase', 'Pepsin', 'Lipase', 'Lactase'].includes(d.answer))).toBe(true);
    const pepsin = drafts.find((d) => d.answer === 'Pepsin' && d.stem.includes('acidic stomach'));
    // A bare kind may name the subject it belongs to; the section title that only repeats the kind is never named.
    expect(pepsin?.stem).toMatch(/^(In Digestion, which|Which) enzyme is described as "splits proteins in the acidic stomach"\?$/);
    expect(pepsin?.distractors.sort()).toEqual(['Amylase', 'Lactase', 'Lipase']);
    expect(pepsin?.line).toBe(7);
    expect(pepsin?.passage).toBe('Pepsin: splits proteins in the acidic stomach; protein; stomach');
  });

  it('asks every column whose values tell the rows apart, one fact per row and column', () => {
    const drafts = run(tableGenerator, kbOf([digestion, enzymes]));
    // "Works in" repeats "small intestine": it cannot tell Lipase from Lactase.
    expect(drafts).toHaveLength(8);
    expect(drafts.some((d) => d.stem.includes('small intestine'))).toBe(false);
    const substrate = drafts.find((d) => d.answer === 'Lactase' && d.stem.includes('"lactose"'));
    expect(substrate?.stem).toMatch(/\benzyme\b.*\bsubstrate\b.*"lactose"\?$/);
    expect(substrate?.fact).toBe('row:biology.md:9:substrate');
    expect(new Set(drafts.map((d) => d.fact)).size).toBe(8);
  });

  it('names the kind from the key column and the subject above a structural heading', () => {
    const kubernetes = section('k8s.md', 'Kubernetes', '', { level: 1 });
    const summary = child(
      kubernetes,
      'Summary',
      [
        '| Object | Purpose |',
        '|---|---|',
        '| Pod | the smallest deployable unit of containers |',
        '| Service | a stable virtual IP in front of a set of pods |',
        '| ConfigMap | non-secret configuration handed to pods |',
        '| Namespace | a virtual cluster that scopes names |',
      ].join('\n'),
      3,
    );
    const drafts = run(tableGenerator, kbOf([kubernetes, summary]));
    expect(drafts.map((d) => d.answer)).toEqual(['Pod', 'Service', 'ConfigMap', 'Namespace']);
    expect(drafts[0]?.stem).toBe('In Kubernetes, which object is described as "the smallest deployable unit of containers"?');
    for (const d of drafts) expect(d.stem).not.toMatch(/summary/i);
  });

  it('asks nothing of a column whose header is not a noun ("Where", "Made by"): "the where …" is no sentence', () => {
    const stages = section(
      'bio.md',
      'Respiration stages',
      [
        '| Stage | Where |',
        '| --- | --- |',
        '| Glycolysis | cytoplasm |',
        '| Link reaction | mitochondrial matrix, before the cycle |',
        '| Krebs cycle | mitochondrial matrix |',
        '| Oxidative phosphorylation | inner mitochondrial membrane |',
      ].join('\n'),
    );
    expect(run(tableGenerator, kbOf([stages]))).toEqual([]);
  });
});

describe('table generator: what it refuses', () => {
  it('refuses tables of fewer than four rows', () => {
    const three = child(digestion, 'Digestive Enzymes', ['| Enzyme | Description |', '|---|---|', ...ENZYME_ROWS.slice(0, 3).map((r) => r.split('|').slice(0, 3).join('|') + '|')].join('\n'), 3);
    expect(run(tableGenerator, kbOf([digestion, three]))).toEqual([]);
  });

  it('skips a yes/no column: it compares the rows, it does not describe them', () => {
    const needsAcid = child(
      digestion,
      'Digestive Enzymes',
      ['| Enzyme | Needs acid |', '|---|---|', '| Amylase | no |', '| Pepsin | yes, pH 2 |', '| Lipase | no, bile helps |', '| Lactase | no, it works at pH 6 |'].join('\n'),
      3,
    );
    expect(run(tableGenerator, kbOf([digestion, needsAcid]))).toEqual([]);
  });

  it('refuses property-by-entity tables and definition tables the glossary asks about', () => {
    const transposed = section(
      'a.md',
      'Firehose vs Streams',
      '| Feature | Firehose | Data Streams |\n|---|---|---|\n| Delivery | Near real-time | Real-time |\n| Scaling | Auto | Provisioned |\n| Replay | No | Yes |\n| Consumers | Managed | Custom code |',
    );
    const abbreviations = section(
      'a.md',
      'Abbreviations',
      '| Abbreviation | Stands for |\n|---|---|\n| ENI | Elastic Network Interface |\n| EBS | Elastic Block Storage |\n| EFS | Elastic File System |\n| ELB | Elastic Load Balancing |',
    );
    // Only the fields every glossary entry has (the entry's own fields are being renamed).
    const glossary = [{ sectionId: abbreviations.id, file: 'a.md', line: 4, source: 'table' } as GlossaryEntry];
    expect(run(tableGenerator, kbOf([transposed, abbreviations], glossary))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('number generator: finding facts', () => {
  const units = (s: string) => findNumbers(s).map((f) => `${f.value} ${f.unit}`);

  it('finds numbers with units, ports and counted things, and ignores versions, names and dates', () => {
    expect(units('Delay up to 15 min, max message size 256 KB, retention 14 days')).toEqual(['15 min', '256 KB', '14 day']);
    expect(units('HTTPS uses port 443')).toEqual(['443 port']);
    expect(units('Up to 15 read replicas, 99.99% available')).toEqual(['15 count:read replicas', '99.99 %']);
    expect(units('EC2 and S3 with AES-256 since 2012-10-17 on t2.micro')).toEqual([]);
    expect(units('~100s - 1000s downloads per second; 5 9s (99.999%)')).toEqual(['99.999 %']);
  });

  it('counts any plural noun after a number, in any subject', () => {
    expect(units('A human body cell has 46 chromosomes in its nucleus')).toEqual(['46 count:chromosomes']);
    expect(units('Insects have 6 legs and 3 body segments')).toEqual(['6 count:legs', '3 count:body segments']);
  });

  it('ignores vague counts, verbs in -s and openers that do not name what is counted', () => {
    expect(units('There are 3 types of muscle tissue and 2 ways to cook rice')).toEqual([]);
    expect(units('Status 503 means the service is unavailable')).toEqual([]);
    expect(units('The cluster then adds 3 more nodes')).toEqual([]);
  });
});

describe('number generator: distractors', () => {
  it('offers plausible values of the same unit, never the answer itself', () => {
    const [fact] = findNumbers('Delay queues postpone messages for up to 15 min');
    if (!fact) throw new Error('no fact found');
    const wrong = numberDistractors(fact, new Map([['min', [5, 15, 30]]]), []);
    expect(wrong).not.toContain(15);
    expect(wrong.slice(0, 4)).toEqual(expect.arrayContaining([5, 30]));
    expect(wrong.every((x) => Number.isInteger(x) && x > 0)).toBe(true);
  });

  it('never offers 1 for a count', () => {
    const [fact] = findNumbers('Each chromosome has 2 chromatids after copying');
    if (!fact) throw new Error('no fact found');
    expect(fact.unit).toBe('count:chromatids');
    const wrong = numberDistractors(fact, new Map([['count:chromatids', [1, 4]]]), []);
    expect(wrong.length).toBeGreaterThanOrEqual(3);
    expect(wrong).not.toContain(1);
    expect(wrong).not.toContain(2);
  });

  it('offers real well-known ports for a port, never a scaled or random number', () => {
    const [fact] = findNumbers('The game server listens on port 7777 for players');
    if (!fact) throw new Error('no fact found');
    const wrong = numberDistractors(fact, new Map(), []);
    expect(wrong.length).toBeGreaterThanOrEqual(3);
    for (const x of wrong) expect(WELL_KNOWN_PORTS).toContain(x);
    expect(wrong).not.toContain(7777);
  });
});

describe('number generator: what it asks', () => {
  it('blanks the figure in "Fill in the blank about <subject>" and keeps the unit on every option', () => {
    const lambda = section(
      'exam.md',
      'Lambda Limits',
      '* A Lambda function can run for at most 900 sec per invocation\n* Environment variables of a Lambda function hold 4 KB in total',
      { startLine: 10 },
    );
    const drafts = run(numberGenerator, kbOf([lambda]));
    const timeout = byAnswer(drafts, '900 sec');
    expect(timeout?.stem).toBe('Fill in the blank about Lambda Limits: "A Lambda function can run for at most ___ per invocation"');
    expect(timeout?.distractors.length).toBeGreaterThanOrEqual(3);
    expect(timeout?.distractors.every((d) => /^\d+ sec$/.test(d) && d !== '900 sec')).toBe(true);
    expect(timeout?.line).toBe(11);
    expect(timeout?.fact).toBe('number:Lambda Limits:900:s');
  });

  it('names the subject above a structural heading, and counts with the counted noun on every option', () => {
    const genetics = section('bio.md', 'Human Genetics', '', { level: 1 });
    const keyPoints = child(genetics, 'Key points', '* A body cell of Homo sapiens has 46 chromosomes in its nucleus', 3);
    const [draft] = run(numberGenerator, kbOf([genetics, keyPoints]));
    expect(draft?.stem).toBe('Fill in the blank about Human Genetics: "A body cell of Homo sapiens has ___ in its nucleus"');
    expect(draft?.answer).toBe('46 chromosomes');
    expect(draft?.distractors.every((d) => /^\d+ chromosomes$/.test(d))).toBe(true);
    expect(draft?.distractors).not.toContain('1 chromosomes');
  });

  it('makes nothing when no heading names a subject', () => {
    const summary = section('bio.md', 'Summary', '* A body cell of Homo sapiens has 46 chromosomes in its nucleus', { level: 1 });
    expect(run(numberGenerator, kbOf([summary]))).toEqual([]);
  });

  it('takes a port question\'s options from well-known ports', () => {
    const web = section('net.md', 'Web Servers', '* The web server takes HTTPS traffic on port 443 by default\n* The game server listens on port 7777 for players', { level: 1 });
    const drafts = run(numberGenerator, kbOf([web]));
    const https = byAnswer(drafts, '443');
    expect(https?.stem).toBe('Fill in the blank about Web Servers: "The web server takes HTTPS traffic on port ___ by default"');
    for (const d of https?.distractors ?? []) expect([...WELL_KNOWN_PORTS, 7777]).toContain(Number(d));
    for (const d of byAnswer(drafts, '7777')?.distractors ?? []) expect([...WELL_KNOWN_PORTS, 443]).toContain(Number(d));
  });

  it('asks which port a protocol uses from "22 = SSH" lists, with other real ports as options', () => {
    const s = section('net.md', 'Ports to know', 'Common ports: 22 = SSH, 21 = FTP, 80 = HTTP, 443 = HTTPS, 3389 = RDP');
    const drafts = run(numberGenerator, kbOf([s]));
    const https = drafts.find((d) => d.stem === 'Which port does HTTPS use by default?');
    expect(https?.answer).toBe('443');
    expect(https?.fact).toBe('port:443:HTTPS');
    expect(https?.distractors.length).toBeGreaterThanOrEqual(3);
    for (const d of https?.distractors ?? []) expect(WELL_KNOWN_PORTS).toContain(Number(d));
  });
});

describe('number generator: what it refuses', () => {
  it('skips a blank followed by a parenthetical restatement of it', () => {
    const starch = section('bio.md', 'Starch Storage', '* Leaves keep their starch reserve for 14 days (two weeks) in the dark');
    expect(run(numberGenerator, kbOf([starch]))).toEqual([]);
    // The same sentence without the restatement is asked.
    const plain = section('bio.md', 'Starch Storage', '* Leaves keep their starch reserve for 14 days in the dark');
    expect(run(numberGenerator, kbOf([plain])).map((d) => d.answer)).toEqual(['14 days']);
  });

  it('asks nothing about vague counts, and asks about a count of named things beside them', () => {
    const muscles = section('bio.md', 'Muscle Tissue', '* There are 3 types of muscle tissue in the human body\n* You can train a muscle in 2 ways at home');
    expect(run(numberGenerator, kbOf([muscles]))).toEqual([]);
    const counted = section('bio.md', 'Muscle Tissue', '* There are 3 types of muscle tissue in the human body\n* The human body has 650 skeletal muscles in all');
    expect(run(numberGenerator, kbOf([counted])).map((d) => d.answer)).toEqual(['650 skeletal muscles']);
    // "about 600 muscles": a count given loosely is trivia, not a fact to recall exactly.
    const loose = section('bio.md', 'Muscle Tissue', '* The human body has about 600 skeletal muscles in all');
    expect(run(numberGenerator, kbOf([loose]))).toEqual([]);
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

// ---------------------------------------------------------------------------------------------------------------

const ec2 = section('notes.md', 'EC2 Purchasing Options', '', { level: 1 });
const purchasing = [
  child(ec2, 'On-Demand Instances', '* Pay by the second for what you use\n* No long term commitment, the highest cost of all options', 3),
  child(ec2, 'Reserved Instances', '* Up to 72% discount in exchange for a commitment\n* Reservation period of 1 or 3 years, paid upfront or monthly', 7),
  child(ec2, 'Spot Instances', '* Discount of up to 90%; Spot instances can be reclaimed with a 2 minute warning\n* Good for batch jobs', 11),
  child(ec2, 'Dedicated Hosts', '* An entire physical server for your use alone\n* Useful for bring-your-own-license software with per-socket terms', 15),
];

const cellOrganelles = section('bio.md', 'Cell Organelles', '', { level: 1 });
const ORGANELLE_SECTIONS: [string, string][] = [
  ['Mitochondria', "Produce most of the cell's ATP by cellular respiration, and carry their own small circular genome."],
  ['Ribosomes', 'Read messenger RNA and join amino acids into proteins, either free in the cytoplasm or bound to membranes.'],
  ['Lysosomes', 'Membrane sacs of digestive enzymes that break down worn-out parts, bacteria and food particles.'],
  ['Chloroplasts', 'Capture light energy in plant cells and use it to build sugars from carbon dioxide and water.'],
];
const organelleSections = (parent: Section, descriptions = ORGANELLE_SECTIONS) =>
  descriptions.map(([title, text], i) => child(parent, title, text, 3 + 2 * i));

describe('siblings generator: what it asks', () => {
  it('describes one member with its name masked; the kind comes from the parent\'s plural title', () => {
    const drafts = run(siblingsGenerator, kbOf([ec2, ...purchasing]));
    expect(drafts).toHaveLength(4);
    const spot = byAnswer(drafts, 'Spot Instances');
    expect(spot?.stem).toBe(
      'Which EC2 purchasing option matches this description: "Discount of up to 90%; ___ can be reclaimed with a 2 minute warning; Good for batch jobs"?',
    );
    expect(spot?.distractors.sort()).toEqual(['Dedicated Hosts', 'On-Demand Instances', 'Reserved Instances']);
    expect(spot?.line).toBe(12);
    expect(spot?.fact).toBe('section:notes.md#spot-instances');
  });

  it('works for any subject with a plural parent ("Cell Organelles" → "cell organelle")', () => {
    const drafts = run(siblingsGenerator, kbOf([cellOrganelles, ...organelleSections(cellOrganelles)]));
    expect(drafts.map((d) => d.answer)).toEqual(['Mitochondria', 'Ribosomes', 'Lysosomes', 'Chloroplasts']);
    const lysosomes = byAnswer(drafts, 'Lysosomes');
    expect(lysosomes?.stem).toBe(
      'Which cell organelle matches this description: "Membrane sacs of digestive enzymes that break down worn-out parts, bacteria and food particles"?',
    );
    expect(lysosomes?.distractors.sort()).toEqual(['Chloroplasts', 'Mitochondria', 'Ribosomes']);
  });

  it('never asks about the notes\' topics and never hard-codes a vendor ("Which AWS service")', () => {
    const services = section('aws.md', 'Security Services', '', { level: 1 });
    const kids = [
      child(services, 'Amazon Inspector', 'A vulnerability management service that continuously scans workloads for software vulnerabilities.', 3),
      child(services, 'Amazon Macie', 'Discovers and protects sensitive data such as personal information stored in your buckets using machine learning.', 5),
      child(services, 'AWS Shield', 'Managed protection against distributed denial of service attacks for applications running on the platform.', 7),
      child(services, 'Amazon GuardDuty', 'Threat detection that continuously monitors accounts for malicious activity and unauthorized behavior.', 9),
    ];
    const drafts = run(siblingsGenerator, kbOf([services, ...kids]));
    expect(drafts).toHaveLength(4);
    for (const d of drafts) {
      expect(d.stem.startsWith('Which security service matches this description: "')).toBe(true);
      expect(d.stem).not.toMatch(/AWS service|topic of the notes|section/i);
    }
  });
});

describe('siblings generator: what it refuses', () => {
  it('asks nothing when the parent\'s title is not a plural noun phrase naming the kind', () => {
    for (const title of ['Inside the cell', 'Photosynthesis', 'Summary']) {
      const parent = section('bio.md', title, '', { level: 1 });
      expect(run(siblingsGenerator, kbOf([parent, ...organelleSections(parent)])), title).toEqual([]);
    }
  });

  it('never makes a kind out of a singular name ending in "s" ("Which kubernete …")', () => {
    const kubernetes = section('k8s.md', 'Kubernetes', 'Teams run Kubernetes on every cloud, and each cluster keeps Kubernetes objects in etcd.', { level: 1 });
    const kids = [
      child(kubernetes, 'Pods', 'The smallest deployable unit: one or more containers that share a network namespace and storage volumes.', 3),
      child(kubernetes, 'Deployments', 'Keep a set of identical replicas running and roll out new versions gradually with rolling updates.', 5),
      child(kubernetes, 'Services', 'Give a changing set of replicas one stable virtual IP address and DNS name inside the cluster.', 7),
      child(kubernetes, 'ConfigMaps', 'Hold non-secret configuration as key-value pairs that containers read as files or environment variables.', 9),
    ];
    const stems = run(siblingsGenerator, kbOf([kubernetes, ...kids])).map((d) => d.stem);
    expect(stems.filter((s) => /\bkubernete\b/i.test(s))).toEqual([]);
  });

  it('skips a member whose description is cut off or too long to quote whole, and never cuts one itself', () => {
    const cut: [string, string][] = [
      ORGANELLE_SECTIONS[0]!,
      ['Ribosomes', 'Read messenger RNA and join amino acids into proteins, either free in the cytoplasm or…'],
      ['Lysosomes', `Membrane sacs of digestive enzymes. ${'They break down worn-out parts, bacteria and food particles inside the cell. '.repeat(4)}`],
      ORGANELLE_SECTIONS[3]!,
    ];
    const drafts = run(siblingsGenerator, kbOf([cellOrganelles, ...organelleSections(cellOrganelles, cut)]));
    expect(drafts.map((d) => d.answer)).toEqual(['Mitochondria', 'Chloroplasts']);
    for (const d of drafts) expect(d.stem).not.toMatch(/…|\.\.\./);
  });

  it('skips parents whose children are not one family', () => {
    const iam = section('notes.md', 'IAM Concepts', '', { level: 1 });
    const mixed = [
      child(iam, 'Users', '* A physical person with long-term credentials, signing in with a password or access keys', 3),
      child(iam, 'Summary', '* Users, groups and roles in one place for the exam, with the policies that bind them', 5),
      child(iam, 'What is a policy?', '* A JSON document listing permissions that is attached to a user, group or role', 7),
      child(iam, 'IAM vs Cognito', '* IAM for internal users and services, Cognito for the users of your own applications', 9),
      child(iam, 'Best practices', '* Never share credentials, use MFA on the root account and grant least privilege', 11),
    ];
    expect(run(siblingsGenerator, kbOf([iam, ...mixed]))).toEqual([]);
  });

  it('needs at least four members', () => {
    expect(run(siblingsGenerator, kbOf([ec2, ...purchasing.slice(0, 3)]))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('generateQuestions', () => {
  const kb = kbOf([
    ec2,
    ...purchasing,
    child(ec2, 'Savings Plans', '* Commit to an amount of usage in dollars per hour\n* Flexible across instance families and regions', 19),
    child(ec2, 'Capacity Reservations', '* Keep capacity in a specific AZ for any duration\n* No billing discount by itself, pay whether used or not', 23),
    cellBiology,
    organelles,
    frenchCooking,
    motherSauces,
  ]);

  it('builds schema-valid questions with source, topic, kind, content ids, a quality score and a fact key', () => {
    const { questions, byGenerator, byFile } = generateQuestions(kb, { seed: 'a' });
    expect(questions.length).toBeGreaterThan(0);
    for (const q of questions) {
      expect(QuestionSchema.safeParse(q).success, q.stem).toBe(true);
      expect(q.id).toMatch(/^q_[0-9a-f]{16}$/);
      expect(q.options).toHaveLength(4);
      expect(q.options[q.answers[0] ?? -1]).toBeDefined();
      expect(q.topic).toBe(q.source.headingPath[0]);
      expect(q.explanation).toContain('"');
      expect(q.quality).toBeGreaterThan(0);
      expect(q.quality).toBeLessThanOrEqual(1);
      expect(q.fact).toMatch(/^(section|term|row|number|port|glossary)[:]/);
    }
    expect(byGenerator.siblings).toBe(questions.filter((q) => q.kind === 'siblings').length);
    expect(byGenerator['term-list']).toBe(questions.filter((q) => q.kind === 'term-list').length);
    expect(Object.values(byFile).reduce((a, b) => a + b, 0)).toBe(questions.length);
  });

  it('lists what the gate turned away with its reason, and counts it per reason', () => {
    const { rejected, rejections } = generateQuestions(kb, { seed: 'a' });
    const counted: Record<string, number> = {};
    for (const r of rejected) counted[r.reason] = (counted[r.reason] ?? 0) + 1;
    expect(counted).toEqual(rejections);
  });

  it('makes nothing, and reports zero per generator, from an empty knowledge base', () => {
    const empty = generateQuestions(kbOf([]));
    expect(empty.questions).toEqual([]);
    expect(empty.rejected).toEqual([]);
    expect(Object.values(empty.byGenerator)).toEqual([0, 0, 0, 0, 0]);
    expect(empty.rejections).toEqual({});
  });

  it('is deterministic for a seed, and another seed changes distractors or their order', () => {
    const a = generateQuestions(kb, { seed: 'a' });
    const again = generateQuestions(kb, { seed: 'a' });
    const b = generateQuestions(kb, { seed: 'b' });
    expect(again.questions).toEqual(a.questions);
    expect(b.questions.map((q) => q.stem)).toEqual(a.questions.map((q) => q.stem));
    expect(b.questions.map((q) => q.fact)).toEqual(a.questions.map((q) => q.fact));
    expect(b.questions.map((q) => q.options.join('|'))).not.toEqual(a.questions.map((q) => q.options.join('|')));
  });
});
