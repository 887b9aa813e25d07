// A visitor's ID number is validated and turned into what the log may keep before any command is
// decided: a keyed hash (HMAC-SHA256 with ID_HASH_KEY) to find the visitor's dealings again, and the
// masked form (1101**********1234) to show. The plain number never reaches an event, so a stolen
// database file does not expose it.
import { createHmac } from 'node:crypto';
import { checkResidentId, localDate, maskIdNumber } from '../domain/resident-id.ts';
import type { Visitor } from '../domain/types.ts';
import { ApiError } from './errors.ts';

/** The key when ID_HASH_KEY is not set (demo): guessable, so production refuses to start without it. */
export const idHashKeyOf = (env: Record<string, string | undefined>) => env.ID_HASH_KEY ?? 'onewindow:id-number';

export function hashIdNumber(key: string, idNumber: string): string {
  return createHmac('sha256', key).update(idNumber.trim().toUpperCase()).digest('base64url');
}

/** 400 `id_number_invalid` with the reason (format, region, birth_date, check_digit, also in the body's `reason`) and a Chinese message. */
export function validIdNumber(raw: string, now: Date, timeZone: string): { idNumber: string; birthDate: string } {
  const r = checkResidentId(raw, localDate(now, timeZone));
  if (!r.ok) throw new ApiError(400, 'id_number_invalid', `${r.message}（${r.reason}）`, undefined, r.reason);
  return r;
}

/** The visitor as the log keeps it: `idNumber` masked, `idHash` for lookup. */
export function protectVisitor(visitor: Visitor | undefined, key: string, now: Date, timeZone: string): Visitor | undefined {
  if (!visitor?.idNumber) return visitor;
  const { idNumber } = validIdNumber(visitor.idNumber, now, timeZone);
  return { ...visitor, idNumber: maskIdNumber(idNumber), idHash: hashIdNumber(key, idNumber) };
}
