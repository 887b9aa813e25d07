// `npm run voice-agent -- --server URL [--hall id] [--cache dir] [--player paplay|aplay|afplay]`
//
// A standalone announcer for the PC wired to the hall speakers. It follows the live events over
// socket.io, queues every ticket:called / ticket:recalled in order, fetches each phrase's audio
// from the server (or renders it with a local engine when the server sent none) and plays it on
// the local sound device. Without a sound device it logs each announcement and renders only.
import { createHash } from 'node:crypto';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { io, type Socket } from 'socket.io-client';
import type { Announcement, ClientToServerEvents, HandshakeAuth, ServerToClientEvents, TicketEvent } from '../server/realtime/contract.ts';
import { AudioCache } from './audio-cache.ts';
import { writeChime } from './chime.ts';
import type { TtsEngine } from './engines/engine.ts';
import { pickEngine } from './engines/pick.ts';
import { PlayQueue } from './play-queue.ts';
import { findSoundDevice, type SoundDevice } from './sound-device.ts';
import { Speaker } from './speaker.ts';
import { speechFromText } from './templates.ts';

export interface VoiceAgentOptions {
  server: string;
  hall?: string;
  cacheDir: string;
  /** The sound device; `null` for none (log and render only); found on the host when absent. */
  device?: SoundDevice | null;
  /** Local engine for phrases without server audio; picked for the host when absent, `null` for none. */
  engine?: TtsEngine | null;
  maxPending?: number;
  gapMs?: number;
  /** Events older than this when they arrive (replayed after a reconnect) are not announced. */
  staleAfterMs?: number;
  log?: (line: string) => void;
}

export interface VoiceAgent {
  queue: PlayQueue;
  socket: AgentSocket;
  close(): Promise<void>;
}

type Log = (line: string) => void;
type AgentSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export async function startVoiceAgent(opts: VoiceAgentOptions): Promise<VoiceAgent> {
  const log = opts.log ?? ((line: string) => console.log(`${new Date().toISOString()} ${line}`));
  await mkdir(opts.cacheDir, { recursive: true });
  const base = opts.server.replace(/\/+$/, '');
  const queue = await startPlayQueue(opts, base, log);
  const socket = followCalls(opts, base, queue, log);
  return {
    queue,
    socket,
    async close() {
      socket.close();
      queue.close();
      await queue.idle();
    },
  };
}

/** The sound device, the local engine, the chime and the play queue that speaks each announcement in turn. */
async function startPlayQueue(opts: VoiceAgentOptions, base: string, log: Log): Promise<PlayQueue> {
  const device = opts.device === undefined ? findSoundDevice() : (opts.device ?? undefined);
  const engine = opts.engine === undefined ? safePick() : (opts.engine ?? undefined);
  const localCache = engine ? new AudioCache(join(opts.cacheDir, 'local'), engine) : undefined;
  const chimeFile = await writeChime(join(opts.cacheDir, 'chime.wav'));
  log(`voice agent: server ${opts.server}, sound device ${device?.name ?? 'none (log and render only)'}, local engine ${engine?.id ?? 'none'}`);

  // The server's audio when it sent a URL (cached by content hash); rendered locally otherwise or when the download fails.
  const audioFor = async (p: Announcement['phrases'][number]): Promise<string | undefined> => {
    if (p.audioUrl) {
      try {
        return await download(new URL(p.audioUrl, base + '/').toString(), opts.cacheDir);
      } catch (err) {
        log(`voice agent: ${p.audioUrl}: ${(err as Error).message}; rendering locally`);
      }
    }
    return localCache?.ensure(p.lang, speechFromText(p.lang, p.text));
  };

  return new PlayQueue(new Speaker(audioFor, device, { chimeFile, log }), {
    maxPending: opts.maxPending ?? 5,
    gapMs: opts.gapMs ?? 600,
    onDrop: (d) => log(`voice agent: dropped ${d.number} (${d.kind}): calls came faster than they could be spoken`),
    onError: (d, err) => log(`voice agent: ${d.number} not announced: ${(err as Error).message}`),
  });
}

/** Follows the hall's live events and queues each call and recall once, resuming after a drop from the last event seen. */
function followCalls(opts: VoiceAgentOptions, base: string, queue: PlayQueue, log: Log): AgentSocket {
  const auth: HandshakeAuth = {};
  if (opts.hall) auth.hall = opts.hall;
  const socket: AgentSocket = io(base, { auth, transports: ['websocket'] });
  const seen = new Set<number>();
  const onTicket = (kind: 'call' | 'recall') => (e: TicketEvent) => {
    // Resume after a drop: missed events are replayed, but a call from minutes ago is not news.
    auth.lastEventId = Math.max(auth.lastEventId ?? 0, e.eventId);
    if (seen.has(e.eventId) || !e.announcement) return;
    seen.add(e.eventId);
    if (Date.now() - e.at > (opts.staleAfterMs ?? 60_000)) return;
    queue.enqueue({
      id: `${e.hallId}:${e.eventId}`,
      ticketId: e.ticket.id,
      number: e.ticket.number,
      ...(e.window ? { windowId: e.window.id } : {}),
      kind,
      announcement: e.announcement,
    });
  };
  socket.on('ticket:called', onTicket('call'));
  socket.on('ticket:recalled', onTicket('recall'));
  socket.on('snapshot', (s) => (auth.lastEventId = Math.max(auth.lastEventId ?? 0, s.eventId)));
  socket.on('connect', () => log('voice agent: connected'));
  socket.on('disconnect', (reason) => log(`voice agent: disconnected (${reason}); reconnecting`));
  socket.on('connect_error', (err) => log(`voice agent: cannot connect: ${err.message}`));
  return socket;
}

function safePick(): TtsEngine | undefined {
  try {
    return pickEngine(process.env);
  } catch {
    return undefined;
  }
}

/** Downloads an audio URL once into the agent's cache (its name is the server's content hash). */
async function download(url: string, dir: string): Promise<string> {
  const name = /([0-9a-f]{20})\.wav$/.exec(url)?.[1] ?? createHash('sha256').update(url).digest('hex').slice(0, 20);
  const file = join(dir, `${name}.wav`);
  try {
    if ((await stat(file)).size > 44) return file;
  } catch {
    /* not cached yet */
  }
  const res = await fetch(url, { signal: AbortSignal.timeout(15_000) });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, Buffer.from(await res.arrayBuffer()));
  const { rename } = await import('node:fs/promises');
  await rename(tmp, file);
  return file;
}

async function main() {
  const { values } = parseArgs({
    options: {
      server: { type: 'string' },
      hall: { type: 'string' },
      cache: { type: 'string' },
      player: { type: 'string' },
      'max-pending': { type: 'string' },
    },
  });
  if (!values.server) {
    console.error('usage: npm run voice-agent -- --server http://host:3000 [--hall id] [--cache dir] [--player paplay|aplay|afplay]');
    process.exit(2);
  }
  const device = values.player ? findSoundDevice(values.player) : undefined;
  if (values.player && !device) console.error(`${values.player} is not installed; looking for another player`);
  const agent = await startVoiceAgent({
    server: values.server,
    ...(values.hall ? { hall: values.hall } : {}),
    cacheDir: values.cache ?? join(process.env.DATA_DIR ?? './data', 'voice-agent'),
    ...(device ? { device } : {}),
    ...(values['max-pending'] ? { maxPending: Number(values['max-pending']) } : {}),
  });
  const stop = () => void agent.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
