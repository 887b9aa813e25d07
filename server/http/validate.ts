// Validates input against a zod schema; a mismatch is a 400 naming the field and the problem.
import type { z } from 'zod';
import { badRequest } from './errors.ts';

export function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const first = result.error.issues[0]!;
  const where = first.path.length ? `${first.path.join('.')}: ` : '';
  throw badRequest('invalid_request', `${where}${first.message}`);
}
