// Validates input against a zod schema; a mismatch is a 400 naming the field and the problem. A
// field that people type (a phone, an ID number, a booking or SMS code) gets a code of its own, so a
// page can say in Chinese which box to correct; any other mismatch is `invalid_request`.
import type { z } from 'zod';
import { ApiError } from './errors.ts';

/**
 * The code of a mismatch in a field of this name, wherever it is (`phone`, `visitor.phone`). Stable:
 * pages switch on these (displays/logic/error-text.ts). A route adds its own for a name that means
 * something else elsewhere (`code`: a booking code at check-in, an SMS code at confirm).
 */
export const FIELD_CODES = {
  phone: 'phone_invalid',
  idNumber: 'id_number_invalid',
  bookingCode: 'booking_code_invalid',
  smsCode: 'sms_code_invalid',
} as const satisfies Record<string, string>;

/** The field names (last path element) a route gives a code of its own, over FIELD_CODES. */
export type FieldCodes = Readonly<Record<string, (typeof FIELD_CODES)[keyof typeof FIELD_CODES]>>;

/** `field` names a lone value (a query or path parameter); `codes` are the route's own field codes. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, field?: string, codes: FieldCodes = {}): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const first = result.error.issues[0]!;
  const path = [...(field ? [field] : []), ...first.path].map(String);
  const where = path.length ? `${path.join('.')}: ` : '';
  const last = path.at(-1) ?? '';
  const code = codes[last] ?? (FIELD_CODES as Record<string, string>)[last] ?? 'invalid_request';
  throw new ApiError(400, code, `${where}${first.message}`, path.length ? path.join('.') : undefined);
}
