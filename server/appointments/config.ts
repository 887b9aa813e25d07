// A hall's appointment settings (the `appointments:` block of a hall file). Optional: a hall without
// it takes no bookings. Capacities are hall-wide, because their point is an uncrowded hall.
import { z } from 'zod';

const range = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, 'opening hours are "HH:MM-HH:MM"')
  .refine((r) => r.slice(0, 5) < r.slice(6), 'opening hours end after they start');

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** What a check-in outside the window gives: a normal-lane ticket, or a refusal. */
const outsideWindow = z.enum(['normal', 'refuse']);

/** How a booking made without a token is confirmed: at once, or by a code sent to the phone. */
const confirmationSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z.object({
    type: z.literal('sms'),
    /** The SMS gateway adapter: a JSON POST { phone, code, text } to this URL sends the code. */
    gatewayUrl: z.url(),
    /** Minutes a place is held for its code; an unconfirmed hold then frees the place. */
    holdMinutes: z.number().int().min(1).max(60).default(10),
    /** Wrong codes before the hold is released. */
    maxAttempts: z.number().int().min(1).max(10).default(5),
  }),
]);

/** Limits on the public (token-less) booking routes, counted per client address. */
const publicLimitsSchema = z
  .object({
    /** Requests to the public booking routes per address per window (book, confirm, cancel, look up). */
    requests: z.number().int().min(1).default(10),
    windowSeconds: z.number().int().min(1).default(60),
  })
  .default({ requests: 10, windowSeconds: 60 });

export const appointmentsSchema = z
  .object({
    slotMinutes: z.number().int().min(5).max(240).default(30),
    /** Opening hours per weekday, e.g. mon: ["09:00-12:00", "13:30-17:00"]; a missing day is closed. */
    hours: z.partialRecord(z.enum(WEEKDAYS), z.array(range)).default({}),
    /** Local dates the hall takes no bookings (YYYY-MM-DD). */
    holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a holiday is YYYY-MM-DD')).default([]),
    /** Bookings per slot, all services together. */
    capacityPerSlot: z.number().int().min(1),
    /** Bookings per local clock hour, all services together (the demo hall: 30). */
    capacityPerHour: z.number().int().min(1).optional(),
    /** Active bookings one phone may hold for one day. */
    perPhonePerDay: z.number().int().min(1).default(2),
    /** Places one client address may hold (booked, checked in or pending), counted on the day they were booked. */
    perAddressPerDay: z.number().int().min(1).default(3),
    publicLimits: publicLimitsSchema,
    confirmation: confirmationSchema.default({ type: 'none' }),
    /** How many days ahead a slot may be booked. */
    bookAheadDays: z.number().int().min(0).max(90).default(14),
    /** Services that take bookings; every service when absent. */
    services: z.array(z.string()).optional(),
    checkIn: z
      .object({
        /** Minutes before the slot start the check-in window opens. */
        earlyMinutes: z.number().int().min(0).default(30),
        /** Minutes after the slot start it closes. */
        lateMinutes: z.number().int().min(0).default(15),
        early: outsideWindow.default('normal'),
        late: outsideWindow.default('normal'),
      })
      .default({ earlyMinutes: 30, lateMinutes: 15, early: 'normal', late: 'normal' }),
    /** Walk-in (non-appointment, non-green) tickets per local hour; no cap when absent. */
    onSiteCapPerHour: z.number().int().min(1).optional(),
  })
  .superRefine((a, ctx) => {
    for (const [day, ranges] of Object.entries(a.hours))
      (ranges ?? []).forEach((r, i) => {
        const minutes = toMinutes(r.slice(6)) - toMinutes(r.slice(0, 5));
        if (minutes < a.slotMinutes)
          ctx.addIssue({ code: 'custom', path: ['hours', day, i], message: `shorter than one ${a.slotMinutes}-minute slot` });
      });
  });
export type AppointmentsConfig = z.infer<typeof appointmentsSchema>;

export function toMinutes(hm: string): number {
  return Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5));
}
