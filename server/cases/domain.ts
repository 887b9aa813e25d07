// The cases decider: pure decide/evolve, clock passed in. A case closes when it is resolved and
// its follow-up is done (or not needed); an unsatisfied follow-up may reopen it.
import { noResult, type Decider, type DecideContext, type SnapshotPolicy, type Stored } from '../engine/stream-engine.ts';
import { own } from '../domain/own.ts';
import { maskName } from '../domain/resident-id.ts';
import type { Visitor } from '../domain/types.ts';
import type { Case, CaseCommand, CaseEvent, CaseState } from './types.ts';

export class CaseError extends Error {
  override name = 'CaseError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Body = Pick<CaseEvent, 'type' | 'data'>;

function requireCase(s: CaseState, id: string): Case {
  const c = own(s.cases, id);
  if (!c) throw new CaseError(404, 'unknown_case', `no case "${id}"`);
  return c;
}

export function decideCase(s: CaseState, c: CaseCommand, ctx: DecideContext): Body[] {
  switch (c.type) {
    case 'open': {
      const n = (s.lastNumber[c.serviceDay] ?? 0) + 1;
      const { type: _t, by, serviceDay, ...rest } = c;
      const opened = { id: ctx.newId(), number: `BC${serviceDay.replaceAll('-', '')}${String(n).padStart(3, '0')}`, ...rest, openedAt: ctx.now, openedBy: by };
      for (const k of Object.keys(opened) as (keyof typeof opened)[]) if (opened[k] === undefined) delete opened[k];
      return [{ type: 'case:opened', data: { case: opened } }];
    }
    case 'note':
      requireCase(s, c.caseId);
      return [{ type: 'case:noted', data: { caseId: c.caseId, note: { by: c.by, text: c.text, at: ctx.now } } }];
    case 'resolve': {
      const k = requireCase(s, c.caseId);
      if (k.status !== 'open') throw new CaseError(409, 'case_not_open', `case ${k.number} is ${k.status}`);
      return [{ type: 'case:resolved', data: { caseId: k.id, resolution: c.resolution, by: c.by, followUp: c.followUp ? 'pending' : 'not_needed' } }];
    }
    case 'followUp': {
      const k = requireCase(s, c.caseId);
      if (k.followUp !== 'pending') throw new CaseError(409, 'no_follow_up_due', `case ${k.number} has no follow-up due`);
      const out: Body[] = [{ type: 'case:followed-up', data: { caseId: k.id, outcome: c.outcome, by: c.by, ...(c.note ? { note: c.note } : {}) } }];
      // A visitor still unhappy after the resolution: the case goes back to the desk.
      if (c.outcome === 'unsatisfied') out.push({ type: 'case:reopened', data: { caseId: k.id, reason: c.note ?? 'unsatisfied at follow-up' } });
      return out;
    }
    case 'openFollowUp':
      return decideOpenFollowUp(s, c, ctx);
    case 'contact': {
      const k = requireCase(s, c.caseId);
      if (k.status === 'closed') throw new CaseError(409, 'case_closed', `case ${k.number} is closed`);
      return [{ type: 'case:contacted', data: { caseId: k.id, reply: c.reply, by: c.by } }];
    }
    case 'reopen': {
      const k = requireCase(s, c.caseId);
      if (k.status === 'open') throw new CaseError(409, 'case_open', `case ${k.number} is open`);
      return [{ type: 'case:reopened', data: { caseId: k.id, reason: c.reason } }];
    }
    case 'purgePersonalData': {
      const ids = Object.values(s.cases)
        .filter((k) => k.visitor && !k.personalDataPurgedAt && k.openedAt < c.before)
        .map((k) => k.id);
      return ids.length ? [{ type: 'case:personal-data-purged', data: { caseIds: ids } }] : [];
    }
  }
}

/** A bad rating's follow-up case: exactly one per rated ticket, whichever node (or retry) asks. */
function decideOpenFollowUp(s: CaseState, c: CaseCommand & { type: 'openFollowUp' }, ctx: DecideContext): Body[] {
  // Decided on the stream, so it holds across nodes.
  if (Object.values(s.cases).some((k) => k.rating?.ticketId === c.rating.ticketId)) return [];
  const n = (s.lastNumber[c.serviceDay] ?? 0) + 1;
  const opened = {
    id: ctx.newId(),
    number: `BC${c.serviceDay.replaceAll('-', '')}${String(n).padStart(3, '0')}`,
    problem: c.problem,
    services: [c.serviceId],
    windowId: c.windowId,
    ticketId: c.rating.ticketId,
    ticketNumber: c.ticketNumber,
    ...(c.visitor ? { visitor: c.visitor } : {}),
    rating: c.rating,
    dueAt: c.dueAt,
    openedAt: ctx.now,
    openedBy: 'ratings',
  };
  return [{ type: 'case:opened', data: { case: opened } }];
}

// evolve takes ownership of the state it is given (the engine holds the only reference): each event
// replaces one case in the map in place (putCase) instead of copying the whole map, which made a
// replay cost O(n²) in the stream's length.
export function evolveCase(s: CaseState, e: Stored<CaseEvent>): CaseState {
  const patch = (id: string, f: (k: Case) => Case): CaseState => {
    const k = s.cases[id];
    if (k) putCase(s, f(k));
    return s;
  };
  switch (e.type) {
    case 'case:opened': {
      const k = e.data.case;
      const day = k.number.slice(2, 10);
      const key = `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}`;
      putCase(s, { ...k, status: 'open', notes: [] });
      s.lastNumber[key] = Math.max(s.lastNumber[key] ?? 0, Number(k.number.slice(10)));
      return s;
    }
    case 'case:noted':
      return patch(e.data.caseId, (k) => ({ ...k, notes: [...k.notes, e.data.note] }));
    case 'case:resolved':
      return patch(e.data.caseId, (k) => ({
        ...k,
        status: e.data.followUp === 'not_needed' ? 'closed' : 'resolved',
        resolution: e.data.resolution,
        resolvedAt: e.at,
        resolvedBy: e.data.by,
        followUp: e.data.followUp,
        ...(e.data.followUp === 'not_needed' ? { closedAt: e.at } : {}),
      }));
    case 'case:followed-up':
      return patch(e.data.caseId, (k) => ({
        ...k,
        status: 'closed',
        closedAt: e.at,
        followUp: 'done',
        followUpOutcome: e.data.outcome,
        followedUpAt: e.at,
        ...(e.data.note ? { followUpNote: e.data.note } : {}),
      }));
    case 'case:contacted':
      return patch(e.data.caseId, (k) => ({
        ...k,
        contactedAt: k.contactedAt ?? e.at,
        contactedBy: k.contactedBy ?? e.data.by,
        visitorReply: e.data.reply,
        notes: [...k.notes, { by: e.data.by, text: `visitor: ${e.data.reply}`, at: e.at }],
      }));
    case 'case:reopened':
      return patch(e.data.caseId, (k) => ({
        ...k,
        status: 'open',
        closedAt: undefined,
        notes: [...k.notes, { by: 'system', text: `reopened: ${e.data.reason}`, at: e.at }],
      }));
    case 'case:personal-data-purged':
      for (const id of e.data.caseIds) patch(id, (k) => withoutPersonalData(k, e.at));
      return s;
  }
}

/**
 * A case past the hall's visitor-data days: 张* and 138****5678 stay for the record (who, roughly),
 * the company and the ID number (masked form and hash) go. Also applied to old case:opened events.
 */
export function withoutPersonalData<K extends { visitor?: Visitor; personalDataPurgedAt?: number }>(k: K, at: number): K {
  if (!k.visitor) return k;
  const { name, phone } = k.visitor;
  const visitor: Visitor = {
    ...(name ? { name: maskName(name) } : {}),
    ...(phone ? { phone: phone.length > 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****' } : {}),
  };
  return { ...k, visitor, personalDataPurgedAt: at };
}

/** In place: the state belongs to the engine. The case object is replaced, never mutated. */
function putCase(s: CaseState, k: Case) {
  s.cases[k.id] = k;
}

/** Snapshots spaced by the number of cases, so a restart folds only the tail of the stream. */
export const caseSnapshots: SnapshotPolicy<CaseState> = {
  every: 500,
  size: (s) => Object.keys(s.cases).length,
  // The encoded state's shape: bump when it changes (SnapshotPolicy.format).
  format: 1,
};

export const caseDecider: Decider<CaseState, CaseCommand, CaseEvent, void> = {
  initial: () => ({ cases: {}, lastNumber: {} }),
  decide: noResult(decideCase),
  evolve: evolveCase,
};
