// The server side of bench/fanout.ts, in its own process: a bare socket.io server whose sockets
// all join one room. POST /emit?mode=each|one&k=&appends= sends `appends` appends of k ticket
// events (PAYLOAD_JSON, with its own event id each), as one emit per event (socket.io's broadcast)
// or through emitInOneWrite, and answers how much the heap and off-heap memory grew meanwhile.
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { emitInOneWrite, type RoomEmit } from '../../server/realtime/one-write.ts';

const ROOM = 'hall:bench';
const payload = JSON.parse(process.env.PAYLOAD_JSON!) as Record<string, unknown>;
let eventId = 0;

function emitAppends(mode: string, k: number, appends: number) {
  for (let a = 0; a < appends; a++) {
    const emits: RoomEmit[] = Array.from({ length: k }, () => ({ rooms: ROOM, name: 'ticket:called', payload: { ...payload, eventId: ++eventId } }));
    if (mode === 'one') emitInOneWrite(io, emits);
    else for (const e of emits) io.to(ROOM).emit(e.name, e.payload);
  }
}

const http = createServer((req, res) => {
  const query = new URL(req.url!, 'http://bench').searchParams;
  global.gc?.();
  const before = process.memoryUsage();
  emitAppends(query.get('mode')!, Number(query.get('k')), Number(query.get('appends')));
  const after = process.memoryUsage();
  const grown = after.heapUsed + after.external - (before.heapUsed + before.external);
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ grown }));
});
const io = new Server(http, { serveClient: false });
io.on('connection', (socket) => {
  void socket.join(ROOM);
  socket.emit('snapshot', {});
});
http.listen(0, '127.0.0.1', () => process.send!({ port: (http.address() as { port: number }).port }));
