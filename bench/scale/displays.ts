// The display side of the scale bench, run as its own process (forked with IPC by bench/scale.ts)
// so the server under test does not share its event loop with a thousand clients. Each request
// from the parent is one message; the answer is one message back.
//   connect  n sockets at once (websocket transport, as display devices connect); answers when
//            every one holds its first snapshot, with the time that took
//   call     sends the trigger request and times the named event's arrival at every socket
// A reconnect storm is two of these processes: one connects the crowd, the other holds the displays
// connected before it and times a call made meanwhile, so the crowd's decoding is not in the timing.
//   close    disconnects every socket
import { io, type Socket } from 'socket.io-client';

export type DisplayRequest =
  | { cmd: 'connect'; url: string; n: number }
  | { cmd: 'call'; trigger: Trigger; event: string; times: number }
  | { cmd: 'close' };

export interface Trigger {
  url: string;
  method: string;
  headers?: Record<string, string>;
}

export interface DisplayAnswer {
  /** Milliseconds until every new socket held a snapshot (connect). */
  servedMs?: number;
  /** Sockets that got no snapshot within the time limit. */
  failed?: number;
  /** Call → event at each socket and call, ms. */
  latencies?: number[];
  /** Sockets that had their snapshot but were disconnected by the time of a call (a missed heartbeat under load). */
  dropped?: number;
  error?: string;
}

const SNAPSHOT_TIMEOUT_MS = 60_000;
const EVENT_TIMEOUT_MS = 10_000;
let sockets: Socket[] = [];

function connectOne(url: string): Promise<Socket | null> {
  const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, timeout: SNAPSHOT_TIMEOUT_MS });
  return new Promise((resolve) => {
    const timer = setTimeout(() => (socket.close(), resolve(null)), SNAPSHOT_TIMEOUT_MS);
    socket.once('snapshot', () => (clearTimeout(timer), resolve(socket)));
    socket.once('connect_error', () => (clearTimeout(timer), socket.close(), resolve(null)));
  });
}

async function connectMany(url: string, n: number): Promise<DisplayAnswer> {
  const t0 = performance.now();
  const got = await Promise.all(Array.from({ length: n }, () => connectOne(url)));
  const servedMs = performance.now() - t0;
  const ok = got.filter((s): s is Socket => s !== null);
  sockets.push(...ok);
  return { servedMs, failed: n - ok.length };
}

/** Sends the trigger once; resolves with the ms from sending to each given socket's receipt of `event`. */
async function timedCall(targets: Socket[], trigger: Trigger, event: string): Promise<number[]> {
  const arrivals = targets.map(
    (s) =>
      new Promise<number>((resolve) => {
        const timer = setTimeout(() => (s.off(event, on), resolve(NaN)), EVENT_TIMEOUT_MS);
        const on = () => (clearTimeout(timer), resolve(performance.now()));
        s.once(event, on);
      }),
  );
  const t0 = performance.now();
  const res = await fetch(trigger.url, { method: trigger.method, headers: trigger.headers });
  if (!res.ok) throw new Error(`trigger ${trigger.url} answered ${res.status}`);
  await res.arrayBuffer();
  return (await Promise.all(arrivals)).map((t) => t - t0);
}

async function handle(req: DisplayRequest): Promise<DisplayAnswer> {
  switch (req.cmd) {
    case 'connect':
      return connectMany(req.url, req.n);
    case 'call': {
      const latencies: number[] = [];
      const before = sockets.length;
      for (let i = 0; i < req.times; i++) {
        sockets = sockets.filter((s) => s.connected);
        latencies.push(...(await timedCall(sockets, req.trigger, req.event)));
        await new Promise((r) => setTimeout(r, 20));
      }
      return { latencies, dropped: before - sockets.length };
    }
    case 'close':
      for (const s of sockets) s.close();
      sockets = [];
      return {};
  }
}

process.on('message', (req: DisplayRequest) => {
  const t0 = performance.now();
  if (process.env.SCALE_DEBUG) console.error(`displays ${process.pid}: ${req.cmd} with ${sockets.length} sockets`);
  handle(req).then(
    (answer) => {
      if (process.env.SCALE_DEBUG) console.error(`displays ${process.pid}: ${req.cmd} done in ${(performance.now() - t0).toFixed(0)} ms, ${answer.failed ?? 0} failed, ${answer.dropped ?? 0} dropped, ${answer.latencies?.filter(Number.isNaN).length ?? 0} missed`);
      process.send!(answer);
    },
    (err: Error) => process.send!({ error: err.message }),
  );
});
process.on('disconnect', () => process.exit(0));
