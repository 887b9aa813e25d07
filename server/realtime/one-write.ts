// Sends the live events of one append (a group commit of many presses) to every socket of their
// rooms with one write per socket, not one per event and socket. socket.io's broadcast already
// encodes an event once and shares its WebSocket frame, but still hands every socket one engine.io
// packet, one ws frame and a net write per event: with 1,000 displays and a batch of ten events
// that is 10,000 writes (and their short-lived objects, which pile up while the CPU is starved)
// where 1,000 carry the same bytes. Here each event is encoded once, its WebSocket frame built
// once, and the frames a socket is owed are concatenated in order into one Buffer shared by every
// socket owed the same events (all the hall's wall displays, all of one window's displays): the
// bytes on the wire are exactly those of the separate emits, back to back.
import WebSocket from 'ws';
import type { Namespace, Server } from 'socket.io';

export interface RoomEmit {
  /** The rooms of the default namespace that get it; a socket in more than one gets it once. */
  rooms: string | readonly string[];
  name: string;
  payload: unknown;
}

/** socket.io-parser's packet type of an event; engine.io's "message" packet type is "4". */
const EVENT_PACKET = 2;
const ENGINE_MESSAGE = '4';

/** The parts of socket.io and engine.io this reads (not in their public typings). */
interface EngineConn {
  transport: { name: string };
  write(data: string | Buffer, options: { wsPreEncodedFrame?: Buffer[] }): void;
}
interface Encoder {
  encode(packet: { type: number; nsp: string; data: unknown[] }): unknown[];
}
type FrameOf = (data: Buffer, options: { readOnly: boolean; mask: boolean; rsv1: boolean; opcode: number; fin: boolean }) => Buffer[];
const frameOf = (WebSocket as unknown as { Sender: { frame: FrameOf } }).Sender.frame;

/** Emits each event to its rooms, in order; each socket gets the events it is owed in one write. */
export function emitInOneWrite(io: Server, emits: readonly RoomEmit[]): void {
  const encoded = emits.map((e) => encodeEvent(io, e));
  if (emits.length < 2 || encoded.some((e) => e === null) || perMessageDeflate(io)) {
    for (const e of emits) io.to(e.rooms as string | string[]).emit(e.name as never, e.payload as never);
    return;
  }
  const nsp = io.of('/');
  const byRoom = eventsByRoom(emits);
  const frames = new Map<string, Buffer[]>();
  /** The frame of each room's events, for the sockets in that room alone (no key to build per socket). */
  const roomFrames = new Map<string, Buffer[]>();
  const frameOfEvents = (indices: readonly number[]) => {
    const key = indices.join(',');
    let frame = frames.get(key);
    if (!frame) frames.set(key, (frame = [Buffer.concat(indices.flatMap((i) => wsFrame(encoded[i]!)))]));
    return frame;
  };
  for (const [room, indices] of byRoom) {
    for (const socketId of nsp.adapter.rooms.get(room) ?? []) {
      // Most sockets are in one room of the batch and share its frame; one in several gets the
      // union of their events, in order, once (sent while going through the first of them).
      const rooms = roomsOfBatch(nsp, socketId, byRoom);
      if (rooms.length > 1 && rooms[0] !== room) continue;
      const owed = rooms.length > 1 ? union(rooms.map((r) => byRoom.get(r)!)) : indices;
      const conn = connOf(nsp, socketId);
      if (!conn) continue;
      if (conn.transport.name !== 'websocket') {
        for (const i of owed) conn.write(encoded[i]!, {});
        continue;
      }
      const frame = rooms.length > 1 ? frameOfEvents(owed) : (roomFrames.get(room) ?? roomFrames.set(room, frameOfEvents(owed)).get(room)!);
      // The Buffer is the packet's data too, so the slow-consumer guard counts its bytes.
      conn.write(frame[0]!, { wsPreEncodedFrame: frame });
    }
  }
}

/** Each room of the batch with the indices of its events, in order; rooms in order of first event. */
function eventsByRoom(emits: readonly RoomEmit[]): Map<string, number[]> {
  const byRoom = new Map<string, number[]>();
  emits.forEach((e, i) => {
    for (const room of typeof e.rooms === 'string' ? [e.rooms] : e.rooms) {
      const list = byRoom.get(room);
      if (!list) byRoom.set(room, [i]);
      else if (list.at(-1) !== i) list.push(i);
    }
  });
  return byRoom;
}

/** The rooms of the batch this socket is in, in the batch's order (a socket is in few rooms). */
function roomsOfBatch(nsp: Namespace, socketId: string, byRoom: Map<string, number[]>): string[] {
  const rooms: string[] = [];
  for (const room of nsp.adapter.sids.get(socketId) ?? []) if (byRoom.has(room)) rooms.push(room);
  if (rooms.length > 1) {
    const order = [...byRoom.keys()];
    rooms.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  }
  return rooms;
}

function union(lists: number[][]): number[] {
  return [...new Set(lists.flat())].sort((a, b) => a - b);
}

/** The event as socket.io encodes it (without engine.io's type), or null if it has binary parts. */
function encodeEvent(io: Server, e: RoomEmit): string | null {
  const encoder = (io as unknown as { encoder: Encoder }).encoder;
  const parts = encoder.encode({ type: EVENT_PACKET, nsp: '/', data: [e.name, e.payload] });
  return parts.length === 1 && typeof parts[0] === 'string' ? parts[0] : null;
}

/** One unmasked, uncompressed text frame, as socket.io-adapter pre-encodes a broadcast. */
function wsFrame(encoded: string): Buffer[] {
  return frameOf(Buffer.from(ENGINE_MESSAGE + encoded), { readOnly: false, mask: false, rsv1: false, opcode: 1, fin: true });
}

function connOf(nsp: Namespace, socketId: string): EngineConn | undefined {
  const socket = nsp.sockets.get(socketId);
  if (!socket?.connected) return undefined;
  return (socket as unknown as { client: { conn: EngineConn } }).client.conn;
}

function perMessageDeflate(io: Server): boolean {
  return !!(io.engine as unknown as { opts: { perMessageDeflate?: unknown } }).opts.perMessageDeflate;
}
