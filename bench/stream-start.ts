// Start after 20k events: how long a node takes to fold each feature stream (bookings, assist,
// cases) at start, without a snapshot (the whole log) and with the stream's snapshot policy (the
// snapshot plus the longest tail the policy allows), next to the bare cost of reading and parsing
// those events from the store (the floor any replay pays), measured in the same run.
// Runnable alone: `npx tsx bench/stream-start.ts` (STREAM_BENCH_EVENTS=20000 by default).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as appointments from '../server/appointments/domain.ts';
import * as assist from '../server/assist/domain.ts';
import * as cases from '../server/cases/domain.ts';
import { loadDeploymentFile } from '../server/config/load.ts';
import { StreamEngine, type Decider, type SnapshotPolicy, type StreamEvent } from '../server/engine/stream-engine.ts';
import { SqliteEventStore } from '../server/store/sqlite.ts';
import { streams } from '../server/store/streams.ts';
import type { Stream } from '../server/store/port.ts';
/** A feature stream as the bench drives it: any event envelope, any state. */
type FeatureStream = Stream<StreamEvent, unknown>;
import type { Row } from './lib.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.STREAM_BENCH_RUNS ?? 3);
const T0 = Date.parse('2026-11-23T08:00:00+08:00');

type Body = { type: string; data: unknown };

interface StreamCase {
  name: string;
  decider: Decider<unknown, unknown, StreamEvent>;
  policy?: SnapshotPolicy<unknown>;
  /** The i-th pair of events: what a busy stream appends over and over. */
  pair: (i: number) => Body[];
}

function streamCases(): StreamCase[] {
  const hall = loadDeploymentFile(join(ROOT, 'config/demo-hall.yaml')).halls[0]!;
  const slotStart = Date.parse('2026-11-24T09:00:00+08:00');
  const booking = (i: number) => ({
    id: `b${i}`,
    code: `C${String(i).padStart(7, '0')}`,
    serviceId: 'business',
    date: '2026-11-24',
    time: '09:00',
    slotStart,
    slotEnd: slotStart + 30 * 60_000,
    hour: '2026-11-24 09',
    name: '张三',
    phone: `138${String(i).padStart(8, '0')}`,
    status: 'booked',
    bookedAt: T0 + i,
  });
  const counter = { windowId: '1', ticketId: 't', ticketNumber: 'A001', serviceId: 'business' };
  return [
    {
      name: 'bookings (book + cancel)',
      decider: appointments.bookingDecider(hall, hall.appointments!) as unknown as Decider<unknown, unknown, StreamEvent>,
      policy: (appointments as Record<string, unknown>).bookingSnapshots as SnapshotPolicy<unknown> | undefined,
      pair: (i) => [
        { type: 'booking:made', data: { booking: booking(i) } },
        { type: 'booking:cancelled', data: { bookingId: `b${i}` } },
      ],
    },
    {
      name: 'assist (ask + answer)',
      decider: assist.assistDecider as unknown as Decider<unknown, unknown, StreamEvent>,
      policy: (assist as Record<string, unknown>).assistSnapshots as SnapshotPolicy<unknown> | undefined,
      pair: (i) => [
        { type: 'assist:requested', data: { request: { id: `r${i}`, ...counter, question: '材料是否齐全', askedBy: 'clerk', askedAt: T0 + i } } },
        { type: 'assist:answered', data: { requestId: `r${i}`, by: 'approver', answer: '齐全' } },
      ],
    },
    {
      name: 'cases (open + note)',
      decider: cases.caseDecider as unknown as Decider<unknown, unknown, StreamEvent>,
      policy: (cases as Record<string, unknown>).caseSnapshots as SnapshotPolicy<unknown> | undefined,
      pair: (i) => [
        {
          type: 'case:opened',
          data: { case: { id: `k${i}`, number: `BC20261123${String(i % 1000).padStart(3, '0')}`, problem: '无法办理', services: ['business'], openedAt: T0 + i, openedBy: 'desk' } },
        },
        { type: 'case:noted', data: { caseId: `k${i}`, note: { by: 'desk', text: '已联系', at: T0 + i } } },
      ],
    },
  ];
}

async function appendPairs(store: SqliteEventStore, stream: FeatureStream, c: StreamCase, from: number, to: number) {
  let seq = await store.lastSeq(stream);
  for (let i = from; i < to; i += 500) {
    const batch: Body[] = [];
    for (let j = i; j < Math.min(to, i + 500); j++) batch.push(...c.pair(j));
    const events = batch.map((b) => ({ ...b, hallId: 'demo', at: T0 }));
    seq = (await store.append(stream, seq, events)).at(-1)!.seq;
  }
}

async function timeStart(file: string, stream: FeatureStream, c: StreamCase, policy?: SnapshotPolicy<unknown>): Promise<number> {
  const store = new SqliteEventStore(file);
  const engine = new StreamEngine(stream, store, c.decider, { clock: () => T0, snapshots: policy });
  const t0 = performance.now();
  await engine.start();
  const ms = performance.now() - t0;
  // Stopping an engine with a policy would save a snapshot at the end: every run must start from
  // the same one, so only the engine without a policy is stopped.
  if (!policy) await engine.stop();
  await store.close();
  return ms;
}

function row(scenario: string, events: number, ms: number[], note?: string): Row {
  ms.sort((a, b) => a - b);
  const p50 = ms[Math.floor((ms.length - 1) / 2)]!;
  return { scenario, requests: events, rps: Math.round(events / (p50 / 1000)), p50ms: p50, p99ms: ms.at(-1)!, errors: 0, note };
}

export async function runStreamStartBench(opts: { events?: number } = {}): Promise<{ rows: Row[]; baseline: Row }> {
  const events = opts.events ?? Number(process.env.STREAM_BENCH_EVENTS ?? 20_000);
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-stream-bench-'));
  const rows: Row[] = [];
  let baseline: Row | undefined;
  try {
    for (const [n, c] of streamCases().entries()) {
      const stream = (streams as unknown as Record<string, (hall: string) => FeatureStream>)[c.name.split(' ')[0]!]!('demo');
      const pairs = events / 2;
      // Without snapshots: the whole log is folded.
      const full = join(dir, `full-${n}.sqlite`);
      const seed = new SqliteEventStore(full);
      await appendPairs(seed, stream, c, 0, pairs);
      const read: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        const t0 = performance.now();
        await seed.read(stream, 0);
        read.push(performance.now() - t0);
      }
      await seed.close();
      const readRow = row(`read + parse ${events} events, no fold (${c.name})`, events, read, 'the floor of any replay');
      baseline ??= readRow;
      rows.push(readRow);
      const noSnap: number[] = [];
      for (let r = 0; r < RUNS; r++) noSnap.push(await timeStart(full, stream, c));
      rows.push(row(`start after ${events} events, no snapshot (${c.name})`, events, noSnap));
      if (!c.policy) {
        rows.push({ ...row(`start after ${events} events, snapshots (${c.name})`, events, [0]), rps: 0, note: 'no snapshot policy in this version' });
        continue;
      }
      // With snapshots, the worst case: the snapshot is as old as the policy lets it get, so the
      // tail is every + size(state) events long.
      const snapFile = join(dir, `snap-${n}.sqlite`);
      const s2 = new SqliteEventStore(snapFile);
      const probe = c.decider.initial();
      let state = probe;
      for (let i = 0; i < pairs; i++) for (const b of c.pair(i)) state = c.decider.evolve(state, { ...b, hallId: 'demo', at: T0, seq: 0 } as never);
      const tail = Math.min(events, c.policy.every + c.policy.size(state));
      const headPairs = Math.floor((events - tail) / 2);
      await appendPairs(s2, stream, c, 0, headPairs);
      const writer = new StreamEngine(stream, s2, c.decider, { clock: () => T0, snapshots: c.policy });
      await writer.start();
      await writer.stop(); // saves the snapshot at the head
      await appendPairs(s2, stream, c, headPairs, pairs);
      await s2.close();
      const snap: number[] = [];
      for (let r = 0; r < RUNS; r++) snap.push(await timeStart(snapFile, stream, c, c.policy));
      rows.push(row(`start after ${events} events, snapshot + ${events - headPairs * 2}-event tail (${c.name})`, events, snap));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { rows, baseline: baseline! };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { printTable } = await import('./lib.ts');
  const { rows, baseline } = await runStreamStartBench();
  printTable('Feature streams: start after many events (events/s = events ÷ p50 start time)', rows, baseline);
}
