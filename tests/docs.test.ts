/** The documentation says what the code does: these fail when one changes without the other. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../src/config.ts';
import { SCORING_RULES } from '../src/quiz/daily/scoring.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const envExample = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');

describe('documentation', () => {
  it('the README states the scoring rules exactly as /help does', () => {
    const bullets = SCORING_RULES.split('\n').filter((l) => l.startsWith('- ') || l.startsWith('The most'));
    expect(bullets.length).toBeGreaterThanOrEqual(5);
    for (const line of bullets) expect(readme).toContain(line);
  });

  it('.env.example and the README configuration table cover every variable', () => {
    for (const name of Object.keys(ConfigSchema.shape)) {
      expect(envExample).toMatch(new RegExp(`^${name}=`, 'm'));
      expect(readme).toContain(`| \`${name}\` |`);
    }
  });

  it('the README gives the two set-up commands, and CI runs the test one', () => {
    expect(readme).toContain('npm ci && npx studybot register && npm start');
    expect(readme).toContain('npm ci && npm test');
    expect(readFileSync(new URL('../.ci/run', import.meta.url), 'utf8')).toContain('npm ci && npm test');
  });
});
