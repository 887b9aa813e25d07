// The page-side hall model: snapshot plus live events, folded by pure functions.
import test from 'ava';
import { applyTicketEvent, applyWindowEvent, countsForWindow, foldWindowCounts, fromSnapshot, waitingForWindow, windowViews } from '../../displays/live/model.ts';
import type { HallInfo } from '../../displays/logic/labels.ts';
import type { HallSnapshot, PublicTicket, PublicWindow, TicketEvent } from '../../server/realtime/contract.ts';

const win = (id: string, extra: Partial<PublicWindow> = {}): PublicWindow => ({ id, status: 'open', ...extra });

/** The windows' fixed parts, as GET /api/hall gives them. */
const info: HallInfo = {
  id: 'h',
  name: { zh: '大厅', en: 'Hall' },
  timeZone: 'Asia/Shanghai',
  lanes: ['normal'],
  services: [],
  windows: [
    { id: '1', number: 1, name: { zh: '1号窗口', en: 'Window 1' }, services: ['business'] },
    { id: '2', number: 2, name: { zh: '2号窗口', en: 'Window 2' }, services: ['social'] },
  ],
};

const ticket = (id: string, extra: Partial<PublicTicket> = {}): PublicTicket => ({
  id,
  hallId: 'h',
  number: id.toUpperCase(),
  serviceId: 'business',
  lane: 'normal',
  status: 'waiting',
  issuedAt: 1000,
  recalls: 0,
  ...extra,
});

const snapshot = (): HallSnapshot => ({
  hallId: 'h',
  eventId: 10,
  serviceDay: '2026-11-27',
  at: 5000,
  windows: [win('1'), win('2')],
  windowCounts: { '1': { called: 0, done: 0, noShow: 0 }, '2': { called: 0, done: 0, noShow: 0 } },
  waiting: { business: 1 },
  next: { business: [ticket('a1')] },
  recentCalls: [],
  counts: { issued: 1, called: 0, done: 0, noShow: 0, waiting: 1 },
});

const ev = (eventId: number, t: PublicTicket, extra: Partial<TicketEvent> = {}): TicketEvent => ({
  eventId,
  hallId: 'h',
  at: 6000 + eventId,
  ticket: t,
  waiting: { business: 0 },
  ...extra,
});

test('issue, call, finish move a ticket through the waiting counts, the window and the counts', (t) => {
  let m = fromSnapshot(snapshot());
  m = applyTicketEvent(m, 'ticket:issued', ev(11, ticket('a2', { issuedAt: 2000 }), { waiting: { business: 2 } }));
  t.is(m.counts.waiting, 2);
  t.is(m.counts.issued, 2);
  t.is(m.waiting.business, 2);
  t.is(m.eventId, 11);

  const called = ticket('a1', { status: 'called', windowId: '1', windowNumber: 1, calledAt: 7000 });
  m = applyTicketEvent(m, 'ticket:called', ev(12, called, { window: win('1', { current: called }), waiting: { business: 1 } }));
  t.is(m.waiting.business, 1);
  t.is(m.windows[0]!.current?.number, 'A1');
  t.is(m.recentCalls[0]?.number, 'A1');
  t.is(m.recentCalls[0]?.windowNumber, 1);
  t.is(m.counts.called, 1);
  t.is(m.counts.waiting, 1);

  // A recall puts the call on top again but does not count a second call.
  m = applyTicketEvent(m, 'ticket:recalled', ev(13, { ...called, recalls: 1 }, { window: win('1', { current: called }) }));
  t.is(m.recentCalls.length, 1);
  t.is(m.recentCalls[0]!.recalls, 1);
  t.is(m.counts.called, 1);

  m = applyTicketEvent(m, 'ticket:finished', ev(14, { ...called, status: 'done' }, { window: win('1') }));
  t.is(m.windows[0]!.current, undefined);
  t.is(m.counts.done, 1);
});

test('an event the model already has (a resume overlapping a snapshot) changes nothing', (t) => {
  const m = fromSnapshot(snapshot());
  t.is(applyTicketEvent(m, 'ticket:issued', ev(10, ticket('zz'))), m);
  t.is(applyTicketEvent(m, 'ticket:issued', ev(3, ticket('zz'))), m);
});

test('window updates replace the window; a reactivated ticket counts as waiting again', (t) => {
  let m = fromSnapshot(snapshot());
  m = applyWindowEvent(m, { eventId: 11, hallId: 'h', at: 1, window: win('2', { status: 'paused' }) });
  t.is(m.windows[1]!.status, 'paused');
  m = applyTicketEvent(m, 'ticket:reactivated', ev(12, ticket('a0', { issuedAt: 500 }), { waiting: { business: 2 } }));
  t.is(m.counts.waiting, 2);
  t.is(m.tickets.a0?.status, 'waiting');
});

test('a transfer moves the count to the new service; a window counts only its services', (t) => {
  let m = fromSnapshot(snapshot());
  const next = ticket('b1', { serviceId: 'social', transferredFrom: 'a1' });
  m = applyTicketEvent(m, 'ticket:transferred', ev(11, ticket('a1', { status: 'transferred' }), { next, waiting: { business: 0, social: 1 } }));
  t.is(m.counts.waiting, 1);
  t.is(m.tickets.b1?.status, 'waiting');
  t.is(waitingForWindow(m, info.windows[0]), 0);
  t.is(waitingForWindow(m, info.windows[1]), 1);
});

test("window counts follow calls, finishes, no-shows and reactivations at each ticket's last window", (t) => {
  let m = fromSnapshot(snapshot());
  t.deepEqual(countsForWindow(m, '1'), { called: 0, done: 0, noShow: 0 });
  const called = ticket('a1', { status: 'called', windowId: '1', windowNumber: 1, calledAt: 7000 });
  m = applyTicketEvent(m, 'ticket:called', ev(11, called, { window: win('1', { current: called }) }));
  t.deepEqual(countsForWindow(m, '1'), { called: 1, done: 0, noShow: 0 });
  t.deepEqual(countsForWindow(m, '2'), { called: 0, done: 0, noShow: 0 });
  // A recall and a start change nothing.
  m = applyTicketEvent(m, 'ticket:recalled', ev(12, { ...called, recalls: 1 }));
  m = applyTicketEvent(m, 'ticket:started', ev(13, { ...called, status: 'serving', recalls: 1 }));
  t.deepEqual(countsForWindow(m, '1'), { called: 1, done: 0, noShow: 0 });
  m = applyTicketEvent(m, 'ticket:finished', ev(14, { ...called, status: 'done' }));
  t.deepEqual(countsForWindow(m, '1'), { called: 1, done: 1, noShow: 0 });

  // A no-show, then reactivated: it leaves the window's figures as a fresh snapshot would.
  m = applyTicketEvent(m, 'ticket:issued', ev(15, ticket('a2')));
  const a2 = ticket('a2', { status: 'called', windowId: '1', calledAt: 8000 });
  m = applyTicketEvent(m, 'ticket:called', ev(16, a2));
  m = applyTicketEvent(m, 'ticket:no-show', ev(17, { ...a2, status: 'no_show' }));
  t.deepEqual(countsForWindow(m, '1'), { called: 2, done: 1, noShow: 1 });
  m = applyTicketEvent(m, 'ticket:reactivated', ev(18, ticket('a2')));
  t.deepEqual(countsForWindow(m, '1'), { called: 1, done: 1, noShow: 0 });
  // Old events repeated by a resume are ignored.
  t.is(applyTicketEvent(m, 'ticket:finished', ev(14, { ...called, status: 'done' })), m);
});

test('foldWindowCounts moves a ticket between windows and never goes below zero', (t) => {
  const counts = { '1': { called: 1, done: 0, noShow: 0 } };
  const at1 = ticket('x', { status: 'called', windowId: '1' });
  const at2 = ticket('x', { status: 'called', windowId: '2' });
  t.deepEqual(foldWindowCounts(counts, at1, at2), { '1': { called: 0, done: 0, noShow: 0 }, '2': { called: 1, done: 0, noShow: 0 } });
  t.deepEqual(foldWindowCounts({}, at1, ticket('x')), { '1': { called: 0, done: 0, noShow: 0 } });
  t.is(foldWindowCounts(counts, ticket('y'), ticket('y')), counts);
});

test("pages see each window's name and number from the hall info with its live state", (t) => {
  let m = fromSnapshot(snapshot());
  m = applyWindowEvent(m, { eventId: 11, hallId: 'h', at: 1, window: win('2', { status: 'paused' }) });
  const views = windowViews(info, m);
  t.deepEqual(
    views.map((w) => [w.id, w.number, w.name.zh, w.status]),
    [
      ['1', 1, '1号窗口', 'open'],
      ['2', 2, '2号窗口', 'paused'],
    ],
  );
});
