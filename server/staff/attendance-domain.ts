// The attendance decider of one hall: who signed in where and when, and when they left. A session
// is open until it is signed out (by the person, an admin, a replacement at the window, the account
// being disabled) or its day ends. Ended sessions stay in the state: their signed tokens are refused.
import { noResult, type Decider, type DecideContext, type SnapshotPolicy, type Stored } from '../engine/stream-engine.ts';
import { own } from '../domain/own.ts';
import { StaffError } from './errors.ts';
import type { AttendanceCommand, AttendanceEvent, AttendanceState, Session, SignOutReason } from './types.ts';

type Body = Pick<AttendanceEvent, 'type' | 'data'>;

const signedOut = (x: Session, reason: SignOutReason): Body => ({
  type: 'staff:signed-out',
  data: { sessionId: x.id, staffId: x.staffId, ...(x.windowId ? { windowId: x.windowId } : {}), reason },
});

export function openSessions(s: AttendanceState): Session[] {
  return Object.values(s.sessions).filter((x) => x.signedOutAt === undefined);
}

export function decideAttendance(s: AttendanceState, c: AttendanceCommand, _ctx: DecideContext): Body[] {
  switch (c.type) {
    case 'signIn': {
      if (own(s.sessions, c.session.id)) throw new StaffError(409, 'session_exists', 'that session exists');
      const out: Body[] = [];
      // One person per window: whoever was signed in there (and forgot to sign out) is replaced.
      const there = c.session.windowId ? own(s.atWindow, c.session.windowId) : undefined;
      const previous = there ? s.sessions[there] : undefined;
      if (previous) out.push(signedOut(previous, 'replaced'));
      out.push({ type: 'staff:signed-in', data: { session: c.session } });
      return out;
    }
    case 'signOut': {
      const x = own(s.sessions, c.sessionId);
      if (!x) throw new StaffError(404, 'unknown_session', 'no such session');
      return x.signedOutAt === undefined ? [signedOut(x, c.reason)] : [];
    }
    case 'signOutPerson':
      return openSessions(s)
        .filter((x) => x.staffId === c.staffId)
        .map((x) => signedOut(x, c.reason));
    case 'endDay':
      return openSessions(s)
        .filter((x) => x.serviceDay < c.serviceDay)
        .map((x) => signedOut(x, 'end_of_day'));
  }
}

export function evolveAttendance(s: AttendanceState, e: Stored<AttendanceEvent>): AttendanceState {
  s.lastAt = Math.max(s.lastAt, e.at);
  switch (e.type) {
    case 'staff:signed-in': {
      const x = e.data.session;
      // Ended sessions past their expiry can no longer be presented: forget them (the report reads the log).
      for (const old of Object.values(s.sessions)) if (old.signedOutAt !== undefined && old.expiresAt <= e.at) delete s.sessions[old.id];
      s.sessions[x.id] = { ...x };
      if (x.windowId) s.atWindow[x.windowId] = x.id;
      return s;
    }
    case 'staff:signed-out': {
      const x = s.sessions[e.data.sessionId];
      if (!x) return s;
      s.sessions[x.id] = { ...x, signedOutAt: e.at, reason: e.data.reason };
      if (x.windowId && s.atWindow[x.windowId] === x.id) delete s.atWindow[x.windowId];
      return s;
    }
  }
}

export const attendanceSnapshots: SnapshotPolicy<AttendanceState> = {
  every: 500,
  size: (s) => Object.keys(s.sessions).length,
  // The encoded state's shape: bump when it changes (SnapshotPolicy.format).
  format: 1,
};

export const attendanceDecider: Decider<AttendanceState, AttendanceCommand, AttendanceEvent, void> = {
  initial: () => ({ sessions: {}, atWindow: {}, lastAt: 0 }),
  decide: noResult(decideAttendance),
  evolve: evolveAttendance,
  clockFloor: (s) => s.lastAt,
};
