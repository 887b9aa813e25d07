// A card read at the kiosk first looks for today's appointment booked with that ID number: found, it
// is checked in (the ticket in the appointment lane); none, the visitor chooses a service as usual.
import { ApiError, type IssuedTicket } from '../live/api.ts';
import { command } from '../live/retry.ts';

export type CardCheckIn = { kind: 'checked-in'; ticket: IssuedTicket } | { kind: 'none' } | { kind: 'refused'; code: string; message: string };

/** `unknown_booking` (no booking today) and `not_found` (no appointments on this server) mean: take a number. */
const NO_BOOKING = new Set(['unknown_booking', 'not_found']);

export async function checkInByCard(hall: string | undefined, token: string | undefined, idNumber: string): Promise<CardCheckIn> {
  try {
    const { data } = await command<{ ticket: IssuedTicket }>('/appointments/check-in', { hall, method: 'POST', token, body: { idNumber, print: true } });
    return { kind: 'checked-in', ticket: data.ticket };
  } catch (err) {
    if (err instanceof ApiError && NO_BOOKING.has(err.code)) return { kind: 'none' };
    if (err instanceof ApiError) return { kind: 'refused', code: err.code, message: err.message };
    throw err;
  }
}
