// The service times the estimate learns during the day, fed the events a window produces: how long a
// call keeps the window, from the hall file's average towards what is observed; the current visitor's
// remaining time. Expected values follow the definitions in service-times.ts by hand: a mean worth
// 3 visits at the prior, the turnaround from release to the next call at the same window.
import test from 'ava';
import type { StoredEvent } from '../../server/domain/events.ts';
import type { Ticket } from '../../server/domain/types.ts';
import { ServiceTimeLearner } from '../../server/metrics/service-times.ts';
import { MINUTE, NINE_AM, smallHall } from '../helpers/decider.ts';

const service = smallHall.services[0]!;
const windowId = smallHall.windows.find((w) => w.services.includes(service.id))!.id;
let seq = 0;
const ev = (type: string, at: number, data: object) => ({ type, at, data, hallId: smallHall.id, seq: ++seq }) as unknown as StoredEvent;
const ticket = (id: string): Ticket => ({ id, hallId: smallHall.id, serviceId: service.id, lane: 'normal', number: id, status: 'waiting', serviceDay: '2026-11-27', issuedAt: NINE_AM, arrivedAt: NINE_AM, recalls: 0 });

test('the expected time per call starts at the hall file average and moves towards the observed occupancy', (t) => {
  const prior = service.avgServiceMinutes * MINUTE;
  const times = new ServiceTimeLearner(smallHall);
  t.is(times.serviceMs(service.id), prior);
  // Called at 9:00, walked up and was served, finished at 9:00 + 2 × prior: one occupancy of 2 × prior.
  times.apply(ev('ticket:issued', NINE_AM, { ticket: ticket('t1') }));
  times.apply(ev('ticket:called', NINE_AM, { ticketId: 't1', windowId }));
  times.apply(ev('ticket:finished', NINE_AM + 2 * prior, { ticketId: 't1', windowId }));
  t.is(times.serviceMs(service.id), (3 * prior + 2 * prior) / 4);
});

test('a called visitor who never comes counts the minutes the window waited; the turnaround to the next call is added', (t) => {
  const prior = service.avgServiceMinutes * MINUTE;
  const times = new ServiceTimeLearner(smallHall);
  times.apply(ev('ticket:issued', NINE_AM, { ticket: ticket('t1') }));
  times.apply(ev('ticket:issued', NINE_AM, { ticket: ticket('t2') }));
  times.apply(ev('ticket:called', NINE_AM, { ticketId: 't1', windowId }));
  times.apply(ev('ticket:no-show', NINE_AM + 3 * MINUTE, { ticketId: 't1', windowId }));
  // The clerk presses next 30 s after the no-show.
  times.apply(ev('ticket:called', NINE_AM + 3.5 * MINUTE, { ticketId: 't2', windowId }));
  const occupancy = (3 * prior + 3 * MINUTE) / 4;
  t.is(times.serviceMs(service.id), occupancy + 0.5 * MINUTE);
  // t2, called just now, is expected to keep the window one expected occupancy, plus the turnaround.
  t.is(times.remainingMs({ ...ticket('t2'), status: 'called', windowId }, windowId, NINE_AM + 3.5 * MINUTE), occupancy + 0.5 * MINUTE);
  // Far past the mean the visitor is a long case: a tenth of the mean is still expected, not zero.
  t.is(times.remainingMs({ ...ticket('t2'), status: 'serving', windowId }, windowId, NINE_AM + 3.5 * MINUTE + 10 * occupancy), 0.1 * occupancy + 0.5 * MINUTE);
});

test('the spread of occupancies is learned: alike calls bring the cv down from its prior, scattered ones up', (t) => {
  const prior = service.avgServiceMinutes * MINUTE;
  const alike = new ServiceTimeLearner(smallHall);
  const scattered = new ServiceTimeLearner(smallHall);
  t.is(alike.cv(), 0.5);
  for (let i = 0; i < 60; i++) {
    alike.observe(service.id, prior);
    // 0.2 and 1.8 × the prior in turn: a cv of about 0.8 around the mean.
    scattered.observe(service.id, (i % 2 ? 1.8 : 0.2) * prior);
  }
  t.true(alike.cv() < 0.2, `alike: ${alike.cv()}`);
  t.true(scattered.cv() > 0.6, `scattered: ${scattered.cv()}`);
});

test('a busy window reports its current call: the service mean and how long it has lasted; an idle one none', (t) => {
  const times = new ServiceTimeLearner(smallHall);
  times.apply(ev('ticket:issued', NINE_AM, { ticket: ticket('t9') }));
  times.apply(ev('ticket:called', NINE_AM, { ticketId: 't9', windowId }));
  t.deepEqual(times.currentCall(windowId, NINE_AM + 3 * MINUTE), { meanMs: times.serviceMs(service.id), elapsedMs: 3 * MINUTE });
  times.apply(ev('ticket:finished', NINE_AM + 4 * MINUTE, { ticketId: 't9', windowId }));
  t.is(times.currentCall(windowId, NINE_AM + 5 * MINUTE), undefined);
  t.is(times.freePoints([smallHall.windows.find((w) => w.id === windowId)!], [], NINE_AM + 5 * MINUTE, 1, 4), undefined, 'an idle window presses now');
});
