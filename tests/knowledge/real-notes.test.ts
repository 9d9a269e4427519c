import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { headingPathLabel, loadKnowledge, SectionSchema, SPLIT_SECTION_CHARS } from '../../src/knowledge/index.ts';
import type { KnowledgeBase, Section } from '../../src/knowledge/index.ts';

const KNOWLEDGE = fileURLToPath(new URL('../../knowledge', import.meta.url));
const FILES = [
  'developer-associate-exam-notes.md',
  'developer-associate-guide.md',
  'developer-associate-notes.md',
  'serverless-identity-security.md',
  'solutions-architect-professional.md',
];

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await loadKnowledge(KNOWLEDGE);
});

function sectionsOf(file: string): Section[] {
  return kb.sections.filter((s) => s.file === file);
}

function find(file: string, matchTitle: string): Section {
  const found = sectionsOf(file).find((s) => s.matchTitle === matchTitle);
  if (!found) throw new Error(`no section "${matchTitle}" in ${file}`);
  return found;
}

function sourceLines(file: string): string[] {
  return readFileSync(`${KNOWLEDGE}/notes/${file}`, 'utf8').split('\n');
}

/** A line as a reader sees it: no markdown emphasis, code ticks, HTML tags or list markers. */
function visible(line: string): string {
  return line
    .replace(/<[^>]+>/g, '')
    .replace(/[*`_]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('real notes: every file loads into well-formed sections', () => {
  it('loads all five files, in path order, with only the expected warning', () => {
    expect(kb.files.map((f) => f.file)).toEqual(FILES);
    for (const f of kb.files) expect(f.sections).toBeGreaterThan(10);
    expect(kb.warnings.map((w) => [w.file, w.code])).toEqual([
      ['serverless-identity-security.md', 'missing-image'],
      // `| DNS Domain | Name Service |`: reported for the author to fix, not repaired by guesswork.
      ['developer-associate-guide.md', 'glossary-row'],
    ]);
  });

  it('gives every section a unique id, a valid shape and a line range in document order', () => {
    expect(new Set(kb.sections.map((s) => s.id)).size).toBe(kb.sections.length);
    for (const file of FILES) {
      const sections = sectionsOf(file);
      const total = sourceLines(file).length;
      sections.forEach((s, i) => {
        expect(SectionSchema.safeParse(s).success).toBe(true);
        expect(s.startLine).toBeLessThanOrEqual(s.endLine);
        expect(s.endLine).toBeLessThanOrEqual(total);
        if (i > 0) expect(s.startLine).toBeGreaterThan(sections[i - 1]?.startLine ?? 0);
        expect(s.markdown).not.toMatch(/\r/);
      });
    }
  });

  it('starts every section on the line that holds its heading', () => {
    for (const file of FILES) {
      const lines = sourceLines(file);
      for (const s of sectionsOf(file)) {
        const title = visible(s.title.replace(/…$/, ''));
        expect(visible(lines[s.startLine - 1] ?? ''), `${s.id} at line ${s.startLine}`).toContain(title);
      }
    }
  });
});

describe('real notes: developer-associate-guide.md (generated table of contents, abbreviations)', () => {
  const file = 'developer-associate-guide.md';

  it('skips the doctoc table of contents: the first section is the first real heading', () => {
    const sections = sectionsOf(file);
    expect(sections[0]).toMatchObject({ title: 'AWS Certified Developer - Associate', startLine: 242, level: 1 });
    expect(sections.some((s) => /table of contents/i.test(s.title) || s.text.includes('#aws-certified-developer'))).toBe(false);
    // Linked from the table of contents but absent from the truncated file: no phantom sections.
    expect(sections.some((s) => s.matchTitle === 'Amazon Data Firehose')).toBe(false);
  });

  it('keeps the abbreviations table out of search, and the section it sits in', () => {
    const abbreviations = find(file, 'Abbreviations');
    expect(abbreviations).toMatchObject({ searchable: false, startLine: 248, endLine: 310 });
    expect(abbreviations.text.split('\n')).toContain('ENI | Elastic Network Interface');
    expect(sectionsOf(file).filter((s) => !s.searchable)).toEqual([abbreviations]);
  });

  it('reads the file to its last line, where it stops', () => {
    const last = sectionsOf(file).at(-1);
    expect(last).toMatchObject({ matchTitle: 'AWS CloudShell', endLine: sourceLines(file).length });
    expect(headingPathLabel(find(file, 'IAM Policies structure'))).toBe(
      'AWS Certified Developer - Associate › IAM: Users & Groups › IAM Policies structure',
    );
  });
});

describe('real notes: developer-associate-exam-notes.md (emoji, unclosed fence, bold subheadings)', () => {
  const file = 'developer-associate-exam-notes.md';

  it('keeps every section after the fence left open in "Custom Resources"', () => {
    expect(find(file, 'Custom Resources')).toMatchObject({ title: '1️⃣0️⃣ Custom Resources', startLine: 493 });
    expect(find(file, 'StackSets')).toMatchObject({ startLine: 505, level: 2 });
    expect(find(file, 'StackSets').text).toContain('Deploy/update/delete stacks across multiple accounts and regions.');
    expect(find(file, 'Intrinsic Functions')).toMatchObject({ startLine: 512 });
    expect(find(file, 'AWS Integration & Messaging: SQS, SNS & Kinesis')).toMatchObject({ startLine: 540, level: 1 });
    expect(find(file, 'AWS Monitoring & Audit: CloudWatch, X-Ray, CloudTrail')).toMatchObject({ startLine: 642, level: 1 });
    expect(find(file, 'CloudWatch Logs').headingPath[0]).toBe('⚡ AWS Monitoring & Audit: CloudWatch, X-Ray, CloudTrail');
  });

  it('never turns the heading-looking line inside that code block into a section', () => {
    expect(sectionsOf(file).some((s) => s.title.includes('AWS CloudFormation & Integration Notes'))).toBe(false);
    expect(find(file, 'Custom Resources').text).toContain('# AWS CloudFormation & Integration Notes');
  });

  it('reads the `- # ⚡ AWS CloudFormation Cheat Sheet` list item as the heading of the CloudFormation part', () => {
    const cheatSheet = find(file, 'AWS CloudFormation Cheat Sheet');
    expect(cheatSheet).toMatchObject({ level: 1, startLine: 442 });
    expect(find(file, 'Stacks').parentId).toBe(cheatSheet.id);
  });

  it('makes emoji and keycap headings matchable without their decoration', () => {
    expect(find(file, 'AWS SAM – Serverless Application Model').title).toBe('25️⃣ AWS SAM – Serverless Application Model');
    for (const s of sectionsOf(file)) expect(s.matchTitle).not.toMatch(/\p{Extended_Pictographic}|\u20E3|\uFE0F/u);
  });

  it('reads bold-only lines under SQS as subsections, and bold labels as body text', () => {
    const sqs = find(file, 'Amazon SQS - Standard Queues');
    const dlq = find(file, 'Dead Letter Queues (DLQ)');
    expect(dlq).toMatchObject({ parentId: sqs.id, level: sqs.level + 1, startLine: 571 });
    expect(sectionsOf(file).some((s) => s.title.startsWith('Scaling'))).toBe(false);
    expect(find(file, 'Producers & Consumers').markdown).toContain('**Scaling:**');
  });
});

describe('real notes: developer-associate-notes.md (four-space-indented heading)', () => {
  const file = 'developer-associate-notes.md';

  it('reads `    # ECS` as a top-level heading with Docker and the ECS topics under it', () => {
    const ecs = find(file, 'ECS');
    expect(ecs).toMatchObject({ level: 1, startLine: 1626, parentId: null });
    expect(find(file, 'Docker').parentId).toBe(ecs.id);
    expect(find(file, 'Fargate').headingPath).toEqual(['ECS', 'Fargate']);
    expect(find(file, 'Cognito User Pools vs Identity Pools').text).toContain('CUP + CIP');
  });

  it('places S3 Encryption for Objects with its heading path and line range', () => {
    expect(find(file, 'S3 Encryption for Objects')).toMatchObject({
      headingPath: ['S3 Buckets', 'S3 Encryption for Objects'],
      startLine: 645,
      endLine: 665,
    });
  });
});

describe('real notes: serverless-identity-security.md (HTML and bold headings, one huge section)', () => {
  const file = 'serverless-identity-security.md';

  it('reads HTML headings, the markdown under them and the bold headings', () => {
    const other = find(file, 'Other Serverless');
    expect(other).toMatchObject({ level: 2, startLine: 30 });
    expect(find(file, 'AWS Step Functions')).toMatchObject({ level: 3, startLine: 31, parentId: other.id });
    expect(headingPathLabel(find(file, 'AWS Cloud Map'))).toBe('AWS Notes › Other Services › AWS Cloud Map');
    expect(find(file, 'AWS Cloud Map').text).toContain('A fully managed resource discovery service');
  });

  it('drops the HTML "Contents" list of links to other files', () => {
    expect(sectionsOf(file).some((s) => /contents/i.test(s.title) || s.text.includes('Related concepts'))).toBe(false);
  });

  it('splits the 11 KB "AWS Security" bullets into focused parts', () => {
    const security = find(file, 'AWS Security');
    const descendants = sectionsOf(file).filter((s) => s.headingPath.slice(0, -1).includes('AWS Security'));
    expect(descendants.length).toBeGreaterThanOrEqual(10);
    for (const s of [security, ...descendants]) expect(s.text.length).toBeLessThanOrEqual(SPLIT_SECTION_CHARS);
    const envelope = find(file, 'Envelope encryption');
    expect(envelope.headingPath).toEqual(['AWS Notes', 'AWS Security', 'AWS KMS (Key Management Service)', 'Envelope encryption']);
    expect(envelope.level).toBe(4);
    expect(envelope.startLine).toBeLessThanOrEqual(envelope.endLine);
  });

  it('shows missing images as their alt text', () => {
    const stepFunctions = find(file, 'AWS Step Functions');
    expect(sectionsOf(file).some((s) => s.markdown.includes('images/'))).toBe(false);
    expect(stepFunctions.text).toContain('diagram');
  });
});

describe('real notes: solutions-architect-professional.md', () => {
  const file = 'solutions-architect-professional.md';

  it('nests its plain ATX headings', () => {
    expect(find(file, 'VPC Endpoints (VPCe)')).toMatchObject({ headingPath: ['VPC', 'VPC Endpoints (VPCe)'], level: 2, startLine: 44 });
  });
});

describe('real notes: glossary', () => {
  const abbreviations = () => kb.glossary.filter((g) => g.kind === 'abbreviation');

  it('has the abbreviations table entries with their section', () => {
    const eni = abbreviations().find((g) => g.term === 'ENI');
    expect(eni).toMatchObject({ meaning: 'Elastic Network Interface', source: 'table', sectionId: 'developer-associate-guide.md#abbreviations' });
    expect(abbreviations().filter((g) => g.source === 'table').length).toBeGreaterThanOrEqual(55);
  });

  it('skips the broken `DNS Domain | Name Service` row; DNS is still defined inline elsewhere', () => {
    expect(kb.glossary.some((g) => g.term.startsWith('DNS Domain') || g.meaning === 'Name Service')).toBe(false);
    expect(abbreviations().find((g) => g.term === 'DNS')).toMatchObject({ meaning: 'Domain Name System', source: 'inline' });
    expect(kb.warnings.find((w) => w.code === 'glossary-row')).toMatchObject({ file: 'developer-associate-guide.md', line: 266 });
  });

  it('keeps about as many abbreviations as before definitions were read (124 then)', () => {
    expect(abbreviations().length).toBeGreaterThanOrEqual(120);
    expect(abbreviations().length).toBeLessThanOrEqual(130);
  });

  it('also reads definitions from term lists, e.g. `Lazy Loading: Loads data into the cache …`', () => {
    expect(kb.glossary.find((g) => g.kind === 'definition' && g.term === 'Lazy Loading')).toMatchObject({
      meaning: expect.stringMatching(/^Loads data into the cache only when necessary/),
      source: 'list',
      file: 'solutions-architect-professional.md',
    });
  });

  it('has inline entries from the notes, each pointing at a section that holds it', () => {
    const fis = abbreviations().find((g) => g.term === 'FIS');
    expect(fis).toMatchObject({ meaning: 'Fault Injection Simulator', source: 'inline', file: 'serverless-identity-security.md', line: 453 });
    for (const entry of kb.glossary) {
      const section = kb.byId.get(entry.sectionId);
      expect(section, entry.term).toBeDefined();
      const line = sourceLines(entry.file)[entry.line - 1] ?? '';
      expect(line, `${entry.term} at ${entry.file}:${entry.line}`).toContain(entry.term.replace(/s$/, ''));
    }
  });
});
