import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { headingPathLabel, parseNotes, SectionSchema, SPLIT_SECTION_CHARS } from '../../src/knowledge/index.ts';
import type { Section } from '../../src/knowledge/index.ts';

const QUIRKS = new URL('../fixtures/notes/quirks/', import.meta.url);

function parseFixture(name: string) {
  return parseNotes(name, readFileSync(new URL(name, QUIRKS), 'utf8'));
}

function byTitle(sections: readonly Section[], matchTitle: string): Section {
  const found = sections.find((s) => s.matchTitle === matchTitle);
  if (!found) throw new Error(`no section "${matchTitle}" in ${sections.map((s) => s.matchTitle).join(', ')}`);
  return found;
}

describe('parseNotes: sections and nesting', () => {
  it('nests by heading level with parent ids, heading paths and line ranges', () => {
    const { sections } = parseNotes('n.md', '# A\n\nintro\n\n## B\n\nb body\n\n### C\n\nc body\n\n## D\nd body\n');
    expect(sections.map((s) => headingPathLabel(s))).toEqual(['A', 'A › B', 'A › B › C', 'A › D']);
    const [a, b, c, d] = sections;
    expect(b?.parentId).toBe(a?.id);
    expect(c?.parentId).toBe(b?.id);
    expect(d?.parentId).toBe(a?.id);
    expect(sections.map((s) => [s.startLine, s.endLine])).toEqual([
      [1, 3],
      [5, 7],
      [9, 11],
      [13, 14],
    ]);
    for (const s of sections) expect(SectionSchema.safeParse(s).success).toBe(true);
  });

  it("keeps a section's own body only, and keeps sections with empty bodies", () => {
    const { sections } = parseNotes('n.md', '# Parent\n## Child\nchild text\n');
    expect(sections[0]).toMatchObject({ title: 'Parent', markdown: '', text: '' });
    expect(sections[1]).toMatchObject({ headingPath: ['Parent', 'Child'], markdown: 'child text', text: 'child text' });
  });

  it('builds ids from GitHub-style slugs that stay unique and stable across reloads', () => {
    const source = '# Intro\n## S3: Buckets & Objects\n## Intro\n## Intro\n';
    const first = parseNotes('dir/n.md', source).sections.map((s) => s.id);
    expect(first).toEqual(['dir/n.md#intro', 'dir/n.md#s3-buckets--objects', 'dir/n.md#intro-1', 'dir/n.md#intro-2']);
    expect(parseNotes('dir/n.md', source).sections.map((s) => s.id)).toEqual(first);
  });

  it('gives text above the first heading, or a file without headings, a section named after the file', () => {
    const { sections } = parseFixture('no-headings.md');
    expect(sections).toHaveLength(1);
    expect(sections[0]).toMatchObject({ title: 'No Headings', level: 1, parentId: null, startLine: 1, endLine: 3 });
    expect(sections[0]?.text).toContain('IAM = Identity and Access Management');
  });

  it('keeps a file that stops mid-sentence, up to its last line', () => {
    const concurrency = byTitle(parseFixture('truncated.md').sections, 'Concurrency');
    expect(concurrency).toMatchObject({ startLine: 3, endLine: 5 });
    expect(concurrency.text).toBe('Reserved concurrency limits how many instances a func');
  });
});

describe('parseNotes: line endings, BOM, front matter, setext', () => {
  it('reads setext headings (=== and ---) at levels 1 and 2', () => {
    const { sections } = parseFixture('setext.md');
    expect(sections.map((s) => [s.title, s.level, s.startLine, s.endLine])).toEqual([
      ['Storage Basics', 1, 1, 4],
      ['Block Storage', 2, 6, 9],
      ['Object Storage', 2, 11, 14],
    ]);
  });

  it('skips YAML front matter: not a heading, not body text, line numbers unchanged', () => {
    const { sections } = parseFixture('front-matter.md');
    expect(sections).toHaveLength(1);
    expect(sections[0]).toMatchObject({ title: 'Buckets', startLine: 6, text: 'Buckets hold objects.' });
    expect(sections[0]?.markdown).not.toContain('tags:');
  });

  it('handles CRLF line endings without stray carriage returns', () => {
    const { sections } = parseFixture('crlf.md');
    const timeout = byTitle(sections, 'Visibility Timeout');
    expect(timeout).toMatchObject({ startLine: 5, endLine: 8, markdown: 'Default 30 seconds.\nMaximum 12 hours.' });
    expect(sections.every((s) => !s.markdown.includes('\r') && !s.title.includes('\r'))).toBe(true);
  });

  it('strips a UTF-8 byte-order mark so the first heading is still a heading', () => {
    const { sections } = parseFixture('bom.md');
    expect(sections.map((s) => s.title)).toEqual(['Topics']);
    expect(sections[0]?.slug).toBe('topics');
  });
});

describe('parseNotes: HTML headings', () => {
  const { sections } = parseFixture('html-headings.md');

  it('reads <h1>–<h6> as headings at their level, attributes and entities included', () => {
    expect(sections.map((s) => [headingPathLabel(s), s.level])).toEqual([
      ['AWS Notes', 1],
      ['AWS Notes › Other Serverless', 2],
      ['AWS Notes › Other Serverless › AWS Step Functions', 3],
      ['AWS Notes › AWS Security & Identity', 2],
    ]);
  });

  it('reads the markdown written right under an HTML heading (same HTML block in CommonMark)', () => {
    const stepFunctions = byTitle(sections, 'AWS Step Functions');
    expect(stepFunctions).toMatchObject({ startLine: 9, endLine: 11, bodyStartLine: 10 });
    expect(stepFunctions.text).toBe('- Model workflows as state machines\n- Written in JSON');
    expect(byTitle(sections, 'AWS Security & Identity').text).toBe('- STS\n  - Temporary credentials');
  });

  it('drops an HTML "Contents" heading whose list only links elsewhere', () => {
    expect(sections.some((s) => /contents/i.test(s.title))).toBe(false);
    expect(sections.some((s) => s.text.includes('Concepts'))).toBe(false);
  });
});

describe('parseNotes: bold-only lines as headings', () => {
  const { sections } = parseFixture('bold-headings.md');

  it('makes a bold-only line a heading one level below the enclosing heading', () => {
    expect(sections.map((s) => [headingPathLabel(s), s.level])).toEqual([
      ['Messaging', 1],
      ['Messaging › SQS', 2],
      ['Messaging › SQS › Long Polling', 3],
      ['Messaging › SQS › Delay Queues', 3],
      ['Messaging › SNS', 2],
    ]);
    expect(byTitle(sections, 'Long Polling')).toMatchObject({ startLine: 10, bodyStartLine: 11 });
    expect(byTitle(sections, 'Long Polling').text).toMatch(/^Wait up to 20 seconds/);
  });

  it('leaves bold labels ending in a colon in the body, and drops a bold "Table of Contents" with its links', () => {
    expect(sections.some((s) => s.title.startsWith('Strategies'))).toBe(false);
    expect(byTitle(sections, 'Long Polling').markdown).toContain('**Strategies:**');
    expect(sections.some((s) => /table of contents/i.test(s.title) || s.text.includes('SNS\n'))).toBe(false);
    expect(byTitle(sections, 'Messaging').text).toBe('');
  });
});

describe('parseNotes: headings in lists and indented headings', () => {
  const { sections } = parseFixture('indented-heading.md');

  it('treats a heading indented four spaces after a list (inside the list item) as a heading', () => {
    const ecs = byTitle(sections, 'ECS');
    expect(ecs).toMatchObject({ level: 1, startLine: 8, parentId: null });
    expect(byTitle(sections, 'Docker').parentId).toBe(ecs.id);
    expect(byTitle(sections, 'Identity').text).toContain('Obtain AWS credentials');
  });

  it('treats a lone `# Heading` indented code block outside lists as a heading, but not real code', () => {
    const launchTypes = byTitle(sections, 'Launch Types');
    expect(launchTypes).toMatchObject({ level: 2, startLine: 16, parentId: byTitle(sections, 'Plain Code').id });
    expect(launchTypes.text).toContain('# not a heading');
    expect(sections.some((s) => s.title === 'not a heading')).toBe(false);
  });

  it('keeps the bullet around a hoisted heading as a bullet, dedented so it parses as the same list again', () => {
    const identity = byTitle(sections, 'Identity');
    expect(identity.markdown).toBe('- Cognito Identity Pools:\n    - Obtain AWS credentials');
    expect(identity.text).toBe('- Cognito Identity Pools:\n  - Obtain AWS credentials');
    expect(identity.endLine).toBe(4);
  });
});

describe('parseNotes: emoji and keycap prefixes', () => {
  const { sections } = parseFixture('emoji-headings.md');

  it('keeps decorations in the title and drops them from matchTitle', () => {
    expect(sections.map((s) => [s.title, s.matchTitle])).toEqual([
      ['⚡ AWS CloudFormation Cheat Sheet', 'AWS CloudFormation Cheat Sheet'],
      ['1️⃣ Stacks', 'Stacks'],
      ['1️⃣0️⃣ Custom Resources', 'Custom Resources'],
      ['25️⃣ AWS SAM – Serverless Application Model', 'AWS SAM – Serverless Application Model'],
      ['3. Numbered Heading', 'Numbered Heading'],
      ['Stacks', 'Stacks'],
    ]);
  });

  it('slugs them like GitHub, unique within the file', () => {
    expect(sections.map((s) => s.slug)).toEqual([
      '-aws-cloudformation-cheat-sheet',
      '1-stacks',
      '10-custom-resources',
      '25-aws-sam--serverless-application-model',
      '3-numbered-heading',
      'stacks',
    ]);
  });
});

describe('parseNotes: tables, code, images', () => {
  it('renders tables as `cell | cell` rows, links and emphasis as their text', () => {
    const [deployment] = parseFixture('table.md').sections;
    expect(deployment?.text).toBe('Mode | Description\nAll at once | Fastest, downtime\nRolling | Batches, docs');
    expect(deployment?.markdown).toContain('| Rolling | Batches, [docs](https://example.com) |');
  });

  it('keeps code blocks and never reads `#` lines inside them as headings', () => {
    const { sections } = parseFixture('code-hash.md');
    expect(sections.map((s) => s.title)).toEqual(['Scripts', 'After Code']);
    expect(sections[0]?.text).toBe('# install the CLI\npip install awscli\n## not a heading either\n# comment\nResources: {}');
  });

  it('drops images whose files are missing, keeps their alt text, and warns with the line', () => {
    const { sections, warnings } = parseFixture('missing-image.md');
    expect(sections[0]?.markdown).toBe('Overview State machine diagram here.\n\n![Remote](https://example.com/remote.png)');
    expect(sections[0]?.text).toBe('Overview State machine diagram here.\nRemote');
    expect(warnings).toEqual([
      expect.objectContaining({ code: 'missing-image', file: 'missing-image.md', line: 3, severity: 'warning' }),
    ]);
    expect(warnings[0]?.message).toContain('images/missing.png');
  });

  it('keeps an image that exists (checker injected)', () => {
    const source = '# D\n\n![Diagram](images/here.png)\n';
    const { sections, warnings } = parseNotes('d.md', source, { imageExists: (url) => url === 'images/here.png' });
    expect(sections[0]?.markdown).toBe('![Diagram](images/here.png)');
    expect(warnings).toEqual([]);
  });
});

describe('parseNotes: a code fence left open inside a list item', () => {
  const { sections } = parseFixture('unclosed-fence.md');

  it('ends the code block with the list item, so later headings are sections again', () => {
    expect(sections.map((s) => s.matchTitle)).toEqual(['CloudFormation', 'Custom Resources', 'StackSets', 'Intrinsic Functions']);
    expect(byTitle(sections, 'StackSets')).toMatchObject({ startLine: 12, endLine: 13, text: '- Deploy across accounts.' });
  });

  it('keeps the heading-looking line as code and closes the fence in the body markdown', () => {
    const custom = byTitle(sections, 'Custom Resources');
    expect(custom.text).toContain('# Not A Heading Inside Code');
    expect(sections.some((s) => s.title.includes('Not A Heading'))).toBe(false);
    expect(custom.markdown.trimEnd().endsWith('  ```')).toBe(true);
  });
});

describe('parseNotes: over-long sections', () => {
  const bullets = Array.from({ length: 6 }, (_, i) => {
    const children = Array.from({ length: 12 }, (_, j) => `  * Detail ${i}.${j} about topic number ${i} with enough words to count`);
    return [`* Topic ${i}`, ...children].join('\n');
  });
  const source = `# Security\n\n${bullets.join('\n')}\n* A flat bullet\n`;
  const { sections } = parseNotes('long.md', source);

  it('splits at top-level bullets that have children; parts are children one level down', () => {
    expect(source.length).toBeGreaterThan(SPLIT_SECTION_CHARS);
    const [parent, ...parts] = sections;
    expect(parts.map((p) => p.title)).toEqual(['Topic 0', 'Topic 1', 'Topic 2', 'Topic 3', 'Topic 4', 'Topic 5']);
    for (const part of parts) expect(part).toMatchObject({ level: 2, parentId: parent?.id });
    expect(parts[1]).toMatchObject({ startLine: 16, endLine: 28, headingPath: ['Security', 'Topic 1'] });
    expect(parts[1]?.text.split('\n')).toHaveLength(12);
    expect(parent?.text).toBe('- A flat bullet');
  });

  it('leaves a section under the limit alone', () => {
    const { sections: short } = parseNotes('short.md', '# S\n\n* A\n  * a1\n* B\n  * b1\n');
    expect(short).toHaveLength(1);
  });
});
