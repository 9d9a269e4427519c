import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { MessageFlags } from 'discord.js';
import type { Command } from '../../src/discord/types.ts';
import { DEFAULT_CHANNELS } from '../support/discordServer.ts';
import { startHarness, type Harness } from './harness.ts';

/** /post: posts a message in the channel (a REST call of its own), then confirms privately. */
const post: Command = {
  data: { name: 'post', description: 'Posts in the channel' },
  async execute(interaction) {
    if (!interaction.channel?.isSendable()) throw new Error('channel not cached');
    await interaction.channel.send('Daily question!');
    await interaction.reply({ content: 'posted', flags: MessageFlags.Ephemeral });
  },
};

let started: () => void = () => {};
let release: Promise<void> = Promise.resolve();
/** /late: signals that it started, then answers only when the test releases it. */
const late: Command = {
  data: { name: 'late', description: 'Answers late' },
  async execute(interaction) {
    started();
    await release;
    await interaction.reply('here I am');
  },
};

describe('Discord failures reach the bot as Discord would send them', () => {
  let h: Harness;
  beforeAll(async () => {
    // Auto-deferral effectively off, to see what happens when a handler misses the window.
    h = await startHarness({ commands: [post, late], router: { autoDeferMs: 60_000 } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a 500 on send is retried by discord.js REST and the handler never notices', async () => {
    h.discord.failNext({ method: 'POST', path: '/channels/:channel/messages', status: 500 });
    const response = await h.discord.interact({ type: 'command', name: 'post' }).response();
    expect(response.data?.content).toBe('posted');
    expect(h.discord.messages(DEFAULT_CHANNELS.general).filter((m) => m.content === 'Daily question!')).toHaveLength(1);
    const sends = h.discord.requests.filter((r) => r.route === '/channels/:channel/messages');
    expect(sends.map((r) => r.status)).toEqual([500, 200]);
  });

  it('a 403 Missing Permissions fails the handler: the user gets an error id, the log gets code 50013', async () => {
    h.discord.failNext({ method: 'POST', path: '/channels/:channel/messages', status: 403 });
    const response = await h.discord.interact({ type: 'command', name: 'post' }).response();
    expect(response.data?.flags).toBe(MessageFlags.Ephemeral);
    const errorId = /`([0-9a-f]{8})`/.exec(String(response.data?.content))?.[1];
    const logged = h.logs.find((l) => l.errorId === errorId);
    expect(logged).toMatchObject({ msg: 'handler failed', command: 'post', discordCode: 50013, httpStatus: 403 });
    expect(JSON.stringify(logged?.err)).toContain('Missing Permissions');
  });

  it('a reply after the window is refused with 10062; the router logs it and keeps running', async () => {
    let open = () => {};
    release = new Promise((resolve) => (open = resolve));
    const running = new Promise<void>((resolve) => (started = resolve));
    const call = h.discord.interact({ type: 'command', name: 'late' });
    await running;
    h.discord.interactionTimeoutMs = 0; // the handler is now too late
    open();
    await expect.poll(() => call.callbacks().map((c) => c.errorCode)).toContain(10062);
    await expect.poll(() => h.logs.find((l) => l.msg === 'handler failed' && JSON.stringify(l.err).includes('Unknown interaction'))).toBeDefined();
    h.discord.interactionTimeoutMs = 3_000;
    const next = await h.discord.interact({ type: 'command', name: 'post' }).response();
    expect(next.data?.content).toBe('posted');
  });
});

describe('test Discord gateway protocol checks', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ commands: [] });
  });
  afterAll(async () => {
    await h?.close();
  });

  /** Opens a raw gateway connection and returns the first payload and the close code. */
  function connect(query: string, send?: (ws: WebSocket) => void): Promise<{ hello: unknown; code: number }> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`${h.discord.gatewayUrl}?${query}`);
      let hello: unknown;
      ws.on('message', (data) => {
        hello ??= JSON.parse(String(data));
        send?.(ws);
      });
      ws.on('close', (code) => resolve({ hello, code }));
      ws.on('error', reject);
    });
  }

  it('says HELLO, then closes with 4004 on IDENTIFY with a wrong token', async () => {
    const result = await connect('v=10&encoding=json', (ws) =>
      ws.send(JSON.stringify({ op: 2, d: { token: 'wrong', intents: 1, properties: {} } })),
    );
    expect(result.hello).toMatchObject({ op: 10, d: { heartbeat_interval: 45_000 } });
    expect(result.code).toBe(4004);
  });

  it('closes with 4012 for an API version other than 10', async () => {
    expect((await connect('v=9&encoding=json')).code).toBe(4012);
  });

  it('closes with 4003 for a payload before IDENTIFY', async () => {
    expect((await connect('v=10&encoding=json', (ws) => ws.send(JSON.stringify({ op: 3, d: {} })))).code).toBe(4003);
  });
});
