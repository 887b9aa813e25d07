// Request bodies the API accepts. The OpenAPI document is generated from these same schemas.
import { z } from 'zod';
import { LANES, laneSchema, type Lane } from '../config/schema.ts';

/** What an id in a path or a body may look like (tested directly where a zod parse would be the cost of a lookup). */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;

const idParam = z.string().regex(ID_PATTERN, 'not a valid id');

export const visitorSchema = z.object({
  name: z.string().trim().min(1).max(50).optional(),
  phone: z.string().regex(/^\+?[0-9 -]{3,20}$/, 'a phone number is 3-20 digits').optional(),
  company: z.string().trim().min(1).max(100).optional(),
  idNumber: z.string().regex(/^[0-9A-Za-z]{6,20}$/, 'an ID number is 6-20 letters and digits').optional(),
});

export const issueTicketBody = z.object({
  service: idParam,
  lane: laneSchema.default('normal'),
  visitor: visitorSchema.optional(),
  /** Print the ticket at the issuing desk's printer. */
  print: z.boolean().optional(),
});

export type IssueTicketBody = z.infer<typeof issueTicketBody>;

const LANE_NAMES: ReadonlySet<unknown> = new Set(LANES);

/**
 * The body every kiosk and desk sends, `{ service, lane? }` with a valid id and lane, as
 * issueTicketBody parses it, checked by hand; undefined for anything else (zod then decides, with
 * its error). Zod's parse was ~0.7 % of an issue; test/http/issue-body.property.test.ts holds the
 * two side by side on random bodies.
 */
export function plainIssueBody(value: unknown): IssueTicketBody | undefined {
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return undefined;
  let keys = 0;
  for (const key in value) {
    if (key !== 'service' && key !== 'lane') return undefined;
    keys++;
  }
  const { service, lane } = value as { service?: unknown; lane?: unknown };
  if (typeof service !== 'string' || !ID_PATTERN.test(service)) return undefined;
  if (lane !== undefined && !LANE_NAMES.has(lane)) return undefined;
  // `for in` also walks inherited enumerable keys: only own ones, counted, are accepted.
  if (keys !== (lane === undefined ? 1 : 2) || !Object.hasOwn(value, 'service')) return undefined;
  return { service, lane: (lane as Lane | undefined) ?? 'normal' };
}

export const callTicketBody = z.object({ ticketId: idParam });

export const transferBody = z
  .object({ service: idParam.optional(), window: idParam.optional() })
  .refine((b) => b.service || b.window, 'name a service or a window to transfer to');

export const pauseBody = z.object({ reason: z.string().max(200).optional() });
export const cancelBody = z.object({ reason: z.string().max(200).optional() });

export const idParamSchema = idParam;
