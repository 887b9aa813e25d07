// What one live event costs the server when fanned out to DISPLAYS real socket.io clients (in a
// process of their own): CPU ms an event (from /proc, including the writes that complete after the
// emits) and how much heap and off-heap memory the emitting grows by, an event. Appends of
// FANOUT_K events (a group commit's batch) are sent one emit per event (socket.io's broadcast,
// as the gateway did) and in one write per socket (emitInOneWrite, as it does now), alternating in
// the same minutes. Runnable alone: `npx tsx bench/fanout.ts` (SCALE_DISPLAYS, FANOUT_K, FANOUT_APPENDS).
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, type Row } from './lib.ts';
import type { DisplayAnswer, DisplayRequest } from './scale/displays.ts';

const DISPLAYS = Number(process.env.SCALE_DISPLAYS ?? 1000);
const K = Number(process.env.FANOUT_K ?? 10);
const APPENDS = Number(process.env.FANOUT_APPENDS ?? 20);
const ROUNDS = 5;
/** What the displays wait for the last writes to land before CPU is read again. */
const SETTLE_MS = 3000;
const MODES = { each: 'one emit per event (socket.io broadcast)', one: 'one write per socket an append' } as const;

/** A ticket:called of the scale hall's size (20 services' waiting counts, a two-language announcement). */
const PAYLOAD = {
  hallId: 'district',
  at: 1_796_000_000_000,
  ticket: { id: 't-0123456789', number: 'A012', serviceId: 'business', serviceName: '企业开办', lane: 'normal', status: 'called', issuedAt: 1_795_999_000_000, calledAt: 1_796_000_000_000, windowId: '12', windowNumber: 12 },
  window: { id: '12', number: 12, name: '综合窗口 12', status: 'open', current: { number: 'A012', ticketId: 't-0123456789', status: 'called' } },
  waiting: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`service-${i}`, 40 + i])),
  announcement: { phrases: [{ lang: 'zh-CN', text: '请 A 零一二 号 到 12 号窗口办理' }, { lang: 'en', text: 'Number A012, please go to window 12' }], repeat: 2 },
};

/** User + system CPU of a process so far, ms. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function runFanoutBench(): Promise<Row[]> {
  const server = fork(join(ROOT, 'bench/scale/fanout-server.ts'), [], { execArgv: ['--import', 'tsx', '--expose-gc'], env: { ...process.env, PAYLOAD_JSON: JSON.stringify(PAYLOAD) } });
  const displays = fork(join(ROOT, 'bench/scale/displays.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const ask = (req: DisplayRequest) => new Promise<DisplayAnswer>((resolve) => (displays.once('message', resolve), displays.send(req)));
  try {
    const { port } = await new Promise<{ port: number }>((resolve) => server.once('message', resolve));
    const url = `http://127.0.0.1:${port}`;
    const connected = await ask({ cmd: 'connect', url, n: DISPLAYS });
    const events = K * APPENDS;
    const seen = { each: { cpu: [] as number[], grown: [] as number[] }, one: { cpu: [] as number[], grown: [] as number[] } };
    for (let round = 0; round < ROUNDS; round++) {
      for (const mode of ['each', 'one'] as const) {
        const before = cpuMs(server.pid!);
        const { grown } = (await (await fetch(`${url}/?mode=${mode}&k=${K}&appends=${APPENDS}`, { method: 'POST' })).json()) as { grown: number };
        await new Promise((r) => setTimeout(r, SETTLE_MS));
        seen[mode].cpu.push((cpuMs(server.pid!) - before) / events);
        seen[mode].grown.push(grown / events);
      }
    }
    const sockets = DISPLAYS - connected.failed!;
    return (['each', 'one'] as const).map((mode) => ({
      scenario: `${MODES[mode]}: ${APPENDS} appends of ${K} events to ${sockets} displays`,
      requests: events * ROUNDS,
      rps: 0,
      p50ms: median(seen[mode].cpu),
      p99ms: Math.max(...seen[mode].cpu),
      errors: connected.failed!,
      note: `server CPU ms an event (median, max in the p99 column); heap+external grown by ${(median(seen[mode].grown) / 1024).toFixed(0)} KB an event while emitting`,
    }));
  } finally {
    await ask({ cmd: 'close' }).catch(() => undefined);
    displays.disconnect();
    server.kill();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { printTable } = await import('./lib.ts');
  printTable('Fan-out: what one live event costs the server with 1,000 display sockets', await runFanoutBench());
}
