// A real pino logger (the server's createLogger, redaction included) whose JSON lines land in memory,
// so a test can read what the server logged: levels, request ids, and that no personal data is there.
import { createLogger, type Logger } from '../../server/log.ts';

export interface LogLine {
  level: number;
  msg?: string;
  reqId?: string;
  hall?: string;
  feature?: string;
  stream?: string;
  err?: { message?: string; stack?: string; type?: string };
  [field: string]: unknown;
}

export const LEVEL = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 } as const;

export interface CapturedLog {
  logger: Logger;
  /** Every line so far, parsed. */
  lines(): LogLine[];
  /** Everything written so far, as written. */
  text(): string;
  /**
   * The first line matching, once logged. Access lines are written when the response finishes,
   * which may be just after the client has read it; ava's timeout bounds the wait.
   */
  waitFor(match: (l: LogLine) => boolean): Promise<LogLine>;
}

export function captureLog(level = 'trace'): CapturedLog {
  const chunks: string[] = [];
  // pino writes each line synchronously to this destination: nothing to flush or wait for.
  const logger = createLogger({ level, destination: { write: (s: string) => void chunks.push(s) } });
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as LogLine);
  return {
    logger,
    text: () => chunks.join(''),
    lines,
    async waitFor(match) {
      for (;;) {
        const line = lines().find(match);
        if (line) return line;
        await new Promise((r) => setTimeout(r, 10));
      }
    },
  };
}
