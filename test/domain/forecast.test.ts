// Given/when/then: what a visitor is told about the people ahead is what next then does.
// Each spec reads the forecast, then presses next and checks the calls that really happen.
import test from 'ava';
import { configuredServiceTimes, forecast } from '../../server/domain/forecast.ts';
import { Forecasts } from '../../server/domain/forecasts.ts';
import { MINUTE, Scenario, smallHall } from '../helpers/decider.ts';
import { deepFreeze } from '../helpers/deep-freeze.ts';

/** Next at a window a minute later: a clerk presses again only after the visitor came (the next guard). */
function press(s: Scenario, windowId: string) {
  s.advance(MINUTE);
  return s.next(windowId);
}

const aheadOf = (s: Scenario, number: string) => forecast(s.state, smallHall, s.now, configuredServiceTimes(smallHall)).tickets.get(s.ticket(number).id);

/** Only window 1 (both services, no preferred lane) open. */
function windowOneOnly(): Scenario {
  const s = new Scenario();
  s.run({ type: 'closeWindow', windowId: 'w2' });
  s.run({ type: 'closeWindow', windowId: 'w3' });
  return s;
}

test('normal B001, normal B002, then elderly B003: the elderly ticket is next, the others after it', (t) => {
  const s = windowOneOnly();
  s.issue('soc', 'normal');
  s.advance(MINUTE);
  s.issue('soc', 'normal');
  s.advance(MINUTE);
  s.issue('soc', 'elderly');

  t.like(aheadOf(s, 'B003'), { ahead: 0, callAt: s.now });
  t.like(aheadOf(s, 'B001'), { ahead: 1 });
  t.like(aheadOf(s, 'B002'), { ahead: 2 });
  // 8-minute visits (the configured default): B002 is called after two visits.
  t.is(aheadOf(s, 'B002')!.callAt, s.now + 16 * MINUTE);

  t.deepEqual([press(s, 'w1'), press(s, 'w1'), press(s, 'w1')], ['B003', 'B001', 'B002']);
});

test('a normal ticket with two later elderly tickets is told they go first', (t) => {
  const s = windowOneOnly();
  s.issue('soc', 'normal');
  s.issue('soc', 'elderly');
  s.issue('soc', 'elderly');

  t.is(aheadOf(s, 'B001')!.ahead, 2);
  t.deepEqual([press(s, 'w1'), press(s, 'w1'), press(s, 'w1')], ['B002', 'B003', 'B001']);
});

test('an earlier ticket of another service at a shared window is counted', (t) => {
  const s = windowOneOnly();
  s.issue('biz', 'normal');
  s.advance(MINUTE);
  s.issue('soc', 'normal');

  t.is(aheadOf(s, 'B001')!.ahead, 1);
  t.deepEqual([press(s, 'w1'), press(s, 'w1')], ['A001', 'B001']);
});

test('calls at a window that cannot take the ticket are not counted', (t) => {
  // w2 (business only) and w1 open: A001 and A002 go to w1 and w2 at once; B001 waits for w1.
  const s = new Scenario();
  s.run({ type: 'closeWindow', windowId: 'w3' });
  s.issue('biz', 'normal');
  s.issue('biz', 'normal');
  s.issue('soc', 'normal');

  t.like(aheadOf(s, 'A002'), { ahead: 1, callAt: s.now });
  // One call before it at w1 (A001); A002's call at w2 does not count for a social-security ticket.
  t.like(aheadOf(s, 'B001'), { ahead: 1, callAt: s.now + 8 * MINUTE });
  t.deepEqual([press(s, 'w1'), press(s, 'w2')], ['A001', 'A002']);
  s.advance(8 * MINUTE);
  t.is(press(s, 'w1'), 'B001');
});

test('with no open window that may take it, the ticket has no call time and counts the calls once its windows open', (t) => {
  const s = new Scenario();
  for (const w of ['w1', 'w2', 'w3']) s.run({ type: 'pauseWindow', windowId: w });
  s.issue('soc', 'normal');
  s.issue('soc', 'normal');
  t.like(aheadOf(s, 'B002'), { ahead: 1, callAt: null });
});

test('the forecast leaves the state as it was', (t) => {
  const s = windowOneOnly();
  for (const lane of ['normal', 'elderly', 'green', 'normal'] as const) s.issue('soc', lane);
  // Frozen to the last ticket and queue chunk: any write by the forecast throws.
  const state = deepFreeze(s.state);
  t.notThrows(() => [...forecast(state, smallHall, s.now, configuredServiceTimes(smallHall)).tickets]);
  t.notThrows(() => new Forecasts(smallHall).forNew(state, s.now, 'soc', 'elderly'));
});
