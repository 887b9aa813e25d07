// The baseline of the display rows: a bare socket.io server on a bare http server, in its own
// process. Every connection gets SNAPSHOT_FILE's JSON (the real server's /api/state, read in the
// same run) as its snapshot; POST /emit broadcasts one call-sized event to everyone.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const snapshot = JSON.parse(readFileSync(process.env.SNAPSHOT_FILE!, 'utf8'));
const EVENT = JSON.parse(process.env.EVENT_JSON ?? '{}');
let eventId = 0;

const http = createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/emit') {
    io.emit('ticket:called', { ...EVENT, eventId: ++eventId, at: Date.now() });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ rss: process.memoryUsage().rss }));
});
const io = new Server(http, { serveClient: false });
io.on('connection', (socket) => socket.emit('snapshot', snapshot));
http.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
process.on('SIGTERM', () => io.close(() => process.exit(0)));
