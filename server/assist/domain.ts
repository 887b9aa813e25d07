// The assist decider: pure decide/evolve over the assist stream (streams.assist), clock passed in.
// One approver accepts a request (a second accept is refused, also across nodes, because the
// append is conditional); only that approver and the asking window talk and answer.
import { noResult, type Decider, type DecideContext, type SnapshotPolicy, type Stored } from '../engine/stream-engine.ts';
import { own } from '../domain/own.ts';
import type { AssistCommand, AssistEvent, AssistRequest, AssistState } from './types.ts';

export class AssistError extends Error {
  override name = 'AssistError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Body = Pick<AssistEvent, 'type' | 'data'>;

export function initialAssistState(): AssistState {
  return { requests: {}, notices: {} };
}

function requireRequest(s: AssistState, id: string): AssistRequest {
  const r = own(s.requests, id);
  if (!r) throw new AssistError(404, 'unknown_assist', `no assist request "${id}"`);
  return r;
}

export function decideAssist(s: AssistState, c: AssistCommand, ctx: DecideContext): Body[] {
  switch (c.type) {
    case 'ask': {
      const pending = Object.values(s.requests).find((r) => r.windowId === c.windowId && (r.status === 'open' || r.status === 'accepted'));
      if (pending) throw new AssistError(409, 'assist_pending', `window ${c.windowId} already has a request waiting for an answer`);
      const { type: _type, by, ...rest } = c;
      return [{ type: 'assist:requested', data: { request: { id: ctx.newId(), ...rest, askedBy: by, askedAt: ctx.now } } }];
    }
    case 'accept': {
      const r = requireRequest(s, c.requestId);
      if (r.status !== 'open')
        throw new AssistError(409, 'assist_taken', r.acceptedBy ? `already accepted by ${r.acceptedBy}` : `the request is ${r.status}`);
      return [{ type: 'assist:accepted', data: { requestId: r.id, by: c.by } }];
    }
    case 'message': {
      const r = requireRequest(s, c.requestId);
      if (r.status !== 'accepted') throw new AssistError(409, 'assist_not_in_progress', `the request is ${r.status}`);
      return [{ type: 'assist:message', data: { requestId: r.id, message: { from: c.from, by: c.by, text: c.text, at: ctx.now } } }];
    }
    case 'answer': {
      const r = requireRequest(s, c.requestId);
      if (r.status !== 'accepted') throw new AssistError(409, 'assist_not_in_progress', `the request is ${r.status}`);
      return [{ type: 'assist:answered', data: { requestId: r.id, by: c.by, answer: c.answer } }];
    }
    case 'withdraw': {
      const r = requireRequest(s, c.requestId);
      if (r.status !== 'open' && r.status !== 'accepted') throw new AssistError(409, 'assist_closed', `the request is ${r.status}`);
      return [{ type: 'assist:withdrawn', data: { requestId: r.id } }];
    }
    case 'notice':
      return [{ type: 'notice:issued', data: { notice: { id: ctx.newId(), ...c.notice, issuedAt: ctx.now } } }];
  }
}

// evolve takes ownership of the state it is given (the engine holds the only reference): each event
// replaces one request or notice in its map in place (putRequest) instead of copying the whole map,
// which made a replay cost O(n²) in the stream's length.
export function evolveAssist(s: AssistState, e: Stored<AssistEvent>): AssistState {
  const patch = (id: string, f: (r: AssistRequest) => AssistRequest): AssistState => {
    const r = s.requests[id];
    if (r) putRequest(s, f(r));
    return s;
  };
  switch (e.type) {
    case 'assist:requested':
      putRequest(s, { ...e.data.request, status: 'open', messages: [] });
      return s;
    case 'assist:accepted':
      return patch(e.data.requestId, (r) => ({ ...r, status: 'accepted', acceptedBy: e.data.by, acceptedAt: e.at }));
    case 'assist:message':
      return patch(e.data.requestId, (r) => ({ ...r, messages: [...r.messages, e.data.message] }));
    case 'assist:answered':
      return patch(e.data.requestId, (r) => ({ ...r, status: 'answered', answer: e.data.answer, answeredAt: e.at }));
    case 'assist:withdrawn':
      return patch(e.data.requestId, (r) => ({ ...r, status: 'withdrawn', withdrawnAt: e.at }));
    case 'notice:issued':
      s.notices[e.data.notice.id] = e.data.notice;
      return s;
  }
}

/** In place: the state belongs to the engine. The request object is replaced, never mutated. */
function putRequest(s: AssistState, r: AssistRequest) {
  s.requests[r.id] = r;
}

/** Snapshots spaced by the number of requests and notices, so a restart folds only the tail. */
export const assistSnapshots: SnapshotPolicy<AssistState> = {
  every: 500,
  size: (s) => Object.keys(s.requests).length + Object.keys(s.notices).length,
  // The encoded state's shape: bump when it changes (SnapshotPolicy.format).
  format: 1,
};

export const assistDecider: Decider<AssistState, AssistCommand, AssistEvent, void> = {
  initial: initialAssistState,
  decide: noResult(decideAssist),
  evolve: evolveAssist,
};
