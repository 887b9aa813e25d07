// The announcement carried by ticket:called / ticket:recalled: what to say in each language and
// where its audio is, so a wall display with a sound switch or the voice agent can play it as is.
import type { HallConfig } from '../server/config/schema.ts';
import type { Announcement, PublicTicket } from '../server/realtime/contract.ts';
import type { AudioCache } from './audio-cache.ts';
import { DEFAULT_VOICE, phrase, type Phrase } from './templates.ts';

export type AnnouncementKind = 'call' | 'recall';

export function phrasesFor(hall: HallConfig, ticket: Pick<PublicTicket, 'number' | 'serviceId'>, windowNumber: number, kind: AnnouncementKind): Phrase[] {
  const voice = hall.voice ?? DEFAULT_VOICE;
  const service = hall.services.find((s) => s.id === ticket.serviceId)?.name;
  const vars = { number: ticket.number, window: windowNumber, ...(service ? { service } : {}) };
  return voice.languages.map((lang) => phrase(voice, lang, kind, vars)).filter((p): p is Phrase => p !== undefined);
}

/**
 * The Announcement for a call or recall. With a cache, each phrase gets an audioUrl
 * (`<audioBase>/<hash>.wav`) that renders on first request; without one the event carries text only.
 */
export function buildAnnouncement(
  hall: HallConfig,
  ticket: Pick<PublicTicket, 'number' | 'serviceId'>,
  windowNumber: number,
  kind: AnnouncementKind,
  cache?: AudioCache,
  audioBase = '/api/voice',
): Announcement {
  const phrases = phrasesFor(hall, ticket, windowNumber, kind).map((p) => {
    const out: Announcement['phrases'][number] = { lang: p.lang, text: p.text };
    if (cache) out.audioUrl = `${audioBase}/${cache.register(p.lang, p.speech)}.wav`;
    return out;
  });
  return { phrases, repeat: (hall.voice ?? DEFAULT_VOICE).repeat };
}
