// The triage desk's card reading: the card's name and ID number go into the visitor fields, checked
// like a typed number (GB 11643), so a misread card is said at once, in Chinese.
import { checkResidentId, localDate, maskName } from '../../server/domain/resident-id.ts';
import type { IdCard } from '../card-reader/protocol.ts';

export function fillFromCard(root: ParentNode, card: IdCard, timeZone: string): { kind: 'ok' | 'error'; text: string } {
  const check = checkResidentId(card.idNumber, localDate(new Date(), timeZone));
  if (!check.ok) return { kind: 'error', text: `身份证读取有误：${check.message} · The card's number is not valid` };
  const set = (name: string, value: string) => {
    const input = root.querySelector<HTMLInputElement>(`.visitor input[name=${name}]`);
    if (input) input.value = value;
  };
  set('name', card.name);
  set('idNumber', check.idNumber);
  return { kind: 'ok', text: `已读取身份证 ${maskName(card.name)} · ID card read` };
}
