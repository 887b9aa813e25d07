// The EventStore port contract, as one ava suite every adapter runs (sqlite.test.ts, redis.test.ts).
// A factory opens a store on a named backing space; two calls with the same name give two
// instances (think: two server nodes) on one shared backing store, so the cross-instance rules —
// one winner per seq, wake-ups, snapshots — are tested the way production meets them.
// The stream contract runs on two kinds of stream with different event and snapshot types (the
// hall's own events and the bookings feature's, ./stream-kinds.ts); then the two side by side.
import test from 'ava';
import { loadDeploymentFile } from '../../server/config/load.ts';
import { HallEngine } from '../../server/engine/hall-engine.ts';
import { VersionConflict, type Envelope, type EventStore, type Stored, type Stream } from '../../server/store/port.ts';
import { streams } from '../../server/store/streams.ts';
import { bookingEvents, hallEvents, type StreamKind } from './stream-kinds.ts';

export type StoreFactory = (space: string) => Promise<EventStore>;
type Open = (t: { teardown(fn: () => Promise<void>): void }, count?: number) => Promise<EventStore[]>;

const DAY = 86_400_000;
let spaces = 0;

const seqs = (events: { seq: number }[]) => events.map((e) => e.seq);

async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Appends one event, re-reading the last seq on every conflict, as a node's engine would. */
async function appendWithRetry<E extends Envelope>(store: EventStore, stream: Stream<E, unknown>, event: E): Promise<number> {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const last = await store.lastSeq(stream);
    try {
      const [stored] = await store.append(stream, last, [event]);
      return stored!.seq;
    } catch (err) {
      if (!(err instanceof VersionConflict)) throw err;
    }
  }
  throw new Error('no progress after 1000 conflicts');
}

export function storeConformance(name: string, factory: StoreFactory): void {
  /** Opens `count` instances on one fresh backing store; closed when the test ends. */
  const open: Open = async (t, count = 1) => {
    const space = `${name}-${process.pid}-${++spaces}`;
    const stores: EventStore[] = [];
    for (let i = 0; i < count; i++) stores.push(await factory(space));
    t.teardown(async () => {
      for (const s of stores) await s.close();
    });
    return stores;
  };
  streamContract(name, hallEvents, open);
  streamContract(name, bookingEvents, open);
  streamsSideBySide(name, open);
  hallEnginesContract(name, open);
}

/** The contract of one stream, on one kind of event. */
function streamContract<E extends Envelope, S>(adapter: string, kind: StreamKind<E, S>, open: Open): void {
  const name = `${adapter} ${kind.label}`;
  const ev = kind.event;
  const marks = (events: E[]) => events.map(kind.mark);
  const h = kind.stream('h');

  test(`${name}: appends get seq 1, 2, 3 … and read back in order`, async (t) => {
    const [store] = await open(t);
    t.is(await store!.lastSeq(h), 0);
    t.deepEqual(await store!.read(h, 0), []);
    const written = [ev('h', 'a'), ev('h', 'b'), ev('h', 'c')];
    const first = await store!.append(h, 0, written.slice(0, 1));
    const next = await store!.append(h, 1, written.slice(1));
    t.deepEqual(seqs(first), [1]);
    t.deepEqual(seqs(next), [2, 3]);
    const all = await store!.read(h, 0);
    t.deepEqual(seqs(all), [1, 2, 3]);
    t.deepEqual(marks(all), ['a', 'b', 'c']);
    t.deepEqual(all, written.map((e, i) => ({ ...e, seq: i + 1 })), 'every field of the envelope comes back as written');
    t.deepEqual([...first, ...next], all, 'append answers what read returns');
    t.is(await store!.lastSeq(h), 3);
  });

  test(`${name}: a stale or future expectedSeq is a VersionConflict and writes nothing`, async (t) => {
    const [store] = await open(t);
    await store!.append(h, 0, [ev('h', 'a'), ev('h', 'b')]);
    const stale = await t.throwsAsync(store!.append(h, 1, [ev('h', 'x')]), { instanceOf: VersionConflict });
    t.is(stale!.expectedSeq, 1);
    t.is(stale!.actualSeq, 2);
    t.is(stale!.streamId, h.id);
    await t.throwsAsync(store!.append(h, 5, [ev('h', 'y')]), { instanceOf: VersionConflict });
    await t.throwsAsync(store!.append(h, 0, [ev('h', 'z')]), { instanceOf: VersionConflict });
    t.deepEqual(marks(await store!.read(h, 0)), ['a', 'b']);
    t.is(await store!.lastSeq(h), 2);
  });

  test(`${name}: a multi-event append is all or nothing`, async (t) => {
    const [store] = await open(t);
    const batch = await store!.append(h, 0, [ev('h', 'a'), ev('h', 'b'), ev('h', 'c')]);
    t.deepEqual(seqs(batch), [1, 2, 3]);
    // A conflicting batch must not leave a partial prefix behind.
    await t.throwsAsync(store!.append(h, 2, [ev('h', 'x'), ev('h', 'y')]), { instanceOf: VersionConflict });
    t.deepEqual(marks(await store!.read(h, 0)), ['a', 'b', 'c']);
    t.deepEqual(seqs(await store!.append(h, 3, [])), []);
    t.is(await store!.lastSeq(h), 3);
  });

  test(`${name}: appends of 1 to 70 events (across any statement chunking) read back once each, in order, as written`, async (t) => {
    const [store] = await open(t);
    const sizes = [1, 31, 32, 33, 64, 65, 70, 2];
    const written: E[] = [];
    for (const size of sizes) {
      const batch = Array.from({ length: size }, (_, i) => ev('h', `b${written.length + i}`));
      const answered = await store!.append(h, written.length, batch);
      t.deepEqual(seqs(answered), batch.map((_, i) => written.length + i + 1), `a batch of ${size}`);
      written.push(...batch);
    }
    const all = await store!.read(h, 0);
    t.deepEqual(all, written.map((e, i) => ({ ...e, seq: i + 1 })));
    t.is(await store!.lastSeq(h), written.length);
  });

  test(`${name}: an append whose 40th event cannot be encoded writes none of its events`, async (t) => {
    const [store] = await open(t);
    await store!.append(h, 0, [ev('h', 'a')]);
    const batch = Array.from({ length: 50 }, (_, i) => ev('h', `x${i}`));
    // JSON cannot encode a BigInt: the failure comes after the first chunk of rows is in.
    batch[39] = { ...batch[39]!, data: { n: 1n } };
    await t.throwsAsync(store!.append(h, 1, batch));
    t.deepEqual(marks(await store!.read(h, 0)), ['a']);
    t.is(await store!.lastSeq(h), 1);
    t.deepEqual(seqs(await store!.append(h, 1, [ev('h', 'b')])), [2], 'the stream goes on from where it was');
  });

  test(`${name}: concurrent appenders on several instances: one winner per seq, no gaps, no duplicates`, async (t) => {
    const stores = await open(t, 4);
    const perWriter = 25;
    const won = await Promise.all(
      stores.map(async (store, w) => {
        const mine: number[] = [];
        for (let i = 0; i < perWriter; i++) mine.push(await appendWithRetry(store, h, ev('h', `w${w}-${i}`)));
        return mine;
      }),
    );
    const total = stores.length * perWriter;
    const all = await stores[0]!.read(h, 0);
    t.deepEqual(seqs(all), Array.from({ length: total }, (_, i) => i + 1));
    t.is(new Set(marks(all)).size, total, 'every event stored exactly once');
    // Each writer's own events keep its order, and the seq each was told is where it really is.
    for (const [w, mine] of won.entries()) {
      t.deepEqual(mine.map((s) => marks(all)[s - 1]), Array.from({ length: perWriter }, (_, i) => `w${w}-${i}`));
    }
    // Every instance sees the same log.
    for (const s of stores) t.is(await s.lastSeq(h), total);
  });

  test(`${name}: racing the same expectedSeq from several instances: exactly one wins`, async (t) => {
    const stores = await open(t, 4);
    await stores[0]!.append(h, 0, [ev('h', 'base')]);
    const results = await Promise.allSettled(stores.map((s, i) => s.append(h, 1, [ev('h', `r${i}`), ev('h', `r${i}b`)])));
    const winners = results.filter((r) => r.status === 'fulfilled');
    t.is(winners.length, 1);
    for (const r of results) if (r.status === 'rejected') t.true(r.reason instanceof VersionConflict);
    t.is(await stores[3]!.lastSeq(h), 3);
  });

  test(`${name}: read with afterSeq and limit`, async (t) => {
    const [store] = await open(t);
    await store!.append(h, 0, 'abcdefghij'.split('').map((m) => ev('h', m)));
    t.deepEqual(marks(await store!.read(h, 3)), ['d', 'e', 'f', 'g', 'h', 'i', 'j']);
    t.deepEqual(seqs(await store!.read(h, 3, 2)), [4, 5]);
    t.deepEqual(await store!.read(h, 10), []);
    t.deepEqual(await store!.read(h, 99, 5), []);
    t.deepEqual(seqs(await store!.read(h, 0, 1)), [1]);
  });

  test(`${name}: readRange returns events with at in [from, to), across days, in seq order`, async (t) => {
    const [store] = await open(t);
    const day0 = Date.UTC(2026, 10, 26);
    // Times straddle a midnight, and one node's clock runs behind (seq 4 is earlier than seq 3).
    const times = [day0 + 1000, day0 + DAY - 1, day0 + DAY + 5000, day0 + DAY + 10, day0 + 2 * DAY + 1];
    await store!.append(h, 0, times.map((at, i) => ev('h', `e${i + 1}`, at)));
    t.deepEqual(seqs(await store!.readRange(h, day0, day0 + 3 * DAY)), [1, 2, 3, 4, 5]);
    t.deepEqual(seqs(await store!.readRange(h, day0 + DAY - 1, day0 + DAY + 5000)), [2, 4], 'from inclusive, to exclusive');
    t.deepEqual(seqs(await store!.readRange(h, day0 + DAY, day0 + 2 * DAY)), [3, 4]);
    t.deepEqual(seqs(await store!.readRange(h, day0 + 1001, day0 + DAY - 1)), []);
    t.deepEqual(seqs(await store!.readRange(h, 0, Number.MAX_SAFE_INTEGER)), [1, 2, 3, 4, 5]);
    t.deepEqual(marks(await store!.readRange(h, day0 + 2 * DAY, day0 + 3 * DAY)), ['e5']);
  });

  test(`${name}: readRange over more events than one read chunk (1000) returns each once, in seq order`, async (t) => {
    const [store] = await open(t);
    const day0 = Date.UTC(2026, 10, 26);
    // 2,600 events over three days, a minute apart, and every seventh from a clock 90 s behind
    // (so times do not rise with seq), some sharing an instant.
    const times = Array.from({ length: 2600 }, (_, i) => day0 + Math.floor(i / 2) * 100_000 - (i % 7 === 0 ? 90_000 : 0));
    for (let i = 0; i < times.length; i += 400)
      await store!.append(h, i, times.slice(i, i + 400).map((at, j) => ev('h', `m${i + j + 1}`, at)));
    // Oracle: a plain filter over what was written.
    const expected = (from: number, to: number) => times.flatMap((at, i) => (at >= from && at < to ? [i + 1] : []));
    for (const [from, to] of [
      [0, Number.MAX_SAFE_INTEGER],
      [day0, day0 + DAY],
      [day0 + DAY / 2, day0 + 2 * DAY + 12_345],
      [day0 + 3 * 60_000, day0 + 3 * 60_000 + 1],
    ] as const) {
      const got = await store!.readRange(h, from, to);
      t.deepEqual(seqs(got), expected(from, to), `[${from - day0}, ${to - day0})`);
      t.deepEqual(marks(got), expected(from, to).map((s) => `m${s}`));
    }
    t.true(expected(0, Number.MAX_SAFE_INTEGER).length > 2000);
  });

  test(`${name}: snapshots: save and load on another instance; an older one never replaces a newer one`, async (t) => {
    const [a, b] = await open(t, 2);
    t.is(await a!.loadSnapshot(h), null);
    const state = (seq: number) => kind.state('h', seq);
    await a!.saveSnapshot(h, { seq: 10, state: state(10) });
    t.deepEqual(await b!.loadSnapshot(h), { seq: 10, state: state(10) });
    await b!.saveSnapshot(h, { seq: 7, state: state(7) });
    await b!.saveSnapshot(h, { seq: 10, state: state(99) });
    t.deepEqual(await a!.loadSnapshot(h), { seq: 10, state: state(10) });
    await b!.saveSnapshot(h, { seq: 12, state: state(12) });
    t.is((await a!.loadSnapshot(h))!.seq, 12);
    t.is(await a!.loadSnapshot(kind.stream('other')), null);
  });

  test(`${name}: snapshots of different formats are kept apart, each kept from going back, and deleted one format at a time`, async (t) => {
    const [a, b] = await open(t, 2);
    const state = (seq: number) => kind.state('h', seq);
    await a!.saveSnapshot(h, { seq: 10, state: state(10) }, undefined, 2);
    t.is(await b!.loadSnapshot(h), null, 'not found as the unversioned snapshot');
    t.is(await b!.loadSnapshot(h, 3), null, 'nor as another format');
    await b!.saveSnapshot(h, { seq: 4, state: state(4) });
    await b!.saveSnapshot(h, { seq: 5, state: state(5) }, undefined, 3);
    await b!.saveSnapshot(h, { seq: 8, state: state(8) }, undefined, 2);
    t.deepEqual(await a!.loadSnapshot(h, 2), { seq: 10, state: state(10) }, 'an older one never replaces a newer one of its format');
    t.deepEqual(await a!.loadSnapshot(h), { seq: 4, state: state(4) });
    t.deepEqual(await a!.loadSnapshot(h, 1), { seq: 4, state: state(4) }, 'format 1 is the unversioned one');
    await a!.deleteSnapshot(h, 1);
    await a!.deleteSnapshot(h, 7); // none of that format: nothing happens
    t.is(await b!.loadSnapshot(h), null);
    t.deepEqual(await b!.loadSnapshot(h, 2), { seq: 10, state: state(10) });
    t.deepEqual(await b!.loadSnapshot(h, 3), { seq: 5, state: state(5) });
    await b!.saveSnapshot(h, { seq: 1, state: state(1) });
    t.deepEqual(await a!.loadSnapshot(h), { seq: 1, state: state(1) }, 'a deleted snapshot leaves no seq behind to compare with');
  });

  test(`${name}: a snapshot handed over as UTF-8 bytes (the engine's sliced encoding) loads back as the state, and an older one still never replaces it`, async (t) => {
    const [a, b] = await open(t, 2);
    // Characters of three and four bytes in UTF-8, so a blob read back as Latin-1 would not match.
    const state = (seq: number) => kind.state('中心大厅 😀', seq);
    const bytes = (seq: number) => Buffer.from(JSON.stringify(state(seq)), 'utf8');
    await a!.saveSnapshot(h, { seq: 10, state: state(10) }, bytes(10));
    t.deepEqual(await b!.loadSnapshot(h), { seq: 10, state: state(10) });
    await b!.saveSnapshot(h, { seq: 9, state: state(9) }, bytes(9));
    t.deepEqual(await a!.loadSnapshot(h), { seq: 10, state: state(10) });
  });

  test(`${name}: watch wakes another instance when one appends`, async (t) => {
    const [a, b] = await open(t, 2);
    const woke: number[] = [];
    const unwatch = b!.watch(h, (seq) => woke.push(seq));
    // Subscriptions may be set up asynchronously: keep appending until b hears of one.
    let last = 0;
    await waitFor(async () => {
      if (woke.some((s) => s > 0)) return true;
      last = await appendWithRetry(a!, h, ev('h', `p${last}`));
      await new Promise((r) => setTimeout(r, 50));
      return woke.some((s) => s > 0);
    }, 'a wake-up on the second instance');
    const target = last + 1;
    await a!.append(h, last, [ev('h', 'final')]);
    await waitFor(() => woke.includes(target) || woke.some((s) => s >= target), `a wake-up for seq ${target}`);
    t.true(Math.max(...woke) >= target);
    unwatch();
  });

  test(`${name}: rewriteBefore rewrites only the older events the scrub changes, keeps seq, type and at, and loses no concurrent append`, async (t) => {
    const [a, b] = await open(t, 2);
    if (!a!.rewriteBefore) return t.pass(`${adapter} cannot rewrite`);
    const day0 = Date.UTC(2026, 10, 26);
    // 1,100 events a minute apart (more than two rewrite steps of 500); the scrub renames even
    // marks p<i> to x<i>, and leaves the rest alone.
    const count = 1100;
    const before = day0 + 800 * 60_000;
    for (let i = 0; i < count; i += 400)
      await a!.append(h, i, Array.from({ length: Math.min(400, count - i) }, (_, j) => ev('h', `p${i + j}`, day0 + (i + j) * 60_000)));
    const scrub = (e: Stored<E>): Stored<E> | undefined => {
      const m = /^p(\d+)$/.exec(kind.mark(e));
      return m && Number(m[1]) % 2 === 0 ? { ...ev('h', `x${m[1]}`, e.at), seq: e.seq } : undefined;
    };
    // Meanwhile another instance appends 30 more, newer than the cutoff.
    const [changed] = await Promise.all([
      a!.rewriteBefore(h, before, scrub),
      (async () => {
        for (let i = 0; i < 30; i++) await appendWithRetry(b!, h, ev('h', `n${i}`, before + DAY + i));
      })(),
    ]);
    t.is(changed, 400, 'the even ones of the first 800');
    // Oracle: the marks as written, the even ones before the cutoff renamed, then the concurrent appends.
    const expected = [
      ...Array.from({ length: count }, (_, i) => (i < 800 && i % 2 === 0 ? `x${i}` : `p${i}`)),
      ...Array.from({ length: 30 }, (_, i) => `n${i}`),
    ];
    const all = await b!.read(h, 0);
    t.deepEqual(seqs(all), Array.from({ length: count + 30 }, (_, i) => i + 1));
    t.deepEqual(marks(all).filter((m) => !m.startsWith('n')), expected.slice(0, count));
    t.deepEqual(marks(all).filter((m) => m.startsWith('n')), expected.slice(count), 'every concurrent append kept, in order');
    t.deepEqual(all.slice(0, count).map((e) => [e.type, e.at]), Array.from({ length: count }, (_, i) => [ev('h', 'p').type, day0 + i * 60_000]));
    t.deepEqual(marks(await a!.readRange(h, day0, day0 + 2 * 60_000)), ['x0', 'p1'], 'range reads see the rewritten bodies');
    t.is(await a!.rewriteBefore(h, before, scrub), 0, 'a second rewrite finds nothing to change');
    t.deepEqual(seqs(await a!.append(h, count + 30, [ev('h', 'after')])), [count + 31], 'numbering continues');
    t.is(await a!.rewriteBefore(kind.stream('empty'), before, scrub), 0);
  });

  test(`${name}: halls are isolated: numbering, reads, ranges, snapshots and wake-ups`, async (t) => {
    const [a, b] = await open(t, 2);
    const [x, y] = [kind.stream('x'), kind.stream('y')];
    const heardY: number[] = [];
    const heardX: number[] = [];
    b!.watch(y, (seq) => heardY.push(seq));
    b!.watch(x, (seq) => heardX.push(seq));
    await a!.append(x, 0, [ev('x', 'x1'), ev('x', 'x2')]);
    await a!.append(y, 0, [ev('y', 'y1')]);
    await t.throwsAsync(a!.append(y, 2, [ev('y', 'bad')]), { instanceOf: VersionConflict });
    await a!.append(x, 2, [ev('x', 'x3')]);
    t.is(await b!.lastSeq(x), 3);
    t.is(await b!.lastSeq(y), 1);
    t.deepEqual(marks(await b!.read(y, 0)), ['y1']);
    t.deepEqual(marks(await b!.readRange(x, 0, Number.MAX_SAFE_INTEGER)), ['x1', 'x2', 'x3']);
    await a!.saveSnapshot(x, { seq: 3, state: kind.state('x', 3) });
    t.is(await b!.loadSnapshot(y), null);
    t.deepEqual(await b!.loadSnapshot(x), { seq: 3, state: kind.state('x', 3) });
    await waitFor(() => heardX.some((s) => s >= 3), 'x wake-up');
    t.true(heardY.every((s) => s <= 1), 'y watchers only hear y seqs');
  });
}

/** The hall's own stream and a feature stream of the same hall, each with its own types. */
function streamsSideBySide(adapter: string, open: Open): void {
  test(`${adapter}: a hall's own stream and its bookings stream are separate: numbering, reads, snapshots of each type, wake-ups`, async (t) => {
    const [a, b] = await open(t, 2);
    const hall = streams.hall('h');
    const bookings = streams.bookings('h');
    const heard: number[] = [];
    b!.watch(bookings, (seq) => heard.push(seq));
    await a!.append(hall, 0, ['t1', 't2', 't3'].map((m) => hallEvents.event('h', m)));
    await a!.append(bookings, 0, [bookingEvents.event('h', 'b1')]);
    // The hall's seq is not the bookings stream's: appending there "after 3" is a conflict.
    await t.throwsAsync(a!.append(bookings, 3, [bookingEvents.event('h', 'b2')]), { instanceOf: VersionConflict });
    t.is(await b!.lastSeq(hall), 3);
    t.is(await b!.lastSeq(bookings), 1);
    t.deepEqual((await b!.read(hall, 0)).map(hallEvents.mark), ['t1', 't2', 't3']);
    t.deepEqual((await b!.readRange(bookings, 0, Number.MAX_SAFE_INTEGER)).map(bookingEvents.mark), ['b1']);
    t.deepEqual((await b!.readRange(hall, 0, Number.MAX_SAFE_INTEGER)).map(hallEvents.mark), ['t1', 't2', 't3']);

    await a!.saveSnapshot(hall, { seq: 3, state: hallEvents.state('h', 3) });
    t.is(await b!.loadSnapshot(bookings), null, "the hall's snapshot is not the bookings stream's");
    await a!.saveSnapshot(bookings, { seq: 1, state: bookingEvents.state('h', 1) });
    t.deepEqual(await b!.loadSnapshot(hall), { seq: 3, state: hallEvents.state('h', 3) });
    t.deepEqual(await b!.loadSnapshot(bookings), { seq: 1, state: bookingEvents.state('h', 1) });

    await waitFor(() => heard.includes(1), 'a bookings wake-up');
    t.true(heard.every((s) => s <= 1), 'bookings watchers hear only bookings seqs, never the hall seq 3');
  });
}

/** The store under the engine it serves: two nodes deciding against one log. */
function hallEnginesContract(adapter: string, open: Open): void {
  test(`${adapter}: two hall engines on two instances: concurrent next from both never calls a ticket twice`, async (t) => {
    const [storeA, storeB] = await open(t, 2);
    const demo = loadDeploymentFile('config/demo-hall.yaml').halls[0]!;
    // Presses as fast as the machine goes: the human-speed next guard is off.
    const hall = { ...demo, policy: { ...demo.policy, nextGuardSeconds: 0 } };
    const engineA = new HallEngine(hall, storeA!);
    const engineB = new HallEngine(hall, storeB!);
    await engineA.start();
    await engineB.start();
    t.teardown(async () => {
      await engineA.stop();
      await engineB.stop();
    });
    const engines = [engineA, engineB];
    const services = ['business', 'social', 'tax', 'medical', 'estate'];
    const ticketCount = 40;
    await Promise.all(
      Array.from({ length: ticketCount }, (_, i) =>
        engines[i % 2]!.execute({ type: 'issue', serviceId: services[i % services.length]!, lane: i % 7 === 0 ? 'elderly' : 'normal' }),
      ),
    );
    // Windows 1-7 take these services; each engine presses next for every window, in rounds,
    // until a whole round calls nobody.
    const windows = ['1', '2', '3', '4', '5', '6', '7'];
    for (let round = 0; round < 30; round++) {
      const results = await Promise.all(
        engines.flatMap((e) => windows.map((w) => e.execute({ type: 'callNext', windowId: w }))),
      );
      if (!results.some((r) => r.events.some((ev) => ev.type === 'ticket:called'))) break;
    }
    const log = await storeA!.read(streams.hall(hall.id), 0);
    t.deepEqual(seqs(log), Array.from({ length: log.length }, (_, i) => i + 1));
    const issued = log.filter((e) => e.type === 'ticket:issued');
    const called = log.flatMap((e) => (e.type === 'ticket:called' ? [e.data.ticketId] : []));
    t.is(issued.length, ticketCount);
    t.is(new Set(issued.map((e) => e.data.ticket.number)).size, ticketCount, 'numbers unique');
    t.is(called.length, new Set(called).size, 'no ticket called twice');
    t.is(called.length, ticketCount, 'every ticket called');
    // Both engines end up with the same state, folded from the same log.
    await engineA.refresh();
    await engineB.refresh();
    t.is(engineA.current.seq, log.length);
    t.deepEqual(engineB.current, engineA.current);
  });
}
