import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CommandLoadError, loadCommands } from '../../src/discord/loadCommands.ts';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describe('loadCommands', () => {
  it('imports default and named `command` exports, skipping helpers and non-code files', async () => {
    const commands = await loadCommands(fixture('commands-ok'));
    expect(commands.map((c) => c.data.name)).toEqual(['flashcard', 'ping']);
    expect(commands[0]?.customIdPrefix).toBe('card');
  });

  it('rejects two commands with the same name, naming both files', async () => {
    const error = await loadCommands(fixture('commands-duplicate')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandLoadError);
    expect((error as Error).message).toMatch(/duplicate command name "\/quiz" in .*a\.ts and .*b\.ts/);
  });

  it('rejects two commands with the same custom id prefix', async () => {
    await expect(loadCommands(fixture('commands-duplicate-prefix'))).rejects.toThrow(/duplicate customIdPrefix "btn"/);
  });

  it('lists every problem of a malformed command', async () => {
    const error = (await loadCommands(fixture('commands-invalid')).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(CommandLoadError);
    expect(error.message).toContain('bad.ts: not a valid command');
    expect(error.message).toMatch(/data\.name: must be 1–32 lowercase/);
    expect(error.message).toMatch(/data\.description: must not be empty/);
    expect(error.message).toMatch(/execute: must be a function/);
  });

  it('rejects a prefix without a component handler', async () => {
    const { validateCommand } = await import('../../src/discord/loadCommands.ts');
    const command = { data: { name: 'ask', description: 'Ask' }, execute: async () => {}, customIdPrefix: 'ask' };
    expect(() => validateCommand(command, 'ask.ts')).toThrow(/customIdPrefix and handleComponent go together/);
  });

  it('explains a file that exports no command', async () => {
    await expect(loadCommands(fixture('commands-empty-export'))).rejects.toThrow(/nothing\.ts: exports no command/);
  });

  it('explains a missing directory', async () => {
    await expect(loadCommands(fixture('no-such-dir'))).rejects.toThrow(/cannot read the commands directory/);
  });
});
