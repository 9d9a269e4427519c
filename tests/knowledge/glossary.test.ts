import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractGlossary, findInlineDefinitions, GlossaryEntrySchema, parseNotes } from '../../src/knowledge/index.ts';

const source = readFileSync(new URL('../fixtures/notes/quirks/glossary.md', import.meta.url), 'utf8');
const { sections } = parseNotes('glossary.md', source);
const glossary = extractGlossary(sections);

function pairs(text: string): string[] {
  return findInlineDefinitions(text).map((f) => `${f.abbr} = ${f.expansion}`);
}

describe('extractGlossary: abbreviation tables', () => {
  it('takes every row of an `Abbreviation | Stands for` table, with its section and line', () => {
    const table = glossary.filter((g) => g.source === 'table');
    expect(table).toEqual([
      { abbr: 'ACL', expansion: 'Access Control Lists', sectionId: 'glossary.md#abbreviations', file: 'glossary.md', line: 6, source: 'table' },
      { abbr: 'DNS', expansion: 'Domain Name Service', sectionId: 'glossary.md#abbreviations', file: 'glossary.md', line: 7, source: 'table' },
      { abbr: 'EC2', expansion: 'Elastic Compute Cloud', sectionId: 'glossary.md#abbreviations', file: 'glossary.md', line: 8, source: 'table' },
    ]);
    for (const entry of glossary) expect(GlossaryEntrySchema.safeParse(entry).success).toBe(true);
  });

  it('marks the section that only holds the table as not searchable', () => {
    expect(sections.find((s) => s.slug === 'abbreviations')?.searchable).toBe(false);
    expect(sections.filter((s) => !s.searchable)).toHaveLength(1);
  });
});

describe('extractGlossary: inline forms', () => {
  it('finds `X = Long`, `Long (X)`, `X: Long`, `X (Long)` and `X - Long` with their section and line', () => {
    const inline = glossary.filter((g) => g.source === 'inline').map((g) => [g.abbr, g.expansion, g.sectionId, g.line]);
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
      expect.objectContaining({ abbr: 'FIS', expansion: 'Fault Injection Simulator', sectionId: 'h.md#aws-fault-injection-simulator-fis', line: 3 }),
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
    expect(extractGlossary(kb.sections).map((g) => [g.abbr, g.expansion, g.source])).toEqual([['DLQ', 'Dead Letter Queue', 'table']]);
  });
});

describe('extractGlossary: plural forms', () => {
  it('enters a plural definition in the singular, so the short form is found either way', () => {
    const { sections } = parseNotes('p.md', '# Compute\n\nYou can run VMs (virtual machines) and LLMs (Large Language Models) here.\n');
    const entries = extractGlossary(sections).map((e) => `${e.abbr}=${e.expansion}`);
    expect(entries).toContain('VM=virtual machine');
    expect(entries).toContain('LLM=Large Language Model');
    expect(entries.some((e) => e.startsWith('VMs='))).toBe(false);
  });
});
