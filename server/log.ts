// The server's logger: pino, one per server, created at start (main.ts, or a test) and handed down —
// to the engines through the registry, to the features through their start parts, to the HTTP
// middleware through AppDeps. There is no module-level logger: two servers in one process log
// through their own. Child loggers carry `hall`, `feature`, `stream` and, per request, `reqId`.
//
// Personal data stays out of the log (shared/design.md): request bodies and headers are never
// logged, query values that name a person are masked, and `redact` removes visitor details from
// anything passed in an object by mistake.
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

/** Paths pino replaces with "[redacted]" wherever a log call passes them. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'body',
  'req.body',
  'visitor',
  '*.visitor',
  'phone',
  '*.phone',
  'idNumber',
  '*.idNumber',
  'idHash',
  '*.idHash',
];

export interface LoggerSetup {
  /** trace | debug | info | warn | error | fatal | silent (default info). */
  level?: string;
  /** Where the JSON lines go (default stdout); tests pass a stream they read. */
  destination?: DestinationStream;
}

const LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']);

export function createLogger(setup: LoggerSetup = {}): Logger {
  const level = setup.level && LEVELS.has(setup.level) ? setup.level : 'info';
  const options: LoggerOptions = {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  };
  return setup.destination ? pino(options, setup.destination) : pino(options);
}

/**
 * The logger of a server process (main.ts): level from LOG_LEVEL; JSON lines, or pino-pretty when a
 * person watches the terminal outside production. pino-pretty is a devDependency, so production and
 * an install without it fall back to JSON lines.
 */
export async function processLogger(env: { LOG_LEVEL?: string; NODE_ENV?: string }): Promise<Logger> {
  if (process.stdout.isTTY && env.NODE_ENV !== 'production') {
    try {
      const { default: pretty } = await import('pino-pretty');
      return createLogger({ level: env.LOG_LEVEL, destination: pretty({ colorize: true, ignore: 'pid,hostname' }) });
    } catch {
      // No pino-pretty (a production install): JSON lines are as good, only less pleasant to read.
    }
  }
  return createLogger({ level: env.LOG_LEVEL });
}

/**
 * For a part constructed without a logger (a unit test of one class, a tool): warnings and errors
 * to stderr, so a failure is never silent. A new one per call: nothing shared between servers.
 */
export function fallbackLogger(): Logger {
  return createLogger({ level: 'warn', destination: process.stderr });
}

const PERSONAL_QUERY = /^(phone|mobile|name|company|idnumber|id_number|visitor.*|code)$/i;

/** A URL as logged: the values of query parameters that name a person are replaced by "*". */
export function loggableUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const parts = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // A broken escape: the name is tested as sent.
      }
      return eq >= 0 && PERSONAL_QUERY.test(decoded) ? `${name}=*` : pair;
    });
  return `${url.slice(0, q)}?${parts.join('&')}`;
}
