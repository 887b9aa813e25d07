// What a card read at the kiosk decides, without a DOM: the lane from the age on the card (the hall's
// threshold, in the hall's time zone), the masked name to show, the visitor to send to the hall server.
import { ageOn, checkResidentId, localDate, maskName } from '../../server/domain/resident-id.ts';
import type { IdCard } from '../card-reader/protocol.ts';

export interface CardTake {
  maskedName: string;
  lane: 'elderly' | 'normal';
  /** Sent with the ticket only; the server keeps the masked number and a keyed hash. */
  visitor: { name: string; idNumber: string };
}

export type CardResult = { ok: true; take: CardTake } | { ok: false; message: string };

export function takeFromCard(card: IdCard, now: Date, timeZone: string, elderlyAge: number): CardResult {
  const today = localDate(now, timeZone);
  const check = checkResidentId(card.idNumber, today);
  if (!check.ok) return { ok: false, message: `${check.message} · This card cannot be read; please ask at the desk` };
  const lane = ageOn(check.birthDate, today) >= elderlyAge ? 'elderly' : 'normal';
  return { ok: true, take: { maskedName: maskName(card.name), lane, visitor: { name: card.name, idNumber: check.idNumber } } };
}
