import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, loadDotEnv, type Config } from './config.ts';
import { createLogger, scrubTokens, type Logger } from './logger.ts';
import { loadKnowledgeServices, type Services } from './services.ts';
import { renderAsk, renderDefinition, renderSection, renderTopicList } from './discord/render/index.ts';
import { defineTerm } from './knowledge/define.ts';
import { listTopics } from './knowledge/browse.ts';
import { resolveSectionRef } from './knowledge/sectionRef.ts';
import { payloadToText } from './cli/text.ts';
import { type ListedQuestion, questionToText, selectQuestions } from './cli/questions.ts';
import { DEFAULT_QUESTION_SEED, loadQuestionBank } from './quiz/loadQuestionBank.ts';
import { unmatchedErrata } from './quiz/errata.ts';
import { GENERATORS } from './quiz/generateQuestions.ts';
import { formatProblem } from './quiz/curated/index.ts';

const USAGE = `studybot — a Discord study assistant for your group's markdown notes

Usage:
  studybot start                     run the bot (needs DISCORD_TOKEN)
  studybot register [--guild ID]     register the slash commands (globally, or on one server)
  studybot ask "<query>" [--result N]  print what /ask would show
  studybot define <term>             print the glossary entry, as /define would
  studybot topics                    list what the notes cover
  studybot check                     load the knowledge folder and report files, sections, glossary, warnings
  studybot search --jsonl            read one query per line on stdin, write one JSON line per query
  studybot questions [--sample N] [--kind K] [--file F] [--seed S] [--json]
                                     print quiz questions (curated and generated) with answers and sources
  studybot help                      this text

Configuration comes from the environment and .env (see .env.example).
`;

export interface CliIO {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  in?: NodeJS.ReadableStream;
}

/** Exit codes: 0 ok, 1 failure (e.g. knowledge errors), 2 bad usage or configuration. */
export async function main(
  argv: string[],
  io: CliIO = { out: process.stdout, err: process.stderr, in: process.stdin },
): Promise<number> {
  const [command = 'help', ...rest] = argv;
  const print = (text: string) => io.out.write(text.endsWith('\n') ? text : `${text}\n`);
  try {
    loadDotEnv();
    switch (command) {
      case 'start':
        return await start(loadConfig(process.env, { needDiscord: true }));
      case 'register':
        return await register(loadConfig(process.env, { needDiscord: true }), rest, print);
      case 'ask':
        return await ask(loadConfig(process.env), rest, print);
      case 'define':
        return await define(loadConfig(process.env), rest, print);
      case 'topics':
        return await topics(loadConfig(process.env), print);
      case 'check':
        return await check(loadConfig(process.env), print);
      case 'search':
        return await searchJsonl(loadConfig(process.env), rest, print, io.in ?? process.stdin);
      case 'questions':
        return await questions(loadConfig(process.env), rest, print);
      case 'help':
      case '--help':
      case '-h':
        print(USAGE);
        return 0;
      default:
        io.err.write(`Unknown command "${command}".\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err.write(`${error.message}\n`);
      return 2;
    }
    if (error instanceof UsageError) {
      io.err.write(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    // Anything else (Discord refusing the token, an unreachable database, …): one readable line and exit 1,
    // with the stack only when asked for, and never the token.
    io.err.write(`studybot ${command}: ${scrubTokens(explainFailure(error))}\n`);
    if (process.env.LOG_LEVEL === 'debug' || process.env.LOG_LEVEL === 'trace') {
      io.err.write(`${String(scrubTokens(error instanceof Error ? error.stack : String(error)))}\n`);
    }
    return 1;
  }
}

/** Turns the failures a person can fix into advice; other errors keep their own message. */
export function explainFailure(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown; name?: unknown; status?: unknown };
  const message = typeof e?.message === 'string' ? e.message : String(error);
  const code = typeof e?.code === 'string' || typeof e?.code === 'number' ? String(e.code) : '';
  if (code === 'TokenInvalid' || e?.status === 401) {
    return 'Discord refused the token (401 Unauthorized). Reset it in the Developer Portal › Bot and set DISCORD_TOKEN.';
  }
  if (code === 'DisallowedIntents') return 'Discord refused the gateway intents requested by the bot.';
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ETIMEDOUT') {
    return `could not connect (${code}): ${message}. Check DATABASE_URL / DISCORD_API_URL and that the server is reachable.`;
  }
  if (e?.name === 'AbortError') return 'a request to Discord timed out. Check your network, or DISCORD_API_URL if you set it.';
  if (code === 'SQLITE_CANTOPEN') return `could not open the SQLite database: ${message}. Check DATABASE_URL and that its folder is writable.`;
  return message;
}

class UsageError extends Error {}

/** The slash command files ship with the package, wherever it is run from. */
const COMMANDS_DIR = fileURLToPath(new URL('../commands', import.meta.url));

/**
 * Terminal commands keep stderr quiet unless LOG_LEVEL is set: `check` prints the knowledge warnings itself,
 * and lookups should show just the answer (stdout stays clean for --jsonl either way).
 */
function cliLogger(config: Config): Logger {
  return createLogger(process.env.LOG_LEVEL ? config.LOG_LEVEL : 'error');
}

async function services(config: Config): Promise<Services> {
  return loadKnowledgeServices(config.KNOWLEDGE_DIR, cliLogger(config));
}

async function ask(config: Config, args: string[], print: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { result: { type: 'string' } } });
  const query = positionals.join(' ').trim();
  if (!query) throw new UsageError('ask needs a query, e.g. studybot ask "nacl vs security group"');
  const index = values.result ? Number(values.result) - 1 : 0;
  if (!Number.isInteger(index) || index < 0) throw new UsageError('--result takes a whole number from 1');
  const { knowledge, search } = await services(config);
  const picked = resolveSectionRef(knowledge, query);
  print(payloadToText(picked ? renderSection(picked, search.passageFor(picked)) : renderAsk(search.search(query), { index })));
  return 0;
}

async function define(config: Config, args: string[], print: (s: string) => void): Promise<number> {
  const term = args.join(' ').trim();
  if (!term) throw new UsageError('define needs a term, e.g. studybot define ENI');
  const { knowledge } = await services(config);
  print(payloadToText(renderDefinition(defineTerm(knowledge, term), knowledge)));
  return 0;
}

async function topics(config: Config, print: (s: string) => void): Promise<number> {
  const { knowledge } = await services(config);
  const list = listTopics(knowledge);
  if (list.length === 0) {
    print(payloadToText(renderTopicList(list, 0)));
    return 0;
  }
  for (const t of list) print(`${t.file}  ${t.title}  (${t.sections.length} sections)`);
  return 0;
}

async function check(config: Config, print: (s: string) => void): Promise<number> {
  const { knowledge } = await services(config);
  print(`Knowledge folder: ${knowledge.dir}`);
  const abbreviations = knowledge.glossary.filter((g) => g.kind === 'abbreviation').length;
  print(
    `${knowledge.files.length} notes files, ${knowledge.sections.length} sections, ${knowledge.glossary.length} glossary entries ` +
      `(${abbreviations} abbreviations, ${knowledge.glossary.length - abbreviations} definitions)`,
  );
  for (const f of knowledge.files) print(`  ${f.file}: ${f.sections} sections (${f.bytes} bytes)`);
  const { curated, generated, bank, errata } = await loadQuestionBank(knowledge, config.KNOWLEDGE_DIR);
  const pooled = bank.questions.filter((q) => q.kind !== 'curated');
  print(
    `\nQuestion pool (what the daily quiz and practice draw from): ${bank.questions.length} questions ` +
      `(${bank.questions.length - pooled.length} curated, ${pooled.length} generated)`,
  );
  print(`  generated per generator: ${formatCounts(tally(pooled.map((q) => q.kind))) || 'none'}`);
  print(`  generated per notes file: ${formatCounts(tally(pooled.map((q) => q.source.file))) || 'none'}`);
  print(`  turned away by the quality gate, per check: ${formatCounts(generated.rejections) || 'none'}`);
  print(`  left out of the pool, per check: ${formatCounts(tally(bank.dropped.map((d) => d.reason))) || 'none'}`);
  if (errata.problem) print(`  errata: ${errata.problem}`);
  else if (errata.errata.length) {
    print(`  errata: ${errata.errata.length} statement(s) of the notes marked wrong; no generated question quotes them`);
    const texts = new Map<string, string>();
    for (const section of knowledge.sections) texts.set(section.file, `${texts.get(section.file) ?? ''}\n${section.title}\n${section.markdown}`);
    for (const e of unmatchedErrata(errata.errata, (file) => texts.get(file))) print(`    not found in ${e.file}: "${e.says}"`);
  }
  // A knowledge folder without curated questions is normal: say so, without failing the check.
  for (const notice of curated.notices) print(`  notice: ${notice}`);
  if (curated.problems.length) {
    print(`  ${curated.problems.length} problem(s) in curated questions:`);
    for (const p of curated.problems) print(`    ${formatProblem(p)}`);
  } else if (curated.notices.length === 0) {
    print('  curated questions: all valid');
  }

  const errors = [...knowledge.warnings, ...curated.problems].filter((w) => w.severity === 'error');
  if (knowledge.warnings.length) {
    print(`\n${knowledge.warnings.length} warning(s):`);
    for (const w of knowledge.warnings) {
      print(`  [${w.severity}] ${w.file ?? '(knowledge folder)'}${w.line ? `:${w.line}` : ''} ${w.code}: ${w.message}`);
    }
  } else {
    print('\nNo warnings.');
  }
  return errors.length ? 1 : 0;
}

function tally(keys: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const k of keys) counts[k] = (counts[k] ?? 0) + 1;
  return counts;
}

function formatCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
}

async function questions(config: Config, args: string[], print: (s: string) => void): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      sample: { type: 'string' },
      kind: { type: 'string' },
      file: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean' },
      all: { type: 'boolean' },
    },
  });
  const sample = values.sample === undefined ? undefined : Number(values.sample);
  if (sample !== undefined && (!Number.isInteger(sample) || sample < 1)) throw new UsageError('--sample takes a whole number from 1');
  const kinds = ['curated', ...GENERATORS.map((g) => g.name)];
  if (values.kind && !kinds.includes(values.kind)) throw new UsageError(`--kind must be one of: ${kinds.join(', ')}`);
  const seed = values.seed ?? DEFAULT_QUESTION_SEED;
  const { knowledge } = await services(config);
  // Always the bot's own generation seed: this prints exactly the pool the daily quiz draws from; --seed only samples.
  const { bank, generated } = await loadQuestionBank(knowledge, config.KNOWLEDGE_DIR);
  const listed: ListedQuestion[] = [
    ...bank.questions.map((question) => ({ question })),
    ...(values.all
      ? [
          ...bank.dropped.map((d) => ({ question: d.question, leftOut: { reason: d.reason, ...(d.by ? { by: d.by } : {}) } })),
          ...generated.rejected.map((r) => ({ question: r.question, leftOut: { reason: r.reason } })),
        ]
      : []),
  ];
  const chosen = selectQuestions(listed, { kind: values.kind, file: values.file, sample, seed });
  if (values.json) {
    print(JSON.stringify(chosen.map(({ question, leftOut }) => (leftOut ? { ...question, leftOut } : question)), null, 2));
    return 0;
  }
  chosen.forEach((q, i) => print(`${questionToText(q, i + 1)}\n`));
  print(`${chosen.length} of ${bank.questions.length} questions in the pool${values.all ? ` (+${listed.length - bank.questions.length} left out)` : ''}`);
  return 0;
}

/** Benchmarks drive this: one query per stdin line, one JSON line out, top 5, [] when the notes do not cover it. */
async function searchJsonl(
  config: Config,
  args: string[],
  print: (s: string) => void,
  input: NodeJS.ReadableStream,
): Promise<number> {
  const { values } = parseArgs({ args, options: { jsonl: { type: 'boolean' } } });
  if (!values.jsonl) throw new UsageError('search reads queries from stdin; use: studybot search --jsonl');
  const { search } = await services(config);
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    const query = line.trim();
    if (!query) continue;
    const outcome = search.search(query, { limit: 5 });
    const results =
      outcome.kind === 'results'
        ? outcome.results.map((r) => ({
            title: r.section.headingPath.join(' › '),
            file: r.section.file,
            text: r.passage,
            score: r.score,
          }))
        : [];
    print(JSON.stringify({ query, results }));
  }
  return 0;
}

async function register(config: Config, args: string[], print: (s: string) => void): Promise<number> {
  const { values } = parseArgs({ args, options: { guild: { type: 'string' } } });
  const guildId = values.guild ?? config.DISCORD_GUILD_ID;
  if (guildId !== undefined && !/^\d{17,20}$/.test(guildId)) throw new UsageError('--guild takes a server id (17–20 digits)');
  const { registerCommands } = await import('./discord/registerCommands.ts');
  const { loadCommands } = await import('./discord/loadCommands.ts');
  const registered = await registerCommands({
    token: config.DISCORD_TOKEN!,
    ...(config.DISCORD_APPLICATION_ID ? { applicationId: config.DISCORD_APPLICATION_ID } : {}),
    ...(guildId ? { guildId } : {}),
    ...(config.DISCORD_API_URL ? { apiUrl: config.DISCORD_API_URL } : {}),
    commands: await loadCommands(COMMANDS_DIR),
  });
  const names = registered.commands.map((c) => `/${c.name}`).join(', ');
  print(
    `Registered ${registered.commands.length} commands for application ${registered.applicationId} ` +
      `${guildId ? `on server ${guildId}` : 'globally (Discord may take a while to show them)'}: ${names}`,
  );
  return 0;
}

async function start(config: Config): Promise<number> {
  const logger = createLogger(config.LOG_LEVEL);
  // Listen before starting: a signal during start-up (the catch-up sweep can take a while) still shuts down cleanly,
  // once start-up is done. A second signal gets the default behaviour and ends the process at once.
  const stopRequested = new Promise<string>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  const { runBot } = await import('./discord/runBot.ts');
  const running = await runBot({ config, logger, commandsDir: COMMANDS_DIR });
  const signal = await stopRequested;
  logger.info({ signal }, 'shutting down');
  // Scheduler first, then the bot, then the store (runBot's stop keeps that order).
  await running.stop();
  return 0;
}
