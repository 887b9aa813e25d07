// The record search's page cursor: where the next page starts (a day, and how many of that day's
// entries were already returned) and what the search remembered from the days before it, so a
// page reads only the days it returns. Opaque to clients (base64url JSON), checked when it comes back.
import { z } from 'zod';
import { dateSchema } from '../http/dates.ts';
import { badRequest } from '../http/errors.ts';
import type { RecordCarry } from './search.ts';

export interface RecordCursor {
  /** The day the next page starts on. */
  day: string;
  /** Entries of that day already returned. */
  skip: number;
  /** The search's memory at the start of that day. */
  carry: RecordCarry;
}

/** Longer than any honest cursor for one visitor's year; keeps a forged one from costing much. */
const MAX_CURSOR_CHARS = 8000;
const idKey = z.string().max(64);
const cursorSchema = z.object({
  day: dateSchema,
  skip: z.number().int().min(0).max(100_000),
  carry: z.object({
    bookings: z.array(z.tuple([idKey, z.object({ serviceId: z.string().max(64), code: z.string().max(16) })])).max(500),
    requests: z.array(z.tuple([idKey, z.object({ serviceId: z.string().max(64), ticketNumber: z.string().max(16), windowId: z.string().max(64) })])).max(500),
    cases: z.array(z.tuple([idKey, z.object({ number: z.string().max(32), services: z.array(z.string().max(64)).max(20) })])).max(500),
  }),
});

export function encodeCursor(c: RecordCursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

export function decodeCursor(text: unknown): RecordCursor {
  const bad = () => badRequest('invalid_cursor', 'cursor: not a cursor this search gave out');
  if (typeof text !== 'string' || text.length > MAX_CURSOR_CHARS || !/^[A-Za-z0-9_-]*$/.test(text)) throw bad();
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  const parsed = cursorSchema.safeParse(json);
  if (!parsed.success) throw bad();
  return parsed.data;
}
