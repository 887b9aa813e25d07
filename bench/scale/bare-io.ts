// The baseline of the display rows: a bare socket.io server on a bare http server, in its own
// process. Every connection gets SNAPSHOT_FILE's JSON (the real server's /api/state, read in the
// same run) as its snapshot; POST /emit broadcasts to everyone, in order, the live events a call
// at the real server sent (EVENTS_JSON: a press of next finishes the window's ticket and calls the
// next one, two events), so both sides deliver the same messages.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const snapshot = JSON.parse(readFileSync(process.env.SNAPSHOT_FILE!, 'utf8'));
const events = JSON.parse(process.env.EVENTS_JSON!) as { name: string; payload: Record<string, unknown> }[];
let eventId = 0;

const http = createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/emit') {
    for (const e of events) io.emit(e.name, { ...e.payload, eventId: ++eventId, at: Date.now() });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ rss: process.memoryUsage().rss }));
});
const io = new Server(http, { serveClient: false });
io.on('connection', (socket) => socket.emit('snapshot', snapshot));
http.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
process.on('SIGTERM', () => io.close(() => process.exit(0)));
