import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GAbCdE.abcdefghijklmnopqrstuvwxyz0123456789AB';

function problemsOf(env: NodeJS.ProcessEnv, needDiscord = false): string[] {
  try {
    loadConfig(env, { needDiscord });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('applies the embedded defaults: shipped knowledge folder, SQLite file, info logs', () => {
    const config = loadConfig({});
    expect(config.KNOWLEDGE_DIR).toBe('./knowledge');
    expect(config.DATABASE_URL).toBe('sqlite:./data/studybot.sqlite');
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.DISCORD_TOKEN).toBeUndefined();
  });

  it('treats empty values (as left by .env.example) as unset', () => {
    const config = loadConfig({ DISCORD_TOKEN: '', DISCORD_API_URL: '', KNOWLEDGE_DIR: '' });
    expect(config.DISCORD_API_URL).toBeUndefined();
    expect(config.KNOWLEDGE_DIR).toBe('./knowledge');
  });

  it('lists every problem by variable name in one error', () => {
    const problems = problemsOf({
      DISCORD_APPLICATION_ID: 'abc',
      DATABASE_URL: 'mysql://x',
      DISCORD_API_URL: 'not a url',
      LOG_LEVEL: 'loud',
    });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'DATABASE_URL',
      'DISCORD_API_URL',
      'DISCORD_APPLICATION_ID',
      'LOG_LEVEL',
    ]);
    expect(problems.find((p) => p.startsWith('DATABASE_URL'))).toMatch(/sqlite:|postgres:\/\//);
  });

  it('asks for a token only where Discord is needed', () => {
    expect(problemsOf({})).toEqual([]);
    expect(problemsOf({}, true)).toEqual([expect.stringMatching(/^DISCORD_TOKEN: required/)]);
    expect(loadConfig({ DISCORD_TOKEN: TOKEN }, { needDiscord: true }).DISCORD_TOKEN).toBe(TOKEN);
  });

  it('never echoes a bad token in its message', () => {
    const bad = 'secret-value-without-dots-1234567890';
    const [problem] = problemsOf({ DISCORD_TOKEN: bad });
    expect(problem).toMatch(/^DISCORD_TOKEN: /);
    expect(problem).not.toContain(bad);
  });

  it('accepts both store URLs', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' }).DATABASE_URL).toMatch(/^postgres/);
    expect(loadConfig({ DATABASE_URL: 'sqlite::memory:' }).DATABASE_URL).toBe('sqlite::memory:');
  });
});

describe('logging', () => {
  function capture() {
    const lines: string[] = [];
    const out = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    return { logger: createLogger('debug', out), lines };
  }

  it('redacts the token wherever it appears: fields, config objects, error messages', () => {
    const { logger, lines } = capture();
    logger.info({ token: TOKEN }, 'field');
    logger.info({ config: { DISCORD_TOKEN: TOKEN } }, 'config');
    logger.error({ err: new Error(`login failed for ${TOKEN}`) }, 'error');
    logger.warn(`message with ${TOKEN} inside`);
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(line).not.toContain(TOKEN);
    expect(lines.join('')).toContain('[redacted]');
  });
});
