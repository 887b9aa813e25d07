// Validates input against a zod schema; a mismatch is a 400 naming the field and the problem.
import type { z } from 'zod';
import { badRequest } from './errors.ts';

/** `field` names a lone value (a query parameter) in the message. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, field?: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const first = result.error.issues[0]!;
  const path = [...(field ? [field] : []), ...first.path];
  const where = path.length ? `${path.join('.')}: ` : '';
  throw badRequest('invalid_request', `${where}${first.message}`);
}
