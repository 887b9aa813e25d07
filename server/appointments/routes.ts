// /api/appointments: book, see free slots, cancel with the code, check in at the kiosk or triage
// desk, and the day's figures. Visitors book without a token (from their phone); check-in needs a
// kiosk, triage or admin token. Name and phone are never echoed in full.
import type Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import { serviceDayOf } from '../domain/service-day.ts';
import { actorOf } from '../http/auth.ts';
import { readJson } from '../http/body.ts';
import type { AppDeps } from '../http/context.ts';
import { badRequest, notFound } from '../http/errors.ts';
import { idempotencyKeyOf } from '../http/idempotency.ts';
import { issuedView } from '../http/routes/tickets.ts';
import { parse } from '../http/validate.ts';
import { hashIdNumber, validIdNumber } from '../http/visitor-id.ts';
import { deskOf, printAt, type Printing } from '../../ticket-printer/hall-printing.ts';
import type { Ticket } from '../domain/types.ts';
import type { Appointments } from './appointments.ts';
import { toMinutes } from './config.ts';
import { checkInWindow } from './domain.ts';
import { BookingError } from './errors.ts';
import { localToEpoch } from './local-time.ts';
import { dateSchema, instantSchema, queryDate } from '../http/dates.ts';
import type { Booking } from './types.ts';

const phone = z.string().trim().regex(/^\+?[0-9]{5,20}$/, 'a phone number is 5-20 digits');
/** Public bookings take mainland China mobile numbers only (optionally +86), stored as 11 digits. */
const MAINLAND_MOBILE = /^(?:\+?86)?(1[3-9]\d{9})$/;
const serviceId = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'not a valid service id');
const date = dateSchema;

export const bookBody = z
  .object({
    service: serviceId,
    /** The slot start as epoch ms, or date + time in the hall's local time. */
    slotStart: instantSchema.optional(),
    date: date.optional(),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time is HH:MM').optional(),
    name: z.string().trim().min(1).max(50),
    phone: z.string().trim().max(20),
    /** Optional: lets the visitor check in with the ID card; kept only as a keyed hash. */
    idNumber: z.string().trim().max(20).optional(),
  })
  .refine((b) => b.slotStart !== undefined || (b.date && b.time), 'give slotStart, or date and time');

const codeSchema = z.string().trim().regex(/^[A-Za-z0-9]{8}$/, 'a booking code is 8 letters and digits');
const confirmBody = z.object({ code: z.string().trim().regex(/^\d{6}$/, 'the SMS code is 6 digits') });

export const checkInBody = z
  .object({ code: codeSchema.optional(), phone: phone.optional(), idNumber: z.string().trim().max(20).optional(), print: z.boolean().optional() })
  .refine((b) => b.code || b.phone || b.idNumber, 'give the booking code, the phone number or the ID number');

function mainlandMobile(p: string): string {
  const m = MAINLAND_MOBILE.exec(p.replace(/[\s-]/g, ''));
  if (!m) throw badRequest('phone_invalid', '请填写中国大陆手机号（11位，1开头）/ a mainland China mobile number: 11 digits starting with 13-19');
  return m[1]!;
}

/** A typed or read ID number, checked (400 id_number_invalid) and hashed: the booking keeps only the hash. */
function idHashOf(idNumber: string | undefined, a: Appointments, deps: AppDeps): { idHash?: string } {
  if (!idNumber) return {};
  const valid = validIdNumber(idNumber, new Date(a.stream.now()), a.hall.hall.timeZone);
  return { idHash: hashIdNumber(deps.idHashKey, valid.idNumber) };
}

/** The client address of a public request (ctx.ip: X-Forwarded-For is trusted, the app runs with proxy: true). */
function clientAddress(ctx: Context): string {
  return ctx.ip || 'unknown';
}

/** "138****5678": enough for the visitor to recognise, useless to anyone else. */
export function maskPhone(p: string): string {
  return p.length <= 7 ? p.slice(0, 2) + '***' : p.slice(0, 3) + '****' + p.slice(-4);
}

export function bookingView(a: Appointments, b: Booking) {
  const w = checkInWindow(a.config, b);
  return {
    code: b.code,
    service: b.serviceId,
    date: b.date,
    time: b.time,
    slotStart: b.slotStart,
    slotEnd: b.slotEnd,
    status: b.status,
    phone: maskPhone(b.phone),
    checkInOpensAt: w.opens,
    checkInClosesAt: w.closes,
    ...(b.arrival ? { arrival: b.arrival, lane: b.lane } : {}),
    ...(b.ticketNumber ? { ticketNumber: b.ticketNumber } : {}),
    ...(b.status === 'pending' ? { holdUntil: b.holdUntil, confirmBy: 'sms' } : {}),
  };
}

/** The checked-in ticket on the desk's printer, like an issued one (ticket-printer/). */
function printCheckedIn(ctx: Context, a: Appointments, ticket: Ticket, deps: AppDeps, printing: Printing | undefined) {
  const p = printing?.forHall(a.hall.hallId);
  if (!p) return { queued: false, reason: 'no_printer', message: 'printing is not set up on this server' };
  const desk = deskOf(ctx, deps.registry.deployment.tokens);
  return desk ? printAt(p, ticket, desk) : { queued: false, reason: 'no_printer', message: 'no desk for this token' };
}

/** Booking refusals keep their details (the next free slots) in the error body. */
async function withDetails(ctx: Context, fn: () => Promise<void>) {
  try {
    await fn();
  } catch (err) {
    if (!(err instanceof BookingError)) throw err;
    ctx.status = err.status;
    ctx.body = { error: { code: err.code, message: err.message, ...err.details } };
  }
}

type AppointmentsOf = (ctx: Context) => Appointments;

/** `printing` is the ticket-printer feature's, when it runs on this server (check-in prints the ticket). */
export function appointmentRoutes(of: AppointmentsOf, printing?: Printing) {
  return (router: Router, deps: AppDeps) => {
    // Order matters: /appointments/slots and /stats before /appointments/:code.
    dayRoutes(router, of);
    bookRoute(router, deps, of);
    checkInRoute(router, deps, of, printing);
    bookingRoutes(router, deps, of);
  };
}

/** A day's free slots (for one service or all) and the day's figures. */
function dayRoutes(router: Router, of: AppointmentsOf) {
  router.get('/appointments/slots', async (ctx) => {
    const a = of(ctx);
    const day = queryDate(ctx.query.date) ?? serviceDayOf(a.stream.now(), a.hall.hall.timeZone);
    const service = ctx.query.service === undefined ? undefined : parse(serviceId, ctx.query.service);
    if (service && !a.hall.hall.services.some((s) => s.id === service)) throw notFound('unknown_service', `no service "${service}"`);
    const bookable = !service || !a.config.services || a.config.services.includes(service);
    const slots = bookable ? await a.slots(day) : [];
    const now = a.stream.now();
    ctx.body = {
      date: day,
      service: service ?? null,
      bookable,
      slotMinutes: a.config.slotMinutes,
      capacityPerHour: a.config.capacityPerHour ?? null,
      // past: already started by the hall's clock (never bookable), told apart from a full one.
      slots: slots.map((s) => ({ start: s.start, end: s.end, time: s.time, booked: s.booked, capacity: s.capacity, available: s.available, past: s.start <= now })),
    };
  });

  router.get('/appointments/stats', async (ctx) => {
    const a = of(ctx);
    const day = queryDate(ctx.query.date) ?? serviceDayOf(a.stream.now(), a.hall.hall.timeZone);
    ctx.body = await a.stats(day);
  });
}

/** POST /appointments: book a slot, by a visitor (limited per address) or with a token. */
function bookRoute(router: Router, deps: AppDeps, of: AppointmentsOf) {
  router.post('/appointments', (ctx) =>
    withDetails(ctx, async () => {
      const a = of(ctx);
      const who = deps.auth.identify(ctx);
      // Without a token: limited per client address, and counted against its daily cap.
      const address = who ? undefined : clientAddress(ctx);
      if (address !== undefined) await a.limits.take(ctx, a.clientKey(address));
      const body = parse(bookBody, await readJson(ctx));
      const tz = a.hall.hall.timeZone;
      const slotStart = body.slotStart ?? localToEpoch(body.date!, toMinutes(body.time!), tz);
      const booking = await a.book(
        { serviceId: body.service, slotStart, name: body.name, phone: mainlandMobile(body.phone), ...idHashOf(body.idNumber, a, deps) },
        who ? actorOf(who) : { role: 'visitor' },
        address,
      );
      ctx.status = 201;
      ctx.body = bookingView(a, booking);
    }),
  );
}

/** POST /appointments/check-in at the kiosk or triage desk: issues the ticket, and prints it when asked. */
function checkInRoute(router: Router, deps: AppDeps, of: AppointmentsOf, printing: Printing | undefined) {
  router.post('/appointments/check-in', (ctx) =>
    withDetails(ctx, async () => {
      const a = of(ctx);
      const who = deps.auth.require(ctx, a.hall.hallId, ['kiosk', 'triage', 'admin']);
      const body = parse(checkInBody, await readJson(ctx), undefined, { code: 'booking_code_invalid' });
      const key = idempotencyKeyOf(ctx);
      const { booking, ticket } = await a.checkIn({ code: body.code?.toUpperCase(), phone: body.phone, ...idHashOf(body.idNumber, a, deps) }, actorOf(who), who.name, key);
      ctx.status = 201;
      ctx.body = {
        booking: bookingView(a, booking),
        ticket: issuedView(a.hall, ticket, deps),
        ...(body.print ? { print: printCheckedIn(ctx, a, ticket, deps, printing) } : {}),
      };
    }),
  );
}

/** One booking by its code: look it up, cancel it, confirm it with the SMS code (limited like booking without a token). */
function bookingRoutes(router: Router, deps: AppDeps, of: AppointmentsOf) {
  router.get('/appointments/:code', async (ctx) => {
    const a = of(ctx);
    // Limited like booking: codes must not be guessed by trying many.
    if (!deps.auth.identify(ctx)) await a.limits.take(ctx, a.clientKey(clientAddress(ctx)));
    const booking = await a.byCode(parse(codeSchema, ctx.params.code, 'bookingCode').toUpperCase());
    if (!booking) throw notFound('unknown_booking', 'no booking with that code');
    ctx.body = bookingView(a, booking);
  });

  router.post('/appointments/:code/cancel', (ctx) =>
    withDetails(ctx, async () => {
      const a = of(ctx);
      const who = deps.auth.identify(ctx);
      if (!who) await a.limits.take(ctx, a.clientKey(clientAddress(ctx)));
      const code = parse(codeSchema, ctx.params.code, 'bookingCode');
      const booking = await a.cancel(code, who ? actorOf(who) : { role: 'visitor' });
      ctx.body = bookingView(a, booking);
    }),
  );

  router.post('/appointments/:code/confirm', (ctx) =>
    withDetails(ctx, async () => {
      const a = of(ctx);
      const who = deps.auth.identify(ctx);
      if (!who) await a.limits.take(ctx, a.clientKey(clientAddress(ctx)));
      const code = parse(codeSchema, ctx.params.code, 'bookingCode').toUpperCase();
      const body = parse(confirmBody, await readJson(ctx), undefined, { code: 'sms_code_invalid' });
      const booking = await a.confirm(code, body.code, who ? actorOf(who) : { role: 'visitor' });
      ctx.body = bookingView(a, booking);
    }),
  );
}
