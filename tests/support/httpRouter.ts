/**
 * A small HTTP router for the fake Discord REST API: route patterns with `:params`, JSON and
 * multipart bodies, bot-token auth, Discord-shaped errors, a request log and failure injection.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { httpError, rateLimited, discordError, type DiscordErrorCode, type ErrorResponse } from './discordErrors.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface UploadedFile {
  field: string;
  name: string;
  size: number;
  contentType: string;
}

export interface RestRequest {
  method: Method;
  /** Path below the versioned API root, e.g. `/channels/123/messages`. */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** Parsed JSON body (or `payload_json` of a multipart body); undefined when there was none. */
  body: unknown;
  files: UploadedFile[];
}

export interface RestResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (req: RestRequest) => RestResponse | Promise<RestResponse>;

interface Route {
  method: Method;
  pattern: string;
  regex: RegExp;
  keys: string[];
  /** 'bot': needs `Authorization: Bot <token>`; 'none': interaction/webhook routes, authorised by their token in the path. */
  auth: 'bot' | 'none';
  handler: Handler;
}

export interface LoggedRequest {
  method: Method;
  path: string;
  /** The matched route pattern, e.g. `/channels/:channelId/messages`; null for 404s. */
  route: string | null;
  query: Record<string, string>;
  body: unknown;
  status: number;
  authorized: boolean;
  at: number;
}

export interface FailureRule {
  method?: Method;
  /** A route pattern as registered (`/channels/:channelId/messages`) or a RegExp tested against the path. */
  path: string | RegExp;
  /** How many matching requests fail; default 1. */
  times?: number;
  status: number;
  /** Discord JSON error code; for 403/404 defaults to 50013 / 10003. */
  code?: DiscordErrorCode;
  /** For 429: seconds to wait (sent as Retry-After and retry_after). */
  retryAfter?: number;
  global?: boolean;
}

interface ActiveFailure extends FailureRule {
  remaining: number;
}

export interface HoldRule {
  method?: Method;
  /** As in FailureRule: a registered pattern or a RegExp over the path. */
  path: string | RegExp;
  /** 'before': the request waits before it is applied; 'after': it is applied, its response waits. */
  stage: 'before' | 'after';
  /** Only requests whose parsed body passes (e.g. the reveal edit, not a count edit). */
  match?: (body: unknown) => boolean;
}

export interface HoldHandle {
  /** Resolves when a matching request is being held. */
  reached: Promise<void>;
  release(): void;
  /** Resolves when the caller's connection closed while the request was held (e.g. the bot was killed). */
  callerGone: Promise<void>;
  /** Whether the held request was applied (false when the caller went away while held before). */
  applied(): boolean | undefined;
}

interface ActiveHold extends HoldRule {
  taken: boolean;
  onReach: () => void;
  onGone: () => void;
  released: Promise<void>;
  result?: boolean;
}

const API_PREFIX = '/api/v10';

function compile(pattern: string): { regex: RegExp; keys: string[] } {
  const keys: string[] = [];
  const source = pattern
    .split('/')
    .map((part) => {
      if (part.startsWith(':')) {
        keys.push(part.slice(1));
        return '([^/]+)';
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { regex: new RegExp(`^${source}$`), keys };
}

function failureResponse(rule: FailureRule): ErrorResponse {
  if (rule.status === 429) return rateLimited(rule.retryAfter ?? 0.05, rule.global);
  if (rule.code !== undefined) return discordError(rule.code);
  if (rule.status === 403) return discordError(50013);
  if (rule.status === 404) return discordError(10003);
  return httpError(rule.status);
}

export class HttpRouter {
  private readonly routes: Route[] = [];
  private readonly failures: ActiveFailure[] = [];
  private readonly holds: ActiveHold[] = [];
  readonly log: LoggedRequest[] = [];

  constructor(private readonly isValidToken: (token: string) => boolean) {}

  on(method: Method, pattern: string, handler: Handler, auth: 'bot' | 'none' = 'bot'): void {
    this.routes.push({ method, pattern, auth, handler, ...compile(pattern) });
  }

  /** The next `times` requests matching the rule get the error instead of reaching the route. */
  failNext(rule: FailureRule): void {
    this.failures.push({ ...rule, remaining: rule.times ?? 1 });
  }

  clearFailures(): void {
    this.failures.length = 0;
  }

  hold(rule: HoldRule): HoldHandle {
    let onReach = () => {};
    const reached = new Promise<void>((resolve) => (onReach = resolve));
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    let onGone = () => {};
    const callerGone = new Promise<void>((resolve) => (onGone = resolve));
    const hold: ActiveHold = { ...rule, taken: false, onReach, onGone, released };
    this.holds.push(hold);
    return { reached, release, callerGone, applied: () => hold.result };
  }

  private takeHold(method: Method, path: string, pattern: string, body: unknown): ActiveHold | undefined {
    const hold = this.holds.find(
      (h) =>
        !h.taken &&
        (h.method === undefined || h.method === method) &&
        (typeof h.path === 'string' ? h.path === pattern || h.path === path : h.path.test(path)) &&
        (h.match === undefined || h.match(body)),
    );
    if (hold) hold.taken = true;
    return hold;
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase() as Method;
    const raw = await readBody(req);
    const entry: LoggedRequest = {
      method,
      path: url.pathname,
      route: null,
      query: Object.fromEntries(url.searchParams),
      body: undefined,
      status: 0,
      authorized: false,
      at: Date.now(),
    };
    this.log.push(entry);

    const reply = (response: RestResponse) => {
      entry.status = response.status;
      const headers: Record<string, string> = { ...response.headers };
      if (response.body === undefined) {
        res.writeHead(response.status, headers).end();
        return;
      }
      headers['content-type'] = 'application/json';
      res.writeHead(response.status, headers).end(JSON.stringify(response.body));
    };

    if (!url.pathname.startsWith(`${API_PREFIX}/`)) return reply(httpError(404));
    const path = url.pathname.slice(API_PREFIX.length);
    entry.path = path;

    let parsed: { body: unknown; files: UploadedFile[] };
    try {
      parsed = await parseBody(raw, req.headers['content-type']);
    } catch {
      return reply(discordError(50035, { _errors: [{ code: 'MODEL_TYPE_CONVERT', message: 'Invalid JSON body' }] }));
    }
    entry.body = parsed.body;

    const candidates = this.routes.filter((r) => r.regex.test(path));
    if (candidates.length === 0) return reply(httpError(404));
    const route = candidates.find((r) => r.method === method);
    if (!route) return reply(httpError(405));
    entry.route = route.pattern;

    const auth = req.headers.authorization ?? '';
    entry.authorized = auth.startsWith('Bot ') && this.isValidToken(auth.slice(4));
    if (route.auth === 'bot' && !entry.authorized) return reply(httpError(401));

    const failure = this.takeFailure(method, path, route.pattern);
    if (failure) return reply(failureResponse(failure));

    const match = route.regex.exec(path);
    const params: Record<string, string> = {};
    route.keys.forEach((key, i) => {
      params[key] = decodeURIComponent(match?.[i + 1] ?? '');
    });
    const hold = this.takeHold(method, path, route.pattern, parsed.body);
    let gone = false;
    res.once('close', () => {
      gone = !res.writableEnded;
      if (gone) hold?.onGone();
    });
    if (hold?.stage === 'before') {
      hold.onReach();
      await hold.released;
      hold.result = !gone;
      // The caller went away while held: the request never reached "Discord".
      if (gone) return;
    }
    try {
      const response = await route.handler({ method, path, params, query: url.searchParams, headers: req.headers, ...parsed });
      if (hold?.stage === 'after') {
        hold.result = true;
        hold.onReach();
        await hold.released;
        if (gone) return;
      }
      reply(response);
    } catch (error) {
      // A bug in the fake server must show up in the test, not as a hang.
      reply({ status: 500, body: { message: `test server error: ${(error as Error).message}`, code: 0 } });
    }
  }

  private takeFailure(method: Method, path: string, pattern: string): ActiveFailure | undefined {
    const index = this.failures.findIndex(
      (f) =>
        (f.method === undefined || f.method === method) &&
        (typeof f.path === 'string' ? f.path === pattern || f.path === path : f.path.test(path)),
    );
    const failure = this.failures[index];
    if (!failure) return undefined;
    failure.remaining -= 1;
    if (failure.remaining <= 0) this.failures.splice(index, 1);
    return failure;
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** JSON as is; multipart/form-data (messages with files) as its `payload_json` plus the file parts. */
async function parseBody(raw: Buffer, contentType: string | undefined): Promise<{ body: unknown; files: UploadedFile[] }> {
  if (raw.length === 0) return { body: undefined, files: [] };
  if (contentType?.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    const files: UploadedFile[] = [];
    let body: unknown;
    for (const [field, value] of form) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = JSON.parse(value);
      } else {
        files.push({ field, name: value.name, size: value.size, contentType: value.type });
      }
    }
    return { body, files };
  }
  return { body: JSON.parse(raw.toString('utf8')), files: [] };
}
