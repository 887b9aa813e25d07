// The hall configuration schema: what config/*.yaml may hold. Validated once at start;
// the domain works on the inferred types.
import { z } from 'zod';
import { appointmentsSchema } from '../appointments/config.ts';
import { notificationsSchema } from '../notifications/config.ts';
import { ratingsSchema } from '../ratings/config.ts';
import { workingCalendarSchema } from '../domain/working-days.ts';

export const LANES = ['green', 'appointment', 'elderly', 'normal'] as const;
export const laneSchema = z.enum(LANES);
export type Lane = z.infer<typeof laneSchema>;

const id = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'ids are 1-32 letters, digits, _ or -');
const text = z.object({ zh: z.string().min(1), en: z.string().min(1) });
export type BilingualText = z.infer<typeof text>;

const material = z.object({
  zh: z.string().min(1),
  en: z.string().min(1),
  copies: z.number().int().min(0).optional(),
  original: z.boolean().optional(),
});

export const serviceSchema = z.object({
  id,
  prefix: z.string().regex(/^[A-Z]$/, 'a prefix is one capital letter'),
  name: text,
  targetWaitMinutes: z.number().positive(),
  /** Typical minutes at the window; seeds the wait estimate before real figures exist. */
  avgServiceMinutes: z.number().positive().default(8),
  materials: z.array(material).default([]),
});
export type ServiceConfig = z.infer<typeof serviceSchema>;

export const windowSchema = z.object({
  id,
  /** The number people hear and see: "请到 3 号窗口". */
  number: z.number().int().positive(),
  name: text,
  services: z.array(id).min(1),
  /** Lanes this window takes; all lanes when absent. */
  lanes: z.array(laneSchema).optional(),
  /** A window that prefers one lane (the elderly window) and falls back to others when none wait. */
  prefersLane: laneSchema.optional(),
  /** Windows start each service day open unless set false. */
  openAtStart: z.boolean().default(true),
});
export type WindowConfig = z.infer<typeof windowSchema>;

export const policySchema = z.object({
  /** At most this many elderly calls in a row at one window while normal tickets wait. */
  elderlyStreakMax: z.number().int().min(1).default(2),
  /** A ticket that has waited this long is called before any lane rule. */
  maxWaitMinutes: z.number().positive().default(60),
  /** A no-show may be reactivated within this many minutes and goes back to the front. */
  noShowGraceMinutes: z.number().min(0).default(30),
  /** Next does not finish a ticket called (or recalled) less than this many seconds ago and not yet
   * started: a double press of the keypad calls one visitor, and nobody unserved is counted as done. */
  nextGuardSeconds: z.number().min(0).default(5),
  /** A visitor this old or older by the ID card read at the kiosk gets the elderly lane (the hall's time zone). */
  elderlyAge: z.number().int().min(50).max(100).default(70),
});
export type LanePolicy = z.infer<typeof policySchema>;

/** Call announcements (voice/). Templates use {number} and {window}; see voice/templates.ts. */
export const voiceSchema = z.object({
  /** Languages in play order. */
  languages: z.array(z.string().min(2)).min(1).default(['zh', 'en']),
  /** Call phrase per language; the built-in default for a language when absent. */
  templates: z.record(z.string(), z.string().min(1)).default({}),
  /** Recall phrase per language; the call phrase when absent. */
  recallTemplates: z.record(z.string(), z.string().min(1)).default({}),
  /** How many times each announcement is spoken. */
  repeat: z.number().int().min(1).max(5).default(2),
  /** Digit 1 in Chinese numbers: 一 (yi, the common form in halls) or 幺 (yao). */
  zhDigitOne: z.enum(['yi', 'yao']).default('yi'),
});
export type VoiceConfig = z.infer<typeof voiceSchema>;

/** A ticket printer at a desk or kiosk (ticket-printer/). */
export const printerSchema = z.object({
  id,
  /** tcp://host:port; a printer without url is known but not connected (ONEWINDOW_PRINTER may set it). */
  url: z.string().regex(/^tcp:\/\/[^/:]+(:\d+)?\/?$/, 'a printer url is tcp://host:port').optional(),
  /** The desk that prints here: a token's `desk`, or its role (triage, kiosk). */
  desk: id,
  /** Characters per line in font A: 48 on 80 mm paper, 32 on 58 mm. */
  width: z.number().int().min(24).max(64).default(48),
});
export type PrinterConfig = z.infer<typeof printerSchema>;

/** A text LED bar above a window, driven over TCP by displays/led-bar/. */
export const ledBarSchema = z.object({
  window: id,
  /** tcp://host:port of the bar's controller. */
  url: z.string().regex(/^tcp:\/\/[^/:]+(:\d+)?\/?$/, 'an LED bar url is tcp://host:port'),
  /** Controller address on a shared line (0-255). */
  address: z.number().int().min(0).max(255).default(1),
});
export type LedBarConfig = z.infer<typeof ledBarSchema>;

export const hallSchema = z
  .object({
    id,
    name: text,
    timeZone: z.string().refine(isTimeZone, 'unknown IANA time zone'),
    notice: text.optional(),
    /** The hall's address, printed on the one-time notice (一次性告知单). */
    address: text.optional(),
    /** The supervision / complaints phone (监督电话) printed on the one-time notice. */
    supervisionPhone: z.string().regex(/^[0-9][0-9 -]{2,19}$/, 'a phone number is 3-20 digits, spaces or -').optional(),
    lanes: z.array(laneSchema).min(1).default([...LANES]),
    /** How long visitor data (name, phone, company, ID number) stays in the log; a nightly purge removes older (server/privacy/). */
    privacy: z.object({ visitorDataDays: z.number().int().min(1).max(3650) }).optional(),
    policy: policySchema.default({ elderlyStreakMax: 2, maxWaitMinutes: 60, noShowGraceMinutes: 30, nextGuardSeconds: 5, elderlyAge: 70 }),
    services: z.array(serviceSchema).min(1),
    windows: z.array(windowSchema).min(1),
    /** Public base URL used in ticket QR codes; the server's own address when absent. */
    publicUrl: z.string().url().optional(),
    voice: voiceSchema.default({ languages: ['zh', 'en'], templates: {}, recallTemplates: {}, repeat: 2, zhDigitOne: 'yi' }),
    printers: z.array(printerSchema).default([]),
    ledBars: z.array(ledBarSchema).default([]),
    /** Bookings (server/appointments/); a hall without it takes none. */
    appointments: appointmentsSchema.optional(),
    /** Messages to visitors and staff (server/notifications/); a hall without it sends none. */
    notifications: notificationsSchema.optional(),
    /** Ratings after service (server/ratings/); the defaults when absent. */
    ratings: ratingsSchema.optional(),
    /** Holidays and make-up working days (server/domain/working-days.ts): promised dates of applications. */
    calendar: workingCalendarSchema.optional(),
  })
  .superRefine((hall, ctx) => {
    unique(hall.services.map((s) => s.id), ['services'], 'service id', ctx);
    unique(hall.services.map((s) => s.prefix), ['services'], 'service prefix', ctx);
    unique(hall.windows.map((w) => w.id), ['windows'], 'window id', ctx);
    const serviceIds = new Set(hall.services.map((s) => s.id));
    hall.windows.forEach((w, i) =>
      w.services.forEach((s, j) => {
        if (!serviceIds.has(s)) ctx.addIssue({ code: 'custom', path: ['windows', i, 'services', j], message: `unknown service "${s}"` });
      }),
    );
  });
export type HallConfig = z.infer<typeof hallSchema>;

/** rater: the rating device (评价器) facing the visitor at a window; rates only that window's last finished ticket. */
export const ROLES = ['admin', 'triage', 'kiosk', 'clerk', 'display', 'approver', 'manager', 'rater'] as const;
export type Role = (typeof ROLES)[number];

export const tokenSchema = z.object({
  token: z.string().min(8),
  role: z.enum(ROLES),
  /** Hall the token belongs to; every hall when absent (admin) or the first hall (others). */
  hall: id.optional(),
  /** For clerks: the windows they may drive. */
  windows: z.array(id).optional(),
  name: z.string().optional(),
  /** For triage and kiosk tokens: the desk whose printer prints their tickets; the role when absent. */
  desk: id.optional(),
  /** For approvers (back office): the services whose assist requests they answer; every service when absent. */
  services: z.array(id).optional(),
});
export type TokenConfig = z.infer<typeof tokenSchema>;

export const deploymentSchema = z
  .object({
    halls: z.array(hallSchema).min(1),
    tokens: z.array(tokenSchema).default([]),
    /** The knowledge-base folder (one YAML file per service), relative to the hall file; `kb` beside it when absent. */
    kb: z.string().min(1).optional(),
  })
  .superRefine((dep, ctx) => {
    unique(dep.halls.map((h) => h.id), ['halls'], 'hall id', ctx);
    unique(dep.tokens.map((t) => t.token), ['tokens'], 'token', ctx);
    dep.tokens.forEach((t, i) => {
      if (t.role === 'clerk' && !t.windows?.length)
        ctx.addIssue({ code: 'custom', path: ['tokens', i, 'windows'], message: 'a clerk token names its windows' });
      if (t.role === 'rater' && !t.windows?.length)
        ctx.addIssue({ code: 'custom', path: ['tokens', i, 'windows'], message: 'a rater token (rating device) names its window' });
      if (t.hall && !dep.halls.some((h) => h.id === t.hall))
        ctx.addIssue({ code: 'custom', path: ['tokens', i, 'hall'], message: `unknown hall "${t.hall}"` });
    });
  });
/** kbDir: set by the loader (not written in the file), the knowledge-base folder resolved against the hall file. */
export type DeploymentConfig = z.infer<typeof deploymentSchema> & { kbDir?: string };

function unique(values: string[], path: (string | number)[], what: string, ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  values.forEach((v, i) => {
    if (seen.has(v)) ctx.addIssue({ code: 'custom', path: [...path, i], message: `duplicate ${what} "${v}"` });
    seen.add(v);
  });
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
