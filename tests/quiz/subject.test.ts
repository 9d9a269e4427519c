/** How a stem names what a question is about: the kind of thing (`kindNoun`), the subject (`subjectOf`), "a"/"an". */
import { describe, expect, it } from 'vitest';
import type { Section } from '../../src/knowledge/types.ts';
import { isStructural, kindNoun, subjectOf } from '../../src/quiz/generators/subject.ts';

/** A heading as the loader makes it; only the fields `subjectOf` reads matter. */
function heading(file: string, title: string, parent?: Section): Section {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return {
    id: `${file}#${parent ? `${parent.slug}/` : ''}${slug}`,
    file,
    slug,
    title,
    matchTitle: title,
    headingPath: [...(parent?.headingPath ?? []), title],
    level: (parent?.level ?? 0) + 1,
    parentId: parent?.id ?? null,
    startLine: 1,
    endLine: 2,
    bodyStartLine: 2,
    markdown: '',
    text: '',
    searchable: true,
  };
}

const index = (...sections: Section[]) => new Map(sections.map((s) => [s.id, s]));

describe('kindNoun: the kind of thing a plural label names', () => {
  it('singularises the head noun of plural labels from any subject, lower-casing common words', () => {
    expect(kindNoun('Cell Organelles')).toBe('cell organelle');
    expect(kindNoun('Digestive Enzymes')).toBe('digestive enzyme');
    expect(kindNoun('Mother Sauces')).toBe('mother sauce');
    expect(kindNoun('Knife Skills')).toBe('knife skill');
    expect(kindNoun('Load Balancers')).toBe('load balancer');
    expect(kindNoun('Routing Policies')).toBe('routing policy');
    expect(kindNoun('Batches')).toBe('batch');
    expect(kindNoun('Boxes')).toBe('box');
    expect(kindNoun('Classes')).toBe('class');
  });

  it('keeps acronyms, codes and known names as written', () => {
    expect(kindNoun('EC2 Instance Types')).toBe('EC2 instance type');
    expect(kindNoun('IAM Policies')).toBe('IAM policy');
    expect(kindNoun('Kubernetes Controllers')).toBe('kubernetes controller');
    expect(kindNoun('Kubernetes Controllers', new Set(['kubernetes']))).toBe('Kubernetes controller');
  });

  it('drops decoration: a trailing colon, a parenthesis, a structural tail, study advice', () => {
    expect(kindNoun('Cooking Methods:')).toBe('cooking method');
    expect(kindNoun('Blood Cells (types)')).toBe('blood cell');
    expect(kindNoun('Sauces – Summary')).toBe('sauce');
    expect(kindNoun('Enzymes to know')).toBe('enzyme');
  });

  it('is undefined for labels that are not a plural noun phrase', () => {
    expect(kindNoun('Photosynthesis')).toBeUndefined();
    expect(kindNoun('Genetics')).toBeUndefined();
    expect(kindNoun('Mitochondria')).toBeUndefined();
    expect(kindNoun('Pastry')).toBeUndefined();
    expect(kindNoun('ENIs')).toBeUndefined();
  });

  it('is undefined for structural headings and vague openers', () => {
    expect(kindNoun('Summary')).toBeUndefined();
    expect(kindNoun('Exam tips')).toBeUndefined();
    expect(kindNoun('Other Services')).toBeUndefined();
    expect(kindNoun('Common Pitfalls')).toBeUndefined();
    expect(kindNoun('Transport across membranes')).toBeUndefined();
  });

  it('does not read a singular name ending in "s" as a plural ("Kubernetes" is not many "kubernete")', () => {
    // The notes write "Kubernetes" with a capital in mid-sentence: it is a name, not a family of things.
    const names = new Set(['kubernetes']);
    expect(kindNoun('Kubernetes', names)).toBeUndefined();
  });
});

describe('subjectOf: the subject a stem names', () => {
  const photosynthesis = heading('biology.md', 'Photosynthesis');
  const summary = heading('biology.md', 'Summary', photosynthesis);
  const darkQuestion = heading('biology.md', 'What happens in the dark?', photosynthesis);
  const k8sTips = heading('k8s.md', 'Kubernetes Networking – Exam tips');
  const knives = heading('cooking.md', 'Section 3: Knife Skills');
  const pastry = heading('cooking.md', 'Pastry (one section each)');
  const notes = heading('cooking.md', 'Notes');
  const tips = heading('cooking.md', 'Exam tips', notes);
  const byId = index(photosynthesis, summary, darkQuestion, k8sTips, knives, pastry, notes, tips);

  it('is the section title itself when it names a subject', () => {
    expect(subjectOf(photosynthesis, byId)).toBe('Photosynthesis');
  });

  it('climbs past structural headings and questions to the subject above them', () => {
    expect(subjectOf(summary, byId)).toBe('Photosynthesis');
    expect(subjectOf(darkQuestion, byId)).toBe('Photosynthesis');
  });

  it('strips decoration: a structural tail after a dash, a "Section 3:" prefix, a parenthesis', () => {
    expect(subjectOf(k8sTips, byId)).toBe('Kubernetes Networking');
    expect(subjectOf(knives, byId)).toBe('Knife Skills');
    expect(subjectOf(pastry, byId)).toBe('Pastry');
  });

  it('is undefined when no heading up the path names a subject', () => {
    expect(subjectOf(notes, byId)).toBeUndefined();
    expect(subjectOf(tips, byId)).toBeUndefined();
  });

  it('drops a structural tail written without a dash, whatever the length of the subject before it', () => {
    const one = heading('aws.md', 'S3 Cheat Sheet');
    const two = heading('aws.md', 'AWS Lambda Cheat Sheet');
    const biology = heading('biology.md', 'Cell Biology Notes');
    const cooking = heading('cooking.md', 'French Cooking Basics');
    const k8s = heading('k8s.md', 'Kubernetes Exam Tips');
    const keyPoints = heading('biology.md', 'Photosynthesis Key Points');
    const all = index(one, two, biology, cooking, k8s, keyPoints);
    expect(subjectOf(one, all)).toBe('S3');
    expect(subjectOf(two, all)).toBe('AWS Lambda');
    expect(subjectOf(biology, all)).toBe('Cell Biology');
    // Every tail `isStructural` recognises, of one word or two: "Basics", "Exam Tips", "Key Points".
    expect([cooking, k8s, keyPoints].map((s) => subjectOf(s, all))).toEqual(['French Cooking', 'Kubernetes', 'Photosynthesis']);
  });
});

describe('isStructural: headings that organise notes rather than name a subject', () => {
  it('recognises summaries, tips, numbered parts, questions and empty titles', () => {
    for (const t of ['Summary', 'Exam tips', 'Key Points', 'Overview', 'Recap', 'Cheat sheet', 'Chapter 3', 'Week 2', 'Lab 4', 'FAQ', 'Notes (week 1)', 'What is a pod?', '']) {
      expect(isStructural(t), t).toBe(true);
    }
  });

  it('leaves subjects alone, in any field', () => {
    for (const t of ['Photosynthesis', 'Cell Biology', 'Knife Skills', 'Pods', 'Mother Sauces', 'AWS CloudFormation']) {
      expect(isStructural(t), t).toBe(false);
    }
  });
});
