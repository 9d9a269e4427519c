/**
 * The fake Discord gateway (v10, JSON, no compression): HELLO, IDENTIFY → READY + GUILD_CREATE,
 * heartbeats, RESUME with replay, INVALID_SESSION, and test hooks to dispatch events or drop connections.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { GatewayOpcodes, type GatewayIdentifyData } from 'discord.js';

export const GATEWAY_PATH = '/gateway';

/** Close codes from https://discord.com/developers/docs/topics/opcodes-and-status-codes#gateway-close-event-codes */
export const GatewayClose = {
  UnknownOpcode: 4001,
  DecodeError: 4002,
  NotAuthenticated: 4003,
  AuthenticationFailed: 4004,
  AlreadyAuthenticated: 4005,
  InvalidApiVersion: 4012,
} as const;

export interface DispatchPayload {
  op: 0;
  t: string;
  s: number;
  d: unknown;
}

interface Session {
  id: string;
  seq: number;
  /** Everything dispatched in this session, for replay on RESUME. */
  sent: DispatchPayload[];
  socket: WebSocket | null;
  invalid: boolean;
}

export interface GatewayHooks {
  heartbeatIntervalMs: number;
  isValidToken(token: string): boolean;
  /** READY's data for a new session, then the GUILD_CREATE payloads that follow it. */
  onIdentify(sessionId: string, resumeUrl: string): { ready: unknown; guilds: unknown[] };
}

interface GatewayMessage {
  op: number;
  d: unknown;
}

export class Gateway {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<string, Session>();
  private readonly waiters: Array<() => void> = [];
  /** Every IDENTIFY payload received (token included), for asserting intents and properties. */
  readonly identifies: GatewayIdentifyData[] = [];
  /** Connection query strings, e.g. `{ v: '10', encoding: 'json' }`. */
  readonly connections: Array<Record<string, string>> = [];
  resumes = 0;
  heartbeats = 0;
  private url = '';

  constructor(private readonly hooks: GatewayHooks) {}

  setUrl(url: string): void {
    this.url = url;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== GATEWAY_PATH) {
      socket.destroy();
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, url.searchParams));
  }

  /**
   * Sends an event to every session that is live or can resume (a disconnected session gets it on
   * RESUME, as Discord replays missed events). Returns how many sessions will receive it.
   */
  dispatch(event: string, data: unknown): number {
    let count = 0;
    for (const session of this.sessions.values()) {
      if (session.invalid) continue;
      this.send(session, event, data);
      count += 1;
    }
    return count;
  }

  /** Resolves once a session is live (after READY was sent). */
  waitForSession(): Promise<void> {
    if (this.liveSessions() > 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  liveSessions(): number {
    return [...this.sessions.values()].filter((s) => s.socket && !s.invalid).length;
  }

  /** Drops every connection with `code`; sessions stay resumable unless `invalidate`. */
  disconnect(code = 4000, invalidate = false): void {
    for (const session of this.sessions.values()) {
      if (invalidate) session.invalid = true;
      session.socket?.close(code, 'test disconnect');
      session.socket = null;
    }
  }

  /** Sends op 9 INVALID_SESSION to every live session. */
  invalidateSessions(resumable: boolean): void {
    for (const session of this.sessions.values()) {
      if (!session.socket) continue;
      if (!resumable) session.invalid = true;
      session.socket.send(JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: resumable }));
    }
  }

  /** Sends op 7 RECONNECT: the client should reconnect and resume. */
  requestReconnect(): void {
    for (const session of this.sessions.values()) {
      session.socket?.send(JSON.stringify({ op: GatewayOpcodes.Reconnect, d: null }));
    }
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private onConnection(ws: WebSocket, query: URLSearchParams): void {
    this.connections.push(Object.fromEntries(query));
    if (query.get('v') !== '10' || query.get('encoding') !== 'json') {
      ws.close(GatewayClose.InvalidApiVersion, 'Invalid API version');
      return;
    }
    let session: Session | null = null;
    ws.send(JSON.stringify({ op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.hooks.heartbeatIntervalMs } }));

    ws.on('message', (raw, isBinary) => {
      let message: GatewayMessage;
      try {
        if (isBinary) throw new Error('binary frames are not supported');
        message = JSON.parse(String(raw)) as GatewayMessage;
      } catch {
        ws.close(GatewayClose.DecodeError, 'Error while decoding payload.');
        return;
      }
      switch (message.op) {
        case GatewayOpcodes.Heartbeat:
          this.heartbeats += 1;
          ws.send(JSON.stringify({ op: GatewayOpcodes.HeartbeatAck }));
          return;
        case GatewayOpcodes.Identify: {
          if (session) return ws.close(GatewayClose.AlreadyAuthenticated, 'Already authenticated.');
          const data = message.d as GatewayIdentifyData;
          if (!this.hooks.isValidToken(data.token)) return ws.close(GatewayClose.AuthenticationFailed, 'Authentication failed.');
          this.identifies.push(data);
          session = this.startSession(ws);
          return;
        }
        case GatewayOpcodes.Resume: {
          if (session) return ws.close(GatewayClose.AlreadyAuthenticated, 'Already authenticated.');
          const data = message.d as { token: string; session_id: string; seq: number };
          if (!this.hooks.isValidToken(data.token)) return ws.close(GatewayClose.AuthenticationFailed, 'Authentication failed.');
          const resumed = this.sessions.get(data.session_id);
          if (!resumed || resumed.invalid) {
            ws.send(JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: false }));
            return;
          }
          this.resumes += 1;
          session = resumed;
          resumed.socket?.close(4000, 'resumed elsewhere');
          resumed.socket = ws;
          for (const missed of resumed.sent.filter((p) => p.s > data.seq)) ws.send(JSON.stringify(missed));
          this.send(resumed, 'RESUMED', {});
          this.notifyWaiters();
          return;
        }
        case GatewayOpcodes.PresenceUpdate:
        case GatewayOpcodes.VoiceStateUpdate:
        case GatewayOpcodes.RequestGuildMembers:
          if (!session) ws.close(GatewayClose.NotAuthenticated, 'Not authenticated.');
          return; // accepted and ignored
        default:
          ws.close(GatewayClose.UnknownOpcode, 'Unknown opcode.');
      }
    });

    ws.on('close', (code) => {
      if (session?.socket !== ws) return;
      session.socket = null;
      // A client closing normally ends its session; any other code leaves it resumable.
      if (code === 1000 || code === 1001) session.invalid = true;
    });
  }

  private startSession(ws: WebSocket): Session {
    const session: Session = { id: randomBytes(16).toString('hex'), seq: 0, sent: [], socket: ws, invalid: false };
    this.sessions.set(session.id, session);
    const { ready, guilds } = this.hooks.onIdentify(session.id, this.url);
    this.send(session, 'READY', ready);
    for (const guild of guilds) this.send(session, 'GUILD_CREATE', guild);
    this.notifyWaiters();
    return session;
  }

  private send(session: Session, event: string, data: unknown): void {
    session.seq += 1;
    const payload: DispatchPayload = { op: 0, t: event, s: session.seq, d: data };
    session.sent.push(payload);
    session.socket?.send(JSON.stringify(payload));
  }

  private notifyWaiters(): void {
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}
