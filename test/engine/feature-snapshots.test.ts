// The bookings, assist, cases, ratings and attendance streams are snapshotted: a node that restarts
// after many events (here: after a crash, so the last events are not in any snapshot) reads only the
// events after its snapshot, and ends in the same state as a fold of the whole log from scratch. The
// shape of each one's saved state is recorded with its snapshot format (../helpers/json-shape.ts).
import test from 'ava';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bookingDecider, bookingSnapshots } from '../../server/appointments/domain.ts';
import { assistDecider, assistSnapshots } from '../../server/assist/domain.ts';
import { caseDecider, caseSnapshots } from '../../server/cases/domain.ts';
import { ratingDecider, ratingSnapshots } from '../../server/ratings/domain.ts';
import { ratingsConfigOf } from '../../server/ratings/config.ts';
import { attendanceDecider, attendanceSnapshots } from '../../server/staff/attendance-domain.ts';
import { loadDeploymentFile } from '../../server/config/load.ts';
import type { Envelope, Stored } from '../../server/domain/envelope.ts';
import type { Stream } from '../../server/store/port.ts';
import { streams } from '../../server/store/streams.ts';
import { StreamEngine, type Decider, type SnapshotPolicy, type StreamEvent } from '../../server/engine/stream-engine.ts';
import { SqliteEventStore } from '../../server/store/sqlite.ts';
import { assertRecordedShape } from '../helpers/json-shape.ts';

const hall = loadDeploymentFile(new URL('../../config/demo-hall.yaml', import.meta.url).pathname).halls[0]!;
/** Monday 2026-11-23 08:00 in Shanghai: the demo hall's slots of the week are ahead. */
const NOW = Date.parse('2026-11-23T08:00:00+08:00');
const slot = (day: number, half: number) => Date.parse(`2026-11-${24 + day}T09:00:00+08:00`) + half * 30 * 60_000;

/** Remembers from where each read of the log started. */
class CountingStore extends SqliteEventStore {
  reads: { afterSeq: number; got: number }[] = [];
  override async read<E extends Envelope>(stream: Stream<E, unknown>, afterSeq: number, limit?: number): Promise<Stored<E>[]> {
    const events = await super.read(stream, afterSeq, limit);
    this.reads.push({ afterSeq, got: events.length });
    return events;
  }
}

interface Case<S, C> {
  name: string;
  decider: Decider<S, C, StreamEvent>;
  policy: SnapshotPolicy<S>;
  /** The commands of the i-th round: what a busy stream sees over and over. */
  round: (i: number, state: S) => C[];
}

const cases: Case<any, any>[] = [
  {
    name: 'bookings',
    decider: bookingDecider(hall, hall.appointments!) as Decider<any, any, StreamEvent>,
    policy: bookingSnapshots,
    round: (i, s) => {
      const book = { type: 'book', serviceId: 'business', slotStart: slot(i % 4, i % 6), name: '张三', phone: `138${String(i).padStart(8, '0')}` };
      if (i % 7 === 0) return [book];
      // Cancel the booking just made (found by its phone): book-and-cancel, the abuse pattern.
      return [book, { type: 'cancelLast', phone: book.phone }];
    },
  },
  {
    name: 'assist',
    decider: assistDecider as Decider<any, any, StreamEvent>,
    policy: assistSnapshots,
    round: (i) => [
      { type: 'ask', windowId: String(1 + (i % 7)), ticketId: `t${i}`, ticketNumber: 'A001', serviceId: 'business', question: '材料?', by: 'clerk' },
      { type: 'acceptLast', windowId: String(1 + (i % 7)) },
      { type: 'answerLast', windowId: String(1 + (i % 7)) },
    ],
  },
  {
    name: 'cases',
    decider: caseDecider as Decider<any, any, StreamEvent>,
    policy: caseSnapshots,
    round: (i) => [
      { type: 'open', problem: '办不成', services: ['business'], by: 'desk', serviceDay: `2026-11-${String(23 + (i % 5)).padStart(2, '0')}` },
      { type: 'noteLast', text: '已联系' },
      ...(i % 3 === 0 ? [{ type: 'resolveLast' }] : []),
    ],
  },
  {
    name: 'ratings',
    decider: ratingDecider(ratingsConfigOf(hall)) as Decider<any, any, StreamEvent>,
    policy: ratingSnapshots,
    round: (i) => [
      {
        type: 'rate',
        ticket: { id: `t${i}`, number: `A${String(i % 1000).padStart(3, '0')}`, serviceId: 'business', status: 'done', windowId: String(1 + (i % 6)), finishedAt: NOW - 3_600_000 },
        level: ['very_satisfied', 'satisfied', 'dissatisfied'][i % 3],
        reasons: i % 3 === 2 ? ['wait'] : [],
        via: i % 2 ? 'device' : 'status',
      },
    ],
  },
  {
    name: 'attendance',
    decider: attendanceDecider as Decider<any, any, StreamEvent>,
    policy: attendanceSnapshots,
    round: (i) => {
      const day = `2026-11-${String(23 + (Math.floor(i / 40) % 5)).padStart(2, '0')}`;
      const session = { id: `s${i}`, staffId: `p${i % 9}`, staffNumber: `0${i % 9}`, name: '王芳', serviceDay: day, signedInAt: NOW + i, expiresAt: NOW + i + 3_600_000 };
      // Sign-ins at five windows (a later one replaces who forgot to sign out), at a desk, sign-outs, day ends.
      return [
        { type: 'signIn', session: i % 4 === 3 ? session : { ...session, windowId: String(1 + (i % 5)) } },
        ...(i % 3 === 0 ? [{ type: 'signOut', sessionId: `s${i}`, reason: 'person' }] : []),
        ...(i % 40 === 39 ? [{ type: 'endDay', serviceDay: day }] : []),
      ];
    },
  },
];

/** Resolves the "…Last" commands of a round against the state (they name the entry just made). */
function concrete(name: string, c: any, s: any): any {
  if (name === 'bookings' && c.type === 'cancelLast') {
    const b = Object.values<any>(s.bookings).find((x) => x.phone === c.phone && x.status === 'booked');
    return { type: 'cancel', code: b.code };
  }
  if (name === 'assist' && c.type.endsWith('Last')) {
    const r = Object.values<any>(s.requests).find((x) => x.windowId === c.windowId && (x.status === 'open' || x.status === 'accepted'));
    return c.type === 'acceptLast' ? { type: 'accept', requestId: r.id, by: 'approver' } : { type: 'answer', requestId: r.id, by: 'approver', answer: '齐全' };
  }
  if (name === 'cases' && c.type.endsWith('Last')) {
    const k = Object.values<any>(s.cases).at(-1);
    return c.type === 'noteLast' ? { type: 'note', caseId: k.id, text: c.text, by: 'desk' } : { type: 'resolve', caseId: k.id, resolution: '已办', followUp: false, by: 'desk' };
  }
  return c;
}

for (const c of cases) {
  test(`${c.name}: a restart reads only the events after the snapshot and ends where a full replay ends`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'ow-feature-snap-'));
    t.teardown(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'log.sqlite');
    const stream = (streams as unknown as Record<string, (hall: string) => Stream<any, any>>)[c.name]!('demo');

    const store1 = new SqliteEventStore(file);
    const first = new StreamEngine(stream, store1, c.decider, { clock: () => NOW, snapshots: c.policy });
    await first.start();
    for (let i = 0; (await store1.lastSeq(stream)) < 2600; i++)
      for (const cmd of c.round(i, first.current)) await first.execute(concrete(c.name, cmd, first.current));
    // A crash: the engine is never stopped, so the events after its last periodic snapshot are only in the log.
    const lastSeq = await store1.lastSeq(stream);
    const snap = await store1.loadSnapshot(stream, c.policy.format);
    t.truthy(snap, 'a snapshot was saved while the stream grew');
    t.true(snap!.seq > 0 && snap!.seq < lastSeq, `snapshot at ${snap!.seq} of ${lastSeq}: there is a tail to fold`);

    const store2 = new CountingStore(file);
    t.teardown(() => store2.close());
    const restarted = new StreamEngine(stream, store2, c.decider, { clock: () => NOW, snapshots: c.policy });
    await restarted.start();
    t.is(store2.reads[0]!.afterSeq, snap!.seq, 'the first read starts after the snapshot');
    t.is(
      store2.reads.reduce((n, r) => n + r.got, 0),
      lastSeq - snap!.seq,
      'only the tail is read',
    );
    t.is(restarted.position, lastSeq);

    // Oracle: fold the whole log from scratch, one event after another.
    let oracle = c.decider.initial();
    for (const e of await store1.read(stream, 0)) oracle = c.decider.evolve(oracle, e as any);
    t.deepEqual(JSON.parse(JSON.stringify(restarted.current)), JSON.parse(JSON.stringify(oracle)));
    t.deepEqual(JSON.parse(JSON.stringify(first.current)), JSON.parse(JSON.stringify(oracle)), 'the live node agrees too');
    await store1.close();
  });

  test(`${c.name}: the shape of a saved state changes only with its snapshot format`, async (t) => {
    const stream = (streams as unknown as Record<string, (hall: string) => Stream<any, any>>)[c.name]!('demo');
    const store = new SqliteEventStore(':memory:');
    t.teardown(() => store.close());
    let ids = 0;
    const engine = new StreamEngine(stream, store, c.decider, { clock: () => NOW, newId: () => `s${String(++ids).padStart(11, "0")}`, snapshots: c.policy });
    await engine.start();
    for (let i = 0; i < 8; i++) for (const cmd of c.round(i, engine.current)) await engine.execute(concrete(c.name, cmd, engine.current));
    assertRecordedShape(t, c.name, c.policy.format, JSON.stringify(engine.current), `the format of its SnapshotPolicy, ${c.name}`);
  });
}
