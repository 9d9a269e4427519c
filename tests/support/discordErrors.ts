/** Discord's JSON error codes and messages, as the real API returns them (https://discord.com/developers/docs/topics/opcodes-and-status-codes). */
export const DISCORD_ERRORS = {
  10003: { status: 404, message: 'Unknown Channel' },
  10004: { status: 404, message: 'Unknown Guild' },
  10007: { status: 404, message: 'Unknown Member' },
  10008: { status: 404, message: 'Unknown Message' },
  10015: { status: 404, message: 'Unknown Webhook' },
  10062: { status: 404, message: 'Unknown interaction' },
  40060: { status: 400, message: 'Interaction has already been acknowledged.' },
  50001: { status: 403, message: 'Missing Access' },
  50008: { status: 400, message: 'Cannot send messages in a non-text channel' },
  50013: { status: 403, message: 'Missing Permissions' },
  50035: { status: 400, message: 'Invalid Form Body' },
} as const satisfies Record<number, { status: number; message: string }>;

export type DiscordErrorCode = keyof typeof DISCORD_ERRORS;

/** The body Discord sends with an error status. */
export interface DiscordErrorBody {
  message: string;
  code: number;
  errors?: unknown;
  retry_after?: number;
  global?: boolean;
}

/** An error response: status plus Discord's `{ message, code }` body. */
export interface ErrorResponse {
  status: number;
  body: DiscordErrorBody;
  headers?: Record<string, string>;
}

export function discordError(code: DiscordErrorCode, errors?: unknown): ErrorResponse {
  const { status, message } = DISCORD_ERRORS[code];
  return { status, body: errors === undefined ? { message, code } : { message, code, errors } };
}

/** Plain HTTP errors carry code 0 and the status text, e.g. `404: Not Found`. */
export function httpError(status: number): ErrorResponse {
  const text: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
    500: 'Internal Server Error',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
    504: 'Gateway Timeout',
  };
  return { status, body: { message: `${status}: ${text[status] ?? 'Error'}`, code: 0 } };
}

/** A 429 with the body and headers Discord sends, so discord.js's REST client waits `retryAfterSeconds` and retries. */
export function rateLimited(retryAfterSeconds: number, global = false): ErrorResponse {
  const headers: Record<string, string> = {
    'retry-after': String(retryAfterSeconds),
    'x-ratelimit-limit': '5',
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset-after': String(retryAfterSeconds),
    'x-ratelimit-bucket': 'test-bucket',
    'x-ratelimit-scope': global ? 'global' : 'user',
  };
  if (global) headers['x-ratelimit-global'] = 'true';
  return { status: 429, body: { message: 'You are being rate limited.', code: 0, retry_after: retryAfterSeconds, global }, headers };
}
