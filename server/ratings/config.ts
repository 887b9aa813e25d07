// A hall's rating settings (the optional `ratings:` block of a hall file). A hall without it still
// takes ratings, with these defaults: every service is rated under the national 好差评 rules.
import { z } from 'zod';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD');
const reason = z.object({ id: z.string().regex(/^[a-z0-9_-]{1,32}$/, 'a reason id is 1-32 of a-z 0-9 _ -'), zh: z.string().min(1), en: z.string().min(1) });

export const DEFAULT_REASONS = [
  { id: 'wait', zh: '等候时间长', en: 'Long wait' },
  { id: 'attitude', zh: '服务态度差', en: 'Unfriendly service' },
  { id: 'materials', zh: '材料要求不清', en: 'Unclear about the papers needed' },
  { id: 'not_done', zh: '事情没办成', en: 'Not got done' },
  { id: 'process', zh: '流程繁琐', en: 'Too many steps' },
];

export const ratingsSchema = z.object({
  /** Hours after a ticket is finished during which it may be rated (device or status page). */
  windowHours: z.number().min(0.1).max(24 * 14).default(24),
  /** The reasons a visitor may tick (asked for 不满意 and 非常不满意). */
  reasons: z.array(reason).min(1).max(12).default(DEFAULT_REASONS),
  /** Working days the 办不成事 desk has to contact the visitor after a bad rating. */
  followUpWorkingDays: z.number().int().min(1).max(30).default(1),
  /** Today's satisfaction rate on the wall display. */
  showOnWall: z.boolean().default(false),
  /** Seconds the rating device shows its thanks (or waits for a tap) before going back to idle. */
  deviceIdleSeconds: z.number().int().min(3).max(600).default(30),
  /** Non-working days besides weekends, added to the appointments' holidays. */
  holidays: z.array(date).default([]),
  /** Official make-up working days (调休上班) that fall on a weekend. */
  workdays: z.array(date).default([]),
});
export type RatingsConfig = z.infer<typeof ratingsSchema>;

/** The settings in force: the hall's block, or the defaults. */
export function ratingsConfigOf(hall: { ratings?: RatingsConfig | undefined }): RatingsConfig {
  return hall.ratings ?? ratingsSchema.parse({});
}
