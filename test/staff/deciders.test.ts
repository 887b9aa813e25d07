// Given events / when command / then events for the staff streams' deciders (pure, no I/O).
import test from 'ava';
import { accountsDecider } from '../../server/staff/accounts-domain.ts';
import { attendanceDecider } from '../../server/staff/attendance-domain.ts';
import { StaffError } from '../../server/staff/errors.ts';
import type { Decider, StreamEvent } from '../../server/engine/stream-engine.ts';

const ctx = { now: 1_000, newId: () => 'new-id' };

function given<S, C, E extends StreamEvent>(d: Decider<S, C, E>, bodies: Pick<E, 'type' | 'data'>[]): S {
  return bodies.reduce((s, b, i) => d.evolve(s, { ...b, hallId: 'h', at: 500 + i, seq: i + 1 } as E & { seq: number }), d.initial());
}

const added = (id: string, staffNumber: string) => ({ type: 'staff:added' as const, data: { account: { id, staffNumber, name: 'n', roles: ['clerk' as const], halls: [], passwordHash: 'h', createdAt: 1 } } });
const session = (id: string, staffId: string, windowId: string | undefined, serviceDay: string) => ({ id, staffId, staffNumber: staffId, name: 'n', ...(windowId ? { windowId } : {}), serviceDay, signedInAt: 1, expiresAt: 2 });

test('accounts: a staff number is unique', (t) => {
  const s = given(accountsDecider, [added('a', '1001')]);
  const err = t.throws(() => accountsDecider.decide(s, { type: 'add', staffNumber: '1001', name: 'x', roles: ['clerk'], halls: [], passwordHash: 'h' }, ctx).events, { instanceOf: StaffError });
  t.is(err.code, 'staff_number_taken');
});

test('accounts: the third failure in a row with lockAfter 3 is failed + locked; a locked account records no more failures', (t) => {
  const s = given(accountsDecider, [added('a', '1001'), { type: 'staff:sign-in-failed', data: { id: 'a' } }, { type: 'staff:sign-in-failed', data: { id: 'a' } }]);
  t.deepEqual(accountsDecider.decide(s, { type: 'failSignIn', id: 'a', lockAfter: 3 }, ctx).events.map((e) => e.type), ['staff:sign-in-failed', 'staff:locked']);
  const locked = given(accountsDecider, [added('a', '1001'), { type: 'staff:locked', data: { id: 'a', failures: 3 } }]);
  t.deepEqual(accountsDecider.decide(locked, { type: 'failSignIn', id: 'a', lockAfter: 3 }, ctx).events, []);
  t.deepEqual(accountsDecider.decide(locked, { type: 'unlock', id: 'a' }, ctx).events.map((e) => e.type), ['staff:unlocked']);
});

test('accounts: a revoked device token is no longer found by its hash; revoking twice appends nothing', (t) => {
  const s = given(accountsDecider, [
    { type: 'device:added', data: { device: { id: 'd', name: 'kiosk-1', role: 'kiosk' as const, hash: 'abc', createdAt: 1 } } },
    { type: 'device:revoked', data: { id: 'd' } },
  ]);
  t.false('abc' in s.byHash);
  t.truthy(s.devices.d!.revokedAt);
  t.deepEqual(accountsDecider.decide(s, { type: 'revokeDevice', id: 'd' }, ctx).events, []);
  // The name is free again once revoked.
  t.is(accountsDecider.decide(s, { type: 'addDevice', name: 'kiosk-1', role: 'kiosk', hash: 'def' }, ctx).events.length, 1);
});

test('attendance: signing in at a held window signs the holder out (replaced) first', (t) => {
  const s = given(attendanceDecider, [{ type: 'staff:signed-in', data: { session: session('s1', 'a', '3', '2026-03-10') } }]);
  const out = attendanceDecider.decide(s, { type: 'signIn', session: session('s2', 'b', '3', '2026-03-10') }, ctx).events;
  t.deepEqual(
    out.map((e) => [e.type, (e.data as { reason?: string }).reason]),
    [
      ['staff:signed-out', 'replaced'],
      ['staff:signed-in', undefined],
    ],
  );
});

test('attendance: a new day ends the sessions of earlier days only; a person’s sign-out ends all of theirs', (t) => {
  const s = given(attendanceDecider, [
    { type: 'staff:signed-in', data: { session: session('old', 'a', '1', '2026-03-09') } },
    { type: 'staff:signed-in', data: { session: session('desk', 'a', undefined, '2026-03-09') } },
    { type: 'staff:signed-in', data: { session: session('today', 'b', '2', '2026-03-10') } },
  ]);
  t.deepEqual(
    attendanceDecider.decide(s, { type: 'endDay', serviceDay: '2026-03-10' }, ctx).events.map((e) => (e.data as { sessionId: string }).sessionId),
    ['old', 'desk'],
  );
  t.deepEqual(
    attendanceDecider.decide(s, { type: 'signOutPerson', staffId: 'a', reason: 'disabled' }, ctx).events.map((e) => (e.data as { sessionId: string }).sessionId),
    ['old', 'desk'],
  );
  const ended = given(attendanceDecider, [
    { type: 'staff:signed-in', data: { session: session('x', 'a', '1', '2026-03-10') } },
    { type: 'staff:signed-out', data: { sessionId: 'x', staffId: 'a', windowId: '1', reason: 'person' } },
  ]);
  t.deepEqual(ended.atWindow, {});
  t.deepEqual(attendanceDecider.decide(ended, { type: 'signOut', sessionId: 'x', reason: 'person' }, ctx).events, []);
});
