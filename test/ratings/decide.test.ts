// The ratings decider: given ratings, when a rate command, then a rating or a refusal.
import test from 'ava';
import { ratingsSchema } from '../../server/ratings/config.ts';
import { ratingDecider, RatingError } from '../../server/ratings/domain.ts';
import type { RatedTicket, RatingCommand, RatingEvent, RatingState } from '../../server/ratings/types.ts';
import type { Stored } from '../../server/engine/stream-engine.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 30, 2, 0);
const cfg = ratingsSchema.parse({ windowHours: 4 });
const decider = ratingDecider(cfg);
const done: RatedTicket = { id: 'tk1', number: 'A001', serviceId: 'business', status: 'done', windowId: '1', finishedAt: T0, clerk: 'clerk one' };
const rate = (over: Partial<RatingCommand> = {}): RatingCommand => ({ type: 'rate', ticket: done, level: 'satisfied', reasons: [], via: 'status', ...over });
const ctx = (now: number) => ({ now, newId: () => 'x' });

function given(events: Pick<RatingEvent, 'type' | 'data'>[], at = T0): RatingState {
  return events.reduce((s, e, i) => decider.evolve(s, { ...e, hallId: 'h', at, seq: i + 1 } as Stored<RatingEvent>), decider.initial());
}
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof RatingError) return err.code;
    throw err;
  }
  return 'accepted';
}

test('a finished ticket is rated once, with what the visitor chose and who served', (t) => {
  const { events } = decider.decide(given([]), rate({ level: 'dissatisfied', reasons: ['wait', 'process'], comment: '太慢' }), ctx(T0 + HOUR));
  t.deepEqual(events, [
    {
      type: 'rating:given',
      data: { rating: { ticketId: 'tk1', ticketNumber: 'A001', serviceId: 'business', windowId: '1', clerk: 'clerk one', level: 'dissatisfied', reasons: ['wait', 'process'], comment: '太慢', via: 'status', finishedAt: T0 } },
    },
  ]);
  const after = given(events, T0 + HOUR);
  t.is(refusal(() => decider.decide(after, rate({ level: 'very_satisfied', via: 'device' }), ctx(T0 + 2 * HOUR))), 'already_rated');
});

test('only a finished ticket: waiting, called, serving, no-show are refused', (t) => {
  for (const status of ['waiting', 'called', 'serving', 'no_show', 'cancelled', 'expired'] as const)
    t.is(refusal(() => decider.decide(given([]), rate({ ticket: { ...done, status, finishedAt: undefined } }), ctx(T0))), 'ticket_not_finished', status);
});

test('within the window of hours after finishing, not after', (t) => {
  t.is(refusal(() => decider.decide(given([]), rate(), ctx(T0 + 4 * HOUR))), 'accepted');
  t.is(refusal(() => decider.decide(given([]), rate(), ctx(T0 + 4 * HOUR + 1))), 'rating_window_closed');
});

test('reasons come from the hall list, each once', (t) => {
  t.is(refusal(() => decider.decide(given([]), rate({ reasons: ['rude-words'] }), ctx(T0))), 'unknown_reason');
  t.is(refusal(() => decider.decide(given([]), rate({ reasons: ['wait', 'wait'] }), ctx(T0))), 'duplicate_reason');
  t.is(refusal(() => decider.decide(given([]), rate({ reasons: cfg.reasons.map((r) => r.id) }), ctx(T0))), 'accepted');
});

test('old ratings leave the state once their tickets can no longer be rated; recent ones stay', (t) => {
  const old = { ...done, id: 'old', finishedAt: T0 };
  let s = given([decider.decide(decider.initial(), rate({ ticket: old }), ctx(T0)).events[0]!], T0);
  const later = T0 + 4 * HOUR + 49 * HOUR;
  const fresh = { ...done, id: 'fresh', finishedAt: later - HOUR };
  s = decider.evolve(s, { ...decider.decide(s, rate({ ticket: fresh }), ctx(later)).events[0]!, hallId: 'h', at: later, seq: 2 } as Stored<RatingEvent>);
  t.deepEqual(Object.keys(s.recent), ['fresh']);
  t.deepEqual(s.order, ['fresh']);
});
