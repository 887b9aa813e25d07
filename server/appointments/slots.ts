// Which slots a day has and how full they are. Pure: the hall's settings, the bookings and a clock in.
import { serviceDayOf } from '../domain/service-day.ts';
import { WEEKDAYS, toMinutes, type AppointmentsConfig } from './config.ts';
import { addDays, localClock, localToEpoch, weekdayOf } from './local-time.ts';
import type { BookingState } from './types.ts';

export interface Slot {
  start: number;
  end: number;
  /** Local "HH:MM" of the start. */
  time: string;
  date: string;
}

export interface SlotAvailability extends Slot {
  booked: number;
  capacity: number;
  /** Places left: the slot's own and its hour's, whichever is less; 0 for a past slot. */
  available: number;
}

/** Every slot of a local date; none on a holiday or a closed weekday. */
export function slotsOfDay(cfg: AppointmentsConfig, date: string, timeZone: string): Slot[] {
  if (cfg.holidays.includes(date)) return [];
  const ranges = cfg.hours[WEEKDAYS[weekdayOf(date)]!] ?? [];
  const out: Slot[] = [];
  for (const r of ranges) {
    const from = toMinutes(r.slice(0, 5));
    const to = toMinutes(r.slice(6));
    for (let m = from; m + cfg.slotMinutes <= to; m += cfg.slotMinutes) {
      const start = localToEpoch(date, m, timeZone);
      out.push({ start, end: localToEpoch(date, m + cfg.slotMinutes, timeZone), time: localClock(start, timeZone), date });
    }
  }
  return out;
}

/** The slot starting exactly at `start`, if the hall has one. */
export function slotAt(cfg: AppointmentsConfig, start: number, timeZone: string): Slot | undefined {
  return slotsOfDay(cfg, serviceDayOf(start, timeZone), timeZone).find((s) => s.start === start);
}

export function bookedInSlot(state: BookingState, start: number): number {
  return state.slotCount[start] ?? 0;
}

/** Bookings in the local clock hour holding `at`, keyed "YYYY-MM-DD HH". */
export function hourKey(at: number, timeZone: string): string {
  return `${serviceDayOf(at, timeZone)} ${localClock(at, timeZone).slice(0, 2)}`;
}

export function bookedInHour(state: BookingState, at: number, timeZone: string): number {
  return state.hourCount[hourKey(at, timeZone)] ?? 0;
}

export function placesLeft(state: BookingState, cfg: AppointmentsConfig, slot: Slot, timeZone: string, now: number): number {
  if (slot.start <= now) return 0;
  const bySlot = cfg.capacityPerSlot - bookedInSlot(state, slot.start);
  const byHour = cfg.capacityPerHour === undefined ? Infinity : cfg.capacityPerHour - bookedInHour(state, slot.start, timeZone);
  return Math.max(0, Math.min(bySlot, byHour));
}

export function availability(state: BookingState, cfg: AppointmentsConfig, date: string, timeZone: string, now: number): SlotAvailability[] {
  return slotsOfDay(cfg, date, timeZone).map((s) => ({
    ...s,
    booked: bookedInSlot(state, s.start),
    capacity: cfg.capacityPerSlot,
    available: placesLeft(state, cfg, s, timeZone, now),
  }));
}

/** The next `count` slots with a place, after `from`, within the booking horizon. */
export function nextFreeSlots(state: BookingState, cfg: AppointmentsConfig, timeZone: string, from: number, now: number, count = 3): Slot[] {
  const out: Slot[] = [];
  const today = serviceDayOf(now, timeZone);
  const last = addDays(today, cfg.bookAheadDays);
  for (let date = serviceDayOf(from, timeZone); date <= last && out.length < count; date = addDays(date, 1)) {
    for (const s of slotsOfDay(cfg, date, timeZone)) {
      if (s.start <= from) continue;
      if (placesLeft(state, cfg, s, timeZone, now) > 0) out.push(s);
      if (out.length >= count) break;
    }
  }
  return out;
}
