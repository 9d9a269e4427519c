import pino, { type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stderr; anything token-shaped is redacted before it is written. */
export function createLogger(level = 'info', destination: pino.DestinationStream = pino.destination(2)): Logger {
  return pino(
    {
      level,
      redact: {
        paths: ['token', '*.token', 'config.DISCORD_TOKEN', 'DISCORD_TOKEN', 'headers.authorization', '*.headers.authorization'],
        censor: '[redacted]',
      },
      formatters: {
        log(object) {
          return scrubTokens(object) as Record<string, unknown>;
        },
      },
      hooks: {
        // Messages and interpolation arguments are not seen by the formatter; scrub them on the way in.
        logMethod(args, method) {
          method.apply(this, args.map((a) => scrubTokens(a)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}

const TOKEN_LIKE = /\b[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}\b/g;

/** Deep-replaces strings that look like bot tokens, so an error message that embeds one is safe to log. */
export function scrubTokens(value: unknown, depth = 0): unknown {
  if (depth > 6) return value;
  if (typeof value === 'string') return value.replace(TOKEN_LIKE, '[redacted]');
  if (value instanceof Error) {
    return { type: value.name, message: scrubTokens(value.message, depth + 1), stack: scrubTokens(value.stack, depth + 1) };
  }
  if (Array.isArray(value)) return value.map((v) => scrubTokens(v, depth + 1));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubTokens(v, depth + 1)]));
  }
  return value;
}

/** A logger that writes nothing, for tests and the CLI's quiet paths. */
export const silentLogger: Logger = pino({ level: 'silent' });
