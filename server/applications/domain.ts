// The applications decider: pure decide/evolve, clock passed in through ctx. The life of one
// application: received → (returned ⇄ resubmitted)* → approved | refused; approved → picked_up | mailed.
import { noResult, type Decider, type DecideContext, type SnapshotPolicy, type Stored } from '../engine/stream-engine.ts';
import { own } from '../domain/own.ts';
import type { Application, ApplicationCommand, ApplicationEvent, ApplicationState, ApplicationStatus, Step } from './types.ts';

export class ApplicationError extends Error {
  override name = 'ApplicationError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Body = Pick<ApplicationEvent, 'type' | 'data'>;

function requireApplication(s: ApplicationState, id: string): Application {
  const a = own(s.applications, id);
  if (!a) throw new ApplicationError(404, 'unknown_application', `no application "${id}"`);
  return a;
}

function requireStatus(a: Application, allowed: ApplicationStatus[], code: string) {
  if (!allowed.includes(a.status)) throw new ApplicationError(409, code, `application ${a.receipt} is ${a.status}`);
}

/** "DISTRICT-20261008-0001": hall code, local day of receipt, sequence of that day in the hall. */
export function receiptNumber(hallCode: string, day: string, n: number): string {
  return `${hallCode}-${day.replaceAll('-', '')}-${String(n).padStart(4, '0')}`;
}

export function decideApplication(s: ApplicationState, c: ApplicationCommand, ctx: DecideContext): Body[] {
  switch (c.type) {
    case 'register': {
      const { type: _t, hallCode, by, ...rest } = c;
      const n = (s.lastNumber[c.receivedDay] ?? 0) + 1;
      const application = { id: ctx.newId(), receipt: receiptNumber(hallCode, c.receivedDay, n), ...rest, receivedAt: ctx.now, receivedBy: by };
      for (const k of Object.keys(application) as (keyof typeof application)[]) if (application[k] === undefined) delete application[k];
      return [{ type: 'application:received', data: { application } }];
    }
    case 'return': {
      const a = requireApplication(s, c.applicationId);
      requireStatus(a, ['received'], 'not_in_approval');
      if (!c.missing.length && !c.note) throw new ApplicationError(400, 'nothing_missing', 'say what is missing: materials or a note');
      return [{ type: 'application:returned', data: { applicationId: a.id, missing: c.missing, by: c.by, ...(c.note ? { note: c.note } : {}) } }];
    }
    case 'resubmit': {
      const a = requireApplication(s, c.applicationId);
      requireStatus(a, ['returned'], 'not_returned');
      return [{ type: 'application:resubmitted', data: { applicationId: a.id, materials: c.materials, by: c.by } }];
    }
    case 'approve': {
      const a = requireApplication(s, c.applicationId);
      requireStatus(a, ['received'], 'not_in_approval');
      return [{ type: 'application:approved', data: { applicationId: a.id, day: c.day, by: c.by, ...(c.note ? { note: c.note } : {}) } }];
    }
    case 'refuse': {
      const a = requireApplication(s, c.applicationId);
      requireStatus(a, ['received', 'returned'], 'not_in_approval');
      return [{ type: 'application:refused', data: { applicationId: a.id, day: c.day, reason: c.reason, by: c.by } }];
    }
    case 'mail': {
      const a = requireApplication(s, c.applicationId);
      requireStatus(a, ['approved'], 'not_ready');
      if (a.delivery.type !== 'mail') throw new ApplicationError(409, 'not_for_mailing', `application ${a.receipt} is collected at the pickup window`);
      return [{ type: 'application:mailed', data: { applicationId: a.id, courier: c.courier, trackingNumber: c.trackingNumber, by: c.by } }];
    }
    case 'pickUp': {
      const a = requireApplication(s, c.applicationId);
      requireStatus(a, ['approved', 'refused'], 'not_ready');
      return [{ type: 'application:picked-up', data: { applicationId: a.id, by: c.by } }];
    }
    case 'recordPickupTicket': {
      const a = s.applications[c.applicationId];
      // The same hall ticket recorded twice (two nodes, one scan) is one event.
      if (!a || a.pickupTicket?.ticketId === c.ticketId) return [];
      return [{ type: 'application:pickup-ticket-issued', data: { applicationId: a.id, ticketId: c.ticketId, number: c.number } }];
    }
    case 'logConsultation':
      return [{ type: 'consultation:logged', data: { consultation: { serviceId: c.serviceId, minutes: c.minutes, day: c.day, at: ctx.now, by: c.by } } }];
  }
}

// evolve owns the state (the engine holds the only reference): each event replaces one application
// in place, never copying the whole map (a replay stays O(n)). One short case per event type.
export function evolveApplication(s: ApplicationState, e: Stored<ApplicationEvent>): ApplicationState {
  const step = (type: Step['type'], by: string, note?: string): Step => ({ type, at: e.at, by, ...(note ? { note } : {}) });
  const patch = (id: string, f: (a: Application) => Partial<Application>, st: Step): ApplicationState => {
    const a = s.applications[id];
    if (a) s.applications[id] = { ...a, ...f(a), steps: [...a.steps, st] };
    return s;
  };
  switch (e.type) {
    case 'application:received': {
      const a = e.data.application;
      s.applications[a.id] = { ...a, status: 'received', steps: [step('received', a.receivedBy)] };
      s.byReceipt[a.receipt] = a.id;
      s.lastNumber[a.receivedDay] = Math.max(s.lastNumber[a.receivedDay] ?? 0, Number(a.receipt.slice(-4)));
      return s;
    }
    case 'application:returned':
      return patch(e.data.applicationId, () => ({ status: 'returned', missing: e.data.missing, returnNote: e.data.note }), step('returned', e.data.by, e.data.note));
    case 'application:resubmitted':
      return patch(e.data.applicationId, (a) => ({ status: 'received', materials: [...a.materials, ...e.data.materials], missing: undefined, returnNote: undefined }), step('resubmitted', e.data.by));
    case 'application:approved':
      return patch(e.data.applicationId, () => ({ status: 'approved', decidedAt: e.at, decidedDay: e.data.day }), step('approved', e.data.by, e.data.note));
    case 'application:refused':
      return patch(e.data.applicationId, () => ({ status: 'refused', decidedAt: e.at, decidedDay: e.data.day, refusalReason: e.data.reason }), step('refused', e.data.by, e.data.reason));
    case 'application:mailed':
      return patch(e.data.applicationId, () => ({ status: 'mailed', courier: e.data.courier, trackingNumber: e.data.trackingNumber, handedOverAt: e.at }), step('mailed', e.data.by));
    case 'application:picked-up':
      return patch(e.data.applicationId, () => ({ status: 'picked_up', handedOverAt: e.at }), step('picked_up', e.data.by));
    case 'application:pickup-ticket-issued': {
      const a = s.applications[e.data.applicationId];
      if (a) s.applications[a.id] = { ...a, pickupTicket: { ticketId: e.data.ticketId, number: e.data.number } };
      return s;
    }
    case 'consultation:logged':
      (s.consultations ??= []).push(e.data.consultation);
      return s;
  }
}

export const applicationSnapshots: SnapshotPolicy<ApplicationState> = {
  every: 500,
  size: (s) => Object.keys(s.applications).length,
  // The encoded state's shape: bump when it changes (SnapshotPolicy.format).
  format: 1,
};

export const applicationDecider: Decider<ApplicationState, ApplicationCommand, ApplicationEvent, void> = {
  initial: () => ({ applications: {}, byReceipt: {}, lastNumber: {} }),
  decide: noResult(decideApplication),
  evolve: evolveApplication,
};
