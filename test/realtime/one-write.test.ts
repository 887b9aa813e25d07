// emitInOneWrite against socket.io's own broadcast as the oracle: for random batches of events
// to random rooms, every client receives exactly the frames (byte for byte, in the same order)
// that one io.to(rooms).emit per event gives it; also a client on HTTP long-polling, and clients
// in several rooms of a batch (which get each event once).
import test from 'ava';
import fc from 'fast-check';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as ioClient, type Socket as ClientSocket } from 'socket.io-client';
import WebSocket from 'ws';
import { emitInOneWrite, type RoomEmit } from '../../server/realtime/one-write.ts';

const ROOMS = ['hall', 'w1', 'w2', 'w3'];
/** Each client's rooms: one room, two rooms, and none of the batch's rooms. */
const MEMBERSHIPS = [['hall'], ['hall'], ['w1'], ['w2'], ['w1', 'w2'], ['hall', 'w3'], ['elsewhere']];

/** A raw engine.io/socket.io client over ws: records every text frame the server sends, as is. */
class RawClient {
  readonly frames: string[] = [];
  private readonly ws: WebSocket;
  constructor(url: string, rooms: string[]) {
    this.ws = new WebSocket(`${url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
    this.ws.on('message', (data) => {
      const text = data.toString();
      if (text === '2') return this.ws.send('3'); // engine.io ping
      if (text.startsWith('0')) return this.ws.send(`40${JSON.stringify({ rooms })}`);
      if (text.startsWith('42')) this.frames.push(text);
    });
  }
  close() {
    this.ws.close();
  }
}

interface Hall {
  url: string;
  io: Server;
  http: HttpServer;
  raw: RawClient[];
  polling: { socket: ClientSocket; got: unknown[] };
}

async function startHall(): Promise<Hall> {
  const http = createServer();
  const io = new Server(http, { serveClient: false });
  let connected = 0;
  const all = new Promise<void>((resolve) =>
    io.on('connection', (socket) => {
      for (const room of (socket.handshake.auth as { rooms: string[] }).rooms) void socket.join(room);
      if (++connected === MEMBERSHIPS.length + 1) resolve();
    }),
  );
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const raw = MEMBERSHIPS.map((rooms) => new RawClient(url, rooms));
  const socket = ioClient(url, { transports: ['polling'], auth: { rooms: ['hall', 'w1'] }, forceNew: true, reconnection: false });
  const got: unknown[] = [];
  socket.onAny((name, payload) => got.push([name, payload]));
  await all;
  return { url, io, http, raw, polling: { socket, got } };
}

/** Resolves once the marker event (sent to everyone, alone) reached every client. */
async function settled(hall: Hall, marker: number): Promise<void> {
  hall.io.emit('marker', marker);
  const has = () =>
    hall.raw.every((c) => c.frames.some((f) => f === `42["marker",${marker}]`)) && hall.polling.got.some((g) => JSON.stringify(g) === `["marker",${marker}]`);
  while (!has()) await new Promise((r) => setTimeout(r, 10));
}

/** What each client got since its last take, without the markers. */
function take(hall: Hall): { raw: string[][]; polling: unknown[] } {
  const raw = hall.raw.map((c) => c.frames.splice(0).filter((f) => !f.startsWith('42["marker"')));
  const polling = hall.polling.got.splice(0).filter((g) => (g as unknown[])[0] !== 'marker');
  return { raw, polling };
}

const roomsArb = fc.oneof(fc.constantFrom(...ROOMS), fc.uniqueArray(fc.constantFrom(...ROOMS), { minLength: 1, maxLength: 3 }));
const emitArb = fc.record({
  rooms: roomsArb,
  name: fc.constantFrom('ticket:called', 'ticket:issued', 'window:updated', 'snapshot'),
  payload: fc.record({ eventId: fc.nat(), text: fc.string({ unit: 'grapheme' }), waiting: fc.dictionary(fc.string(), fc.nat()), big: fc.constantFrom('', 'x'.repeat(200), '号'.repeat(30_000)) }),
});

let hall: Hall;
test.before(async () => {
  hall = await startHall();
});
test.after.always(async () => {
  for (const c of hall?.raw ?? []) c.close();
  hall?.polling.socket.close();
  hall?.io.close();
});

test.serial('every WebSocket client gets byte for byte, in order, the frames one broadcast per event gives it; a polling client the same events', async (t) => {
  let marker = 0;
  let batches = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(emitArb, { minLength: 0, maxLength: 12 }), async (emits: RoomEmit[]) => {
      take(hall);
      emitInOneWrite(hall.io, emits);
      await settled(hall, ++marker);
      const batched = take(hall);
      for (const e of emits) hall.io.to(e.rooms as string[]).emit(e.name, e.payload);
      await settled(hall, ++marker);
      const oracle = take(hall);
      t.deepEqual(batched.raw, oracle.raw);
      t.deepEqual(batched.polling, oracle.polling);
      batches++;
    }),
    { numRuns: 60 },
  );
  t.log(`${batches} random batches compared`);
});

test.serial('a client in two rooms of a batch gets each event once; a client in none gets nothing', async (t) => {
  take(hall);
  emitInOneWrite(hall.io, [
    { rooms: ['w1', 'w2'], name: 'ticket:called', payload: { eventId: 1 } },
    { rooms: 'w2', name: 'ticket:finished', payload: { eventId: 2 } },
    { rooms: ['hall', 'w1'], name: 'ticket:issued', payload: { eventId: 3 } },
  ]);
  await settled(hall, 1_000_000);
  const { raw } = take(hall);
  const inW1AndW2 = MEMBERSHIPS.findIndex((m) => m.join() === 'w1,w2');
  t.deepEqual(raw[inW1AndW2], ['42["ticket:called",{"eventId":1}]', '42["ticket:finished",{"eventId":2}]', '42["ticket:issued",{"eventId":3}]']);
  t.deepEqual(raw[MEMBERSHIPS.findIndex((m) => m[0] === 'elsewhere')], []);
});
