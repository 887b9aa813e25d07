// One hall's assist desk on this node: the assist stream engine, and the consoles namespace that
// carries its events to the right clerk, approvers and admins only.
import type { Namespace } from 'socket.io';
import type { Auth } from '../http/auth.ts';
import type { HallEngine } from '../engine/hall-engine.ts';
import { CONSOLE_NAMESPACE, type AssistEventName, type ConsoleServerToClientEvents } from './contract.ts';
import type { RealtimeGateway } from '../realtime/gateway.ts';
import type { EventStore } from '../store/port.ts';
import { streams } from '../store/streams.ts';
import { StreamEngine, type Clock, type Stored } from '../engine/stream-engine.ts';
import type { Logger } from '../log.ts';
import { consoleIdentityOf, maySee, rooms, type ConsoleIdentity } from './consoles.ts';
import { assistDecider, assistSnapshots } from './domain.ts';
import type { AssistCommand, AssistEvent, AssistState } from './types.ts';

export class AssistDesk {
  readonly stream: StreamEngine<AssistState, AssistCommand, AssistEvent>;

  constructor(
    readonly hall: HallEngine,
    store: EventStore,
    clock: Clock,
    log?: Logger,
  ) {
    this.stream = new StreamEngine(streams.assist(hall.hallId), store, assistDecider, { clock, log, snapshots: assistSnapshots });
  }

  start() {
    return this.stream.start();
  }

  stop() {
    return this.stream.stop();
  }
}

/** The private namespace: token in the handshake, rooms by window, service, approver and admin. */
export function attachConsoles(gateway: RealtimeGateway, consoleAuth: Auth, defaultHallId: string, desks: Map<string, AssistDesk>): () => void {
  const nsp: Namespace<Record<string, never>, ConsoleServerToClientEvents> = gateway.io.of(CONSOLE_NAMESPACE);
  nsp.use((socket, next) => {
    const auth = (socket.handshake.auth ?? {}) as { token?: unknown; hall?: unknown };
    const who = consoleIdentityOf(consoleAuth.identifyCredential(auth.token, socket.handshake.headers.cookie));
    if (!who) return next(new Error('unauthorized'));
    const hallId = typeof auth.hall === 'string' ? auth.hall : defaultHallId;
    if (!desks.has(hallId)) return next(new Error('unknown_hall'));
    if (who.halls && !who.halls.includes(hallId)) return next(new Error('wrong_hall'));
    socket.data = { who, hallId };
    next();
  });
  nsp.on('connection', (socket) => {
    const { who, hallId } = socket.data as { who: ConsoleIdentity; hallId: string };
    const desk = desks.get(hallId)!;
    const join: string[] = [];
    if (who.role === 'admin') join.push(rooms.admin(hallId));
    if (who.role === 'clerk') for (const w of who.windows) join.push(rooms.window(hallId, w));
    if (who.role === 'approver') {
      join.push(rooms.approver(hallId, who.name));
      for (const s of who.services ?? desk.hall.hall.services.map((x) => x.id)) join.push(rooms.service(hallId, s));
    }
    void socket.join(join);
    const requests = Object.values(desk.stream.current.requests).filter(
      (r) => (r.status === 'open' || r.status === 'accepted') && maySee(who, r),
    );
    socket.emit('assist:snapshot', { hallId, eventId: desk.stream.position, requests, you: { role: who.role, name: who.name } });
  });

  const offs = [...desks.values()].map((desk) =>
    desk.stream.onEvents((events, state) => {
      for (const e of events) publish(nsp, desk.hall.hallId, e, state);
    }),
  );
  return () => {
    for (const off of offs) off();
    nsp.disconnectSockets(true);
  };
}

function publish(nsp: Namespace<Record<string, never>, ConsoleServerToClientEvents>, hallId: string, e: Stored<AssistEvent>, state: AssistState) {
  if (e.type === 'notice:issued') return;
  const request = state.requests[e.type === 'assist:requested' ? e.data.request.id : e.data.requestId];
  if (!request) return;
  const targets = [rooms.admin(hallId), rooms.window(hallId, request.windowId)];
  if (e.type === 'assist:message') {
    if (request.acceptedBy) targets.push(rooms.approver(hallId, request.acceptedBy));
  } else {
    // Every approver of the service hears it was asked, taken, answered or withdrawn (lists stay right);
    // the conversation itself stays between the window and the approver who took it.
    targets.push(rooms.service(hallId, request.serviceId));
    if (request.acceptedBy) targets.push(rooms.approver(hallId, request.acceptedBy));
  }
  nsp.to(targets).emit(e.type as AssistEventName, { eventId: e.seq, hallId, at: e.at, request });
}
