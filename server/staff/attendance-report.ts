// Attendance per person per day (签到/签退): first sign-in, last sign-out, time signed in, windows,
// and pauses (暂停) they pressed, folded from the attendance stream and the hall's window events.
import { serviceDayOf } from '../domain/service-day.ts';
import type { Actor } from '../domain/types.ts';
import type { Session } from './types.ts';

export interface AttendanceRow {
  date: string;
  staffId: string;
  staffNumber: string;
  name: string;
  windows: string[];
  sessions: number;
  firstSignIn: number;
  /** null while still signed in. */
  lastSignOut: number | null;
  signedInMinutes: number;
  pauses: number;
  pausedMinutes: number;
}

interface LogEvent {
  type: string;
  at: number;
  actor?: Actor;
  data: unknown;
}

export function attendanceReport(attendance: LogEvent[], hallEvents: LogEvent[], timeZone: string, now: number): AttendanceRow[] {
  const rows = new Map<string, AttendanceRow>();
  const open = new Map<string, { session: Omit<Session, 'signedOutAt' | 'reason'>; row: AttendanceRow }>();
  const rowOf = (date: string, staffId: string, staffNumber: string, name: string) => {
    const key = `${date}|${staffId}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { date, staffId, staffNumber, name, windows: [], sessions: 0, firstSignIn: Infinity, lastSignOut: null, signedInMinutes: 0, pauses: 0, pausedMinutes: 0 }));
    return row;
  };
  for (const e of attendance) {
    if (e.type === 'staff:signed-in') {
      const s = (e.data as { session: Omit<Session, 'signedOutAt' | 'reason'> }).session;
      const row = rowOf(s.serviceDay, s.staffId, s.staffNumber, s.name);
      row.sessions++;
      row.firstSignIn = Math.min(row.firstSignIn, e.at);
      if (s.windowId && !row.windows.includes(s.windowId)) row.windows.push(s.windowId);
      open.set(s.id, { session: s, row });
    } else if (e.type === 'staff:signed-out') {
      const o = open.get((e.data as { sessionId: string }).sessionId);
      if (!o) continue;
      open.delete(o.session.id);
      o.row.lastSignOut = Math.max(o.row.lastSignOut ?? 0, e.at);
      o.row.signedInMinutes += minutes(e.at - o.session.signedInAt);
    }
  }
  // Still signed in: counted up to now (or the end of their day).
  for (const o of open.values()) {
    o.row.signedInMinutes += minutes(Math.min(now, o.session.expiresAt) - o.session.signedInAt);
    o.row.lastSignOut = null;
  }
  addPauses(hallEvents, timeZone, now, rowOf);
  return [...rows.values()].sort((a, b) => a.date.localeCompare(b.date) || a.staffNumber.localeCompare(b.staffNumber));
}

/** A pause belongs to the person who pressed it; it lasts until the window resumes, opens or closes. */
function addPauses(events: LogEvent[], timeZone: string, now: number, rowOf: (d: string, id: string, n: string, name: string) => AttendanceRow) {
  const paused = new Map<string, { at: number; row: AttendanceRow }>();
  const end = (windowId: string, at: number) => {
    const p = paused.get(windowId);
    if (!p) return;
    p.row.pausedMinutes += minutes(at - p.at);
    paused.delete(windowId);
  };
  for (const e of events) {
    const windowId = (e.data as { windowId?: string }).windowId;
    if (e.type === 'window:paused' && windowId && e.actor?.staffId) {
      end(windowId, e.at);
      const row = rowOf(serviceDayOf(e.at, timeZone), e.actor.staffId, e.actor.staffNumber ?? '', e.actor.name ?? '');
      row.pauses++;
      paused.set(windowId, { at: e.at, row });
    } else if ((e.type === 'window:resumed' || e.type === 'window:opened' || e.type === 'window:closed') && windowId) end(windowId, e.at);
    else if (e.type === 'day:started') for (const w of [...paused.keys()]) end(w, e.at);
  }
  for (const w of [...paused.keys()]) end(w, now);
}

const minutes = (ms: number) => Math.round((Math.max(0, ms) / 60_000) * 10) / 10;

export function attendanceCsv(rows: AttendanceRow[], timeZone: string): string {
  const time = (at: number | null) => (at === null ? '' : new Intl.DateTimeFormat('zh-CN', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at));
  const head = 'date,staff number 工号,name 姓名,windows 窗口,sign-in 签到,sign-out 签退,minutes signed in,pauses 暂停,minutes paused';
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  const lines = rows.map((r) =>
    [r.date, r.staffNumber, r.name, r.windows.join(' '), time(r.firstSignIn), time(r.lastSignOut), r.signedInMinutes, r.pauses, r.pausedMinutes].map((v) => quote(String(v))).join(','),
  );
  return [head, ...lines].join('\n') + '\n';
}
