import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import type { Command } from './types.ts';

/** Thrown when a command file is missing, malformed, or clashes with another. */
export class CommandLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandLoadError';
  }
}

const isFunction = (v: unknown): v is (...args: never[]) => unknown => typeof v === 'function';
const handler = z.custom<(...args: never[]) => unknown>(isFunction, 'must be a function');

/** Discord's rule for slash command and option names: 1–32 lowercase letters, digits, - or _. */
const commandName = z
  .string()
  .regex(/^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$/u, 'must be 1–32 lowercase letters, digits, - or _ (a Discord slash command name)');

/** The parts of `Command` that can be checked at load time; the rest is typed by TypeScript. */
export const CommandShape = z
  .object({
    data: z.looseObject({
      name: commandName,
      description: z.string().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
      options: z.array(z.looseObject({ name: commandName })).max(25, 'at most 25 options').optional(),
    }),
    execute: handler,
    autocomplete: handler.optional(),
    customIdPrefix: z
      .string()
      .regex(/^[\w-]{1,20}$/, 'must be 1–20 letters, digits, - or _ (no ":"; it is followed by ":" in custom ids)')
      .optional(),
    handleComponent: handler.optional(),
    ephemeral: z.boolean().optional(),
  })
  .refine((c) => (c.customIdPrefix === undefined) === (c.handleComponent === undefined), {
    message: 'customIdPrefix and handleComponent go together: give both or neither',
  });

function isCommandFile(name: string): boolean {
  return /\.(ts|js|mjs)$/.test(name) && !/\.(d|test|spec)\.(ts|js|mjs)$/.test(name) && !name.startsWith('_');
}

/** Checks one module's export (default or `command`) against the Command shape. */
export function validateCommand(value: unknown, source: string): Command {
  const parsed = CommandShape.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(command)'}: ${i.message}`).join('\n');
    throw new CommandLoadError(`${source}: not a valid command:\n${problems}`);
  }
  return value as Command;
}

/** Rejects two commands with the same name or the same custom-id prefix, naming both sources. */
export function checkUnique(entries: ReadonlyArray<{ command: Command; source: string }>): void {
  const names = new Map<string, string>();
  const prefixes = new Map<string, string>();
  for (const { command, source } of entries) {
    const clash = names.get(command.data.name);
    if (clash) throw new CommandLoadError(`duplicate command name "/${command.data.name}" in ${clash} and ${source}`);
    names.set(command.data.name, source);
    if (command.customIdPrefix !== undefined) {
      const prefixClash = prefixes.get(command.customIdPrefix);
      if (prefixClash) {
        throw new CommandLoadError(`duplicate customIdPrefix "${command.customIdPrefix}" in ${prefixClash} and ${source}`);
      }
      prefixes.set(command.customIdPrefix, source);
    }
  }
}

/** Imports every command file in `dir` (one slash command per file), validated and sorted by file name. */
export async function loadCommands(dir: string): Promise<Command[]> {
  const root = resolve(dir);
  let files: string[];
  try {
    files = (await readdir(root)).filter(isCommandFile).sort();
  } catch (error) {
    throw new CommandLoadError(`cannot read the commands directory ${root}: ${(error as Error).message}`);
  }
  const entries: Array<{ command: Command; source: string }> = [];
  for (const file of files) {
    const source = join(dir, file);
    let mod: Record<string, unknown>;
    try {
      mod = (await import(pathToFileURL(join(root, file)).href)) as Record<string, unknown>;
    } catch (error) {
      throw new CommandLoadError(`${source}: failed to import: ${(error as Error).message}`);
    }
    const exported = mod.default ?? mod.command;
    if (exported === undefined) throw new CommandLoadError(`${source}: exports no command (use \`export default\` or \`export const command\`)`);
    entries.push({ command: validateCommand(exported, source), source });
  }
  checkUnique(entries);
  return entries.map((e) => e.command);
}
