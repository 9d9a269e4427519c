import { existsSync } from 'node:fs';
import { z } from 'zod';

const snowflake = z
  .string()
  .regex(/^\d{17,20}$/, 'must be a Discord snowflake: 17–20 digits (Developer Portal › General Information)');

const emptyAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** One schema for every setting; types come from it. */
export const ConfigSchema = z.object({
  DISCORD_TOKEN: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[\w-]+\.[\w-]+\.[\w-]+$/, 'does not look like a bot token (three dot-separated parts); copy it from Developer Portal › Bot › Reset Token')
      .optional(),
  ),
  DISCORD_APPLICATION_ID: z.preprocess(emptyAsUndefined, snowflake.optional()),
  DISCORD_GUILD_ID: z.preprocess(emptyAsUndefined, snowflake.optional()),
  KNOWLEDGE_DIR: z.preprocess(emptyAsUndefined, z.string().default('./knowledge')),
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .default('sqlite:./data/studybot.sqlite')
      .refine(
        (v) => /^(sqlite:|postgres(ql)?:\/\/)/.test(v),
        'must start with sqlite: (e.g. sqlite:./data/studybot.sqlite) or postgres:// (e.g. postgres://user@host:5432/db)',
      ),
  ),
  DISCORD_API_URL: z.preprocess(
    emptyAsUndefined,
    z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://127.0.0.1:8080/api' })
      .optional(),
  ),
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
});
export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example for every variable.`);
    this.name = 'ConfigError';
  }
}

export interface LoadConfigOptions {
  /** Commands that talk to Discord need a token; lookups do not. */
  needDiscord?: boolean;
}

/** Validates the environment; on failure throws one ConfigError listing every problem by variable name. */
export function loadConfig(env: NodeJS.ProcessEnv, options: LoadConfigOptions = {}): Config {
  const parsed = ConfigSchema.safeParse(env);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? 'environment');
      // Never echo the offending value: it may be the token.
      problems.push(`${name}: ${issue.message}`);
    }
  }
  const hasToken = parsed.success ? Boolean(parsed.data.DISCORD_TOKEN) : Boolean(env.DISCORD_TOKEN?.trim());
  if (options.needDiscord && !hasToken) {
    problems.push('DISCORD_TOKEN: required to connect to Discord; set it in .env (Developer Portal › Bot › Reset Token)');
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  return parsed.data;
}

/** Loads `.env` from the working directory if present; real environment variables win. */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
