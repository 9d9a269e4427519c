import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractGlossary, findInlineDefinitions, GlossaryEntrySchema, parseNotes, readGlossary } from '../../src/knowledge/index.ts';

const source = readFileSync(new URL('../fixtures/notes/quirks/glossary.md', import.meta.url), 'utf8');
const { sections } = parseNotes('glossary.md', source);
const glossary = extractGlossary(sections);

function pairs(text: string): string[] {
  return findInlineDefinitions(text).map((f) => `${f.term} = ${f.meaning}`);
}

describe('extractGlossary: abbreviation tables', () => {
  it('takes every row of an `Abbreviation | Stands for` table, with its section and line', () => {
    const table = glossary.filter((g) => g.source === 'table');
    const at = { kind: 'abbreviation', sectionId: 'glossary.md#abbreviations', file: 'glossary.md', source: 'table' };
    expect(table).toEqual([
      { term: 'ACL', meaning: 'Access Control Lists', ...at, line: 6 },
      { term: 'EC2', meaning: 'Elastic Compute Cloud', ...at, line: 8 },
    ]);
    for (const entry of glossary) expect(GlossaryEntrySchema.safeParse(entry).success).toBe(true);
  });

  it('reports a row whose first cell is not one abbreviation (`| DNS Domain | Name Service |`) instead of guessing', () => {
    const { entries, warnings } = readGlossary(sections);
    expect(entries.some((e) => e.term.startsWith('DNS') || e.meaning.includes('Name Service'))).toBe(false);
    expect(warnings).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'glossary-row', file: 'glossary.md', line: 7, message: expect.stringContaining('DNS Domain | Name Service') }),
    ]);
  });

  it('reads `Acronym | Meaning` and `Term | Stands for` tables as abbreviations too', () => {
    const kb = parseNotes('t.md', '# A\n\n| Acronym | Meaning |\n|-|-|\n| TTL | Time To Live |\n\n| Term | Stands for |\n|-|-|\n| RPO | Recovery Point Objective |\n');
    expect(extractGlossary(kb.sections).map((g) => [g.term, g.kind, g.source])).toEqual([
      ['TTL', 'abbreviation', 'table'],
      ['RPO', 'abbreviation', 'table'],
    ]);
  });

  it('marks the section that only holds the table as not searchable', () => {
    expect(sections.find((s) => s.slug === 'abbreviations')?.searchable).toBe(false);
    expect(sections.filter((s) => !s.searchable)).toHaveLength(1);
  });
});

describe('extractGlossary: inline forms', () => {
  it('finds `X = Long`, `Long (X)`, `X: Long`, `X (Long)` and `X - Long` with their section and line', () => {
    const inline = glossary.filter((g) => g.source === 'inline').map((g) => [g.term, g.meaning, g.sectionId, g.line]);
    expect(inline).toEqual([
      ['IAM', 'Identity and Access Management', 'glossary.md#inline-forms', 12],
      ['KMS', 'Key Management Service', 'glossary.md#inline-forms', 13],
      ['ENI', 'Elastic Network Interface', 'glossary.md#inline-forms', 14],
      ['AMI', 'Amazon Machine Image', 'glossary.md#inline-forms', 15],
      ['SES', 'Simple Email Service', 'glossary.md#inline-forms', 16],
    ]);
  });

  it('reads definitions in headings too, with the heading line', () => {
    const kb = parseNotes('h.md', '# Intro\n\n## AWS Fault Injection Simulator (FIS)\n\ntext\n');
    expect(extractGlossary(kb.sections)).toEqual([
      expect.objectContaining({ term: 'FIS', meaning: 'Fault Injection Simulator', kind: 'abbreviation', sectionId: 'h.md#aws-fault-injection-simulator-fis', line: 3 }),
    ]);
  });

  it('rejects parenthesised words, port maps and code that do not spell an abbreviation', () => {
    expect(glossary.some((g) => g.sectionId === 'glossary.md#not-definitions')).toBe(false);
    expect(pairs('Data is encrypted (usually with a data key).')).toEqual([]);
    expect(pairs('22 = SSH, 3389 = RDP')).toEqual([]);
    expect(pairs('Pods = Kubernetes units (like ECS tasks)')).toEqual([]);
    expect(pairs('EC2: Virtual Machines')).toEqual([]);
    expect(pairs('RDS: Relational databases, OLTP')).toEqual([]);
  });

  it('takes letters from inside a word where a syllable starts, never from its ending', () => {
    expect(pairs('the molecule of heredity, deoxyribonucleic acid (DNA)')).toEqual(['DNA = deoxyribonucleic acid']);
    expect(pairs('ATP (adenosine triphosphate) is the energy currency')).toEqual(['ATP = adenosine triphosphate']);
    expect(pairs('RNA = ribonucleic acid')).toEqual(['RNA = ribonucleic acid']);
    expect(pairs('NAD: nicotinamide adenine dinucleotide')).toEqual(['NAD = nicotinamide adenine dinucleotide']);
    // `scalinG`, `databaSe`: an ending is not where an abbreviation takes its letters.
    expect(pairs('EC2 Auto Scaling (ASG) adds instances')).toEqual([]);
    expect(pairs('Amazon Relational Database (RDS)')).toEqual([]);
  });

  it('prefers a letter-per-word spelling, reads digits as repeats, accepts small inner words', () => {
    expect(pairs('CLI: Command Line Interface')).toEqual(['CLI = Command Line Interface']);
    expect(pairs('Amazon Simple Storage Service (S3)')).toEqual(['S3 = Simple Storage Service']);
    expect(pairs('Time To Live (TTL)')).toEqual(['TTL = Time To Live']);
    expect(pairs('Cross-Origin Resource Sharing (CORS)')).toEqual(['CORS = Cross-Origin Resource Sharing']);
    expect(pairs('VPC Endpoints (VPCe)')).toEqual(['VPCe = VPC Endpoints']);
  });

  it('keeps one entry per abbreviation and long form, preferring the table', () => {
    const kb = parseNotes(
      'd.md',
      '# A\n\n* Dead Letter Queues (DLQ)\n* a dead-letter queue (DLQ)\n\n## Abbreviations\n| Abbreviation | Stands for |\n|-|-|\n| DLQ | Dead Letter Queue |\n',
    );
    expect(extractGlossary(kb.sections).map((g) => [g.term, g.meaning, g.source])).toEqual([['DLQ', 'Dead Letter Queue', 'table']]);
  });
});

describe('extractGlossary: plural forms', () => {
  it('enters a plural definition in the singular, so the short form is found either way', () => {
    const { sections } = parseNotes('p.md', '# Compute\n\nYou can run VMs (virtual machines) and LLMs (Large Language Models) here.\n');
    const entries = extractGlossary(sections).map((e) => `${e.term}=${e.meaning}`);
    expect(entries).toContain('VM=virtual machine');
    expect(entries).toContain('LLM=Large Language Model');
    expect(entries.some((e) => e.startsWith('VMs='))).toBe(false);
  });
});

const definitions = (markdown: string) =>
  extractGlossary(parseNotes('d.md', `# Notes\n\n${markdown}\n`).sections)
    .filter((g) => g.kind === 'definition')
    .map((g) => `${g.term} = ${g.meaning} (${g.source})`);

describe('extractGlossary: definitions in lists and lines', () => {
  it('reads `Term: definition`, `**Term** – definition`, `**Term**: definition` and `**Term:** definition` items', () => {
    const md = [
      '- Pod: the smallest deployable unit of Kubernetes',
      '- **Node** – a worker machine that runs pods',
      '- **Service**: a stable network endpoint for a set of pods',
      '- **Ingress:** routes outside HTTP traffic to services',
      '* __Namespace__ - a virtual cluster inside a cluster',
      '1. Kubelet: the agent that runs on every node',
    ].join('\n');
    expect(definitions(md)).toEqual([
      'Pod = the smallest deployable unit of Kubernetes (list)',
      'Node = a worker machine that runs pods (list)',
      'Service = a stable network endpoint for a set of pods (list)',
      'Ingress = routes outside HTTP traffic to services (list)',
      'Namespace = a virtual cluster inside a cluster (list)',
      'Kubelet = the agent that runs on every node (list)',
    ]);
  });

  it('reads a paragraph of definition lines, a wrapped definition, and a `Term` / `: definition` list', () => {
    const md = [
      '**Magnification** – how many times bigger the image is than the object.',
      '**Resolution** – the smallest distance between two points that can',
      'still be told apart.',
      '',
      'Chemiosmosis',
      ': the flow of protons through ATP synthase that drives ATP synthesis',
    ].join('\n');
    expect(definitions(md)).toEqual([
      'Magnification = how many times bigger the image is than the object. (inline)',
      'Resolution = the smallest distance between two points that can still be told apart. (inline)',
      'Chemiosmosis = the flow of protons through ATP synthase that drives ATP synthesis (list)',
    ]);
  });

  it('keeps the line of each definition and drops an aside after the term', () => {
    const { sections } = parseNotes('d.md', '# Enzymes\n\n- **Induced fit** (Koshland, 1958) – the active site changes shape as the substrate binds\n');
    expect(extractGlossary(sections)).toEqual([
      {
        term: 'Induced fit',
        meaning: 'the active site changes shape as the substrate binds',
        kind: 'definition',
        sectionId: 'd.md#enzymes',
        file: 'd.md',
        line: 3,
        source: 'list',
      },
    ]);
  });

  it('refuses labels: Note, Example, Exam tip, Pros, Use case, Function, Step 2 …', () => {
    const md = [
      '- Note: this only works in the console for now',
      '- Example: a web server that serves the example.com website',
      '- Exam tip: learn the three statements word for word',
      '- **Pros**: cheap to run and easy to set up',
      '- Use case: long-running batch jobs at night',
      '- Function: stores the genetic information of the cell',
      '- Step 2: the protein folds inside the rough ER',
      '- Side note: the console hides this option by default',
      '- Nov 2017: it became possible to burst without limits',
    ].join('\n');
    expect(definitions(md)).toEqual([]);
  });

  it('refuses sentences and prose bullets that merely contain a colon or a dash', () => {
    const md = [
      '- Cells were first seen by Robert Hooke in 1665 looking at cork.',
      '- **Helicase** unwinds the double helix at the replication fork.',
      '- You can use it for: caching, sessions and queues',
      '- Enzymes are biological catalysts: proteins that speed up reactions',
      '- In animal cells: a ring of actin pinches the cell in two',
      '- Surrounded by the nuclear envelope: a double membrane with pores',
      '- Cognito vs IAM: hundreds of users against a few admins',
      '- Apply with `Condition: ConditionName` on resources and outputs',
      '',
      'This sentence has a colon: so it is prose, not a definition.',
      '',
      'Total yield: older books say 38 ATP per glucose. Newer ones say about 30.',
    ].join('\n');
    expect(definitions(md)).toEqual([]);
  });

  it('refuses definitions that are values, enumerations, flows, questions or too short', () => {
    const md = [
      '- Ports: 22 = SSH, 80 = HTTP',
      '- Net yield: 2 ATP per glucose',
      '- Price: $0.10 per GB-month',
      '- Destinations: S3, Redshift, OpenSearch, Splunk',
      '- Create AMI: start EC2 → customize → stop → build AMI',
      '- Volumes: EC2 = instance storage, Fargate = ephemeral',
      '- Latency: will it increase over time?',
      '- Gamete: sex cell',
      '- Mandatory section: Resources (AWS components).',
      '- Three kinds: see below',
    ].join('\n');
    expect(definitions(md)).toEqual([]);
  });

  it('leaves `ENI: Elastic Network Interface` to the abbreviations, but keeps a real definition of an acronym', () => {
    const kb = parseNotes('a.md', '# A\n\n- ENI: Elastic Network Interface\n- LSI: same partition key but a different sort key\n');
    expect(extractGlossary(kb.sections).map((g) => [g.term, g.kind])).toEqual([
      ['ENI', 'abbreviation'],
      ['LSI', 'definition'],
    ]);
  });

  it('never reads definitions out of code blocks', () => {
    expect(definitions('```\nPod: the smallest deployable unit of Kubernetes\n```')).toEqual([]);
  });
});

describe('extractGlossary: definition tables', () => {
  it('reads two-column tables headed like Term/Definition, Word/Meaning, Concept/Description, Key term/What it means', () => {
    const table = (a: string, b: string, term: string) => `| ${a} | ${b} |\n|---|---|\n| ${term} | a short phrase that defines it |\n`;
    const md = [
      table('Term', 'Definition', 'Osmosis'),
      table('Word', 'Meaning', 'Turgid'),
      table('Concept', 'Description', 'Metabolism'),
      table('**Key term**', 'What it means', 'Gamete'),
    ].join('\n');
    expect(definitions(md)).toEqual([
      'Osmosis = a short phrase that defines it (table)',
      'Turgid = a short phrase that defines it (table)',
      'Metabolism = a short phrase that defines it (table)',
      'Gamete = a short phrase that defines it (table)',
    ]);
  });

  it('accepts a two-word definition in a table; an acronym row spelled out becomes an abbreviation', () => {
    const kb = parseNotes('v.md', '# V\n\n| Term | Definition |\n|-|-|\n| Gamete | sex cell |\n| ATP | adenosine triphosphate |\n| Organelle | 5 |\n');
    expect(extractGlossary(kb.sections).map((g) => [g.term, g.meaning, g.kind])).toEqual([
      ['ATP', 'adenosine triphosphate', 'abbreviation'],
      ['Gamete', 'sex cell', 'definition'],
    ]);
  });

  it('ignores tables with other headers, and keeps a definitions-only section searchable', () => {
    const kb = parseNotes(
      'o.md',
      '# Stages\n\n| Stage | Where |\n|-|-|\n| Glycolysis | the cytoplasm of every cell |\n\n# Vocabulary\n\n| Term | Definition |\n|-|-|\n| Cytosol | the fluid part of the cytoplasm |\n',
    );
    expect(extractGlossary(kb.sections).map((g) => g.term)).toEqual(['Cytosol']);
    expect(kb.sections.every((s) => s.searchable)).toBe(true);
  });
});
