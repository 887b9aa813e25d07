// Group commit under load, on a real SQLite file and a real redis-server: many commands fired at
// once at one hall engine, and at two engines on one store (two nodes), then checked against a
// sequential reference. The reference takes the commands that succeeded in the order the log
// recorded them and applies them one by one through the pure decide/evolve: each must produce the
// very events and result its caller got, and the reference's final state must be the engines'.
// Every event of the log belongs to exactly one acknowledged command (nothing unacknowledged
// appears), and a refused command fails alone (the other commands of its burst all land).
import test, { type ExecutionContext } from 'ava';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDeploymentFile } from '../../server/config/load.ts';
import type { Command, CommandResult } from '../../server/domain/commands.ts';
import { dayDue, decide } from '../../server/domain/decide.ts';
import { DomainError } from '../../server/domain/errors.ts';
import type { StoredEvent } from '../../server/domain/events.ts';
import { evolve, initialState } from '../../server/domain/evolve.ts';
import { ticketList } from '../../server/domain/ticket-table.ts';
import type { Actor, HallState } from '../../server/domain/types.ts';
import { HallEngine } from '../../server/engine/hall-engine.ts';
import { startRedisServer, type RedisServer } from '../../server/dev/redis-server.ts';
import { VersionConflict, type EventStore } from '../../server/store/port.ts';
import { RedisEventStore } from '../../server/store/redis.ts';
import { SqliteEventStore } from '../../server/store/sqlite.ts';
import { streams } from '../../server/store/streams.ts';

const demo = loadDeploymentFile('config/demo-hall.yaml').halls[0]!;
// Presses as fast as the machine goes: the human-speed next guard is off.
const hall = { ...demo, policy: { ...demo.policy, nextGuardSeconds: 0 } };
const NINE_AM = Date.parse('2026-11-27T09:00:00+08:00');
const SERVICES = ['business', 'social', 'tax', 'medical', 'estate'];
const WINDOWS = ['1', '2', '3', '4', '5', '6', '7'];

interface Call {
  command: Command;
  actor: Actor;
  key?: string;
  outcome?: { events: StoredEvent[]; result: CommandResult; replayed?: boolean };
  error?: unknown;
}

const dir = mkdtempSync(join(tmpdir(), 'onewindow-group-commit-'));
let redis: Promise<RedisServer> | undefined;
test.after.always(async () => {
  rmSync(dir, { recursive: true, force: true });
  await (await redis)?.destroy();
});

/** As a client or the log holds it: JSON leaves out undefined fields. */
const json = <T>(x: T): T => JSON.parse(JSON.stringify(x));

let spaces = 0;
/** `count` store instances on one backing store (two processes on one SQLite file, two nodes on one Redis). */
async function openStores(t: ExecutionContext, kind: 'sqlite' | 'redis', count: number): Promise<EventStore[]> {
  const space = `gc${++spaces}`;
  const stores: EventStore[] = [];
  for (let i = 0; i < count; i++) {
    if (kind === 'sqlite') stores.push(new SqliteEventStore(join(dir, `${space}.sqlite`), { pollMs: 20 }));
    else stores.push(await RedisEventStore.open((await (redis ??= startRedisServer())).url, { prefix: space, pollMs: 100 }));
  }
  t.teardown(() => Promise.all(stores.map((s) => s.close())).then(() => {}));
  return stores;
}

/** Counts a store's appends and their version conflicts (the store itself does the work). */
function countAppends(store: EventStore) {
  const counts = { made: 0, conflicts: 0 };
  const append = store.append.bind(store);
  store.append = (async (...args: Parameters<typeof append>) => {
    try {
      const out = await append(...args);
      counts.made++;
      return out;
    } catch (err) {
      if (err instanceof VersionConflict) counts.conflicts++;
      throw err;
    }
  }) as typeof store.append;
  return counts;
}

/** A burst of commands for round `round`: issues, calls, starts, finishes, cancels, transfers,
 * keyed issues sent twice at once, and commands the domain always refuses mixed in. */
function burst(round: number, issued: string[]): Omit<Call, 'outcome' | 'error'>[] {
  const clerk = (w: string): Actor => ({ role: 'clerk', name: `clerk-${w}` });
  const kiosk: Actor = { role: 'triage', name: 'kiosk' };
  const out: Omit<Call, 'outcome' | 'error'>[] = [];
  for (let i = 0; i < 12; i++) out.push({ command: { type: 'issue', serviceId: SERVICES[(round + i) % SERVICES.length]!, lane: i % 5 === 0 ? 'elderly' : 'normal' }, actor: kiosk });
  for (const w of WINDOWS) {
    const step = (round + Number(w)) % 4;
    const command: Command =
      step === 0 ? { type: 'callNext', windowId: w } : step === 1 ? { type: 'start', windowId: w } : step === 2 ? { type: 'finish', windowId: w } : { type: 'callNext', windowId: w };
    out.push({ command, actor: clerk(w) });
  }
  // A keyed issue sent twice at once (a kiosk retrying): one ticket, the same answer for both. Every
  // other round only: a batch with a key reads the log first, one without decides on what it has.
  const key = `issue-${round}`;
  if (round % 2 === 0) for (let i = 0; i < 2; i++) out.push({ command: { type: 'issue', serviceId: 'tax', lane: 'normal' }, actor: kiosk, key });
  if (issued.length) out.push({ command: { type: 'cancel', ticketId: issued[(round * 7) % issued.length]! }, actor: kiosk });
  if (round % 3 === 1) out.push({ command: { type: 'transfer', windowId: WINDOWS[round % WINDOWS.length]!, toServiceId: 'medical' }, actor: clerk('x') });
  // Always refused, whatever the state: each must fail alone.
  out.push({ command: { type: 'issue', serviceId: 'no-such-service', lane: 'normal' }, actor: kiosk });
  out.push({ command: { type: 'callNext', windowId: 'no-such-window' }, actor: clerk('x') });
  return out;
}

/** Fires each burst at the engines all at once (call i to engine i mod n), round after round. */
async function fire(engines: HallEngine[], rounds: number, advance: () => void): Promise<Call[]> {
  const calls: Call[] = [];
  const issued: string[] = [];
  for (let round = 0; round < rounds; round++) {
    const mine = burst(round, issued).map((c): Call => ({ ...c }));
    await Promise.all(
      mine.map((c, i) =>
        engines[i % engines.length]!.execute(c.command, c.actor, c.key ? { key: c.key } : undefined).then(
          (out) => (c.outcome = out as Call['outcome']),
          (err) => (c.error = err),
        ),
      ),
    );
    for (const c of mine) if (c.command.type === 'issue' && c.outcome?.events.length) issued.push((c.outcome.result as { ticket: { id: string } }).ticket.id);
    calls.push(...mine);
    advance();
  }
  return calls;
}

/** The commands that landed, applied one by one in log order through decide/evolve. */
function checkAgainstReference(t: ExecutionContext, log: StoredEvent[], calls: Call[]): HallState {
  t.deepEqual(
    log.map((e) => e.seq),
    log.map((_, i) => i + 1),
    'seqs 1..n without gaps',
  );
  const landed = calls.filter((c) => c.outcome && !c.outcome.replayed && c.outcome.events.length).sort((a, b) => a.outcome!.events[0]!.seq - b.outcome!.events[0]!.seq);
  // Each caller's events are the log's at those seqs, and the log is exactly these events: nothing
  // acknowledged is missing, nothing unacknowledged is there.
  t.deepEqual(json(landed.flatMap((c) => c.outcome!.events)), log);
  let state = initialState(hall.id);
  for (const c of landed) {
    const recorded = c.outcome!.events;
    const now = recorded[0]!.at;
    // The ids the first run drew, in the order decide draws them (a new ticket per issue or transfer).
    const ids = recorded.flatMap((e) => (e.type === 'ticket:issued' || e.type === 'ticket:transferred' ? [e.data.ticket.id] : []));
    const ctx = { now, newId: () => ids.shift()!, actor: c.actor };
    let bodies: { type: string; data: unknown }[] = [];
    let provisional = state;
    if (dayDue(hall, state, now)) {
      const roll = decide(hall, state, { type: 'rollDay' }, ctx).events;
      bodies = roll;
      roll.forEach((b, i) => (provisional = evolve(provisional, { ...b, hallId: hall.id, at: now, seq: recorded[0]!.seq + i } as StoredEvent)));
    }
    const decision = decide(hall, provisional, c.command, ctx);
    bodies = [...bodies, ...decision.events];
    t.deepEqual(
      json(recorded.map((e) => ({ type: e.type, data: e.data, at: e.at, actor: e.actor }))),
      json(bodies.map((b) => ({ type: b.type, data: b.data, at: now, actor: c.actor }))),
      `${c.command.type} at seq ${recorded[0]!.seq}: the events the reference decides`,
    );
    t.deepEqual(c.outcome!.result, decision.result, `${c.command.type} at seq ${recorded[0]!.seq}: the caller's result`);
    for (const e of recorded) state = evolve(state, e);
  }
  return state;
}

function checkRefusalsAndReplays(t: ExecutionContext, calls: Call[]) {
  for (const c of calls) {
    if (c.error === undefined) continue;
    t.true(c.error instanceof DomainError, `${c.command.type}: refused by the domain, not by the batch (${String(c.error)})`);
  }
  const refusedAlways = calls.filter((c) => ('serviceId' in c.command && c.command.serviceId === 'no-such-service') || ('windowId' in c.command && c.command.windowId === 'no-such-window'));
  t.true(refusedAlways.every((c) => c.error instanceof DomainError));
  // Issues of a known service are never refused: a refusal next to them in a burst failed alone.
  const issues = calls.filter((c) => c.command.type === 'issue' && c.command.serviceId !== 'no-such-service');
  t.true(issues.every((c) => c.outcome?.events.some((e) => e.type === 'ticket:issued')), 'every issue of a known service landed');
  // The keyed pairs: one first run, one replay of it, the same ticket.
  const keys = new Set(calls.flatMap((c) => (c.key ? [c.key] : [])));
  for (const key of keys) {
    const pair = calls.filter((c) => c.key === key);
    t.is(pair.filter((c) => c.outcome?.replayed).length, 1, `${key}: one replay`);
    t.deepEqual(pair[0]!.outcome!.result, pair[1]!.outcome!.result, `${key}: the same answer`);
  }
}

for (const kind of ['sqlite', 'redis'] as const) {
  for (const nodes of [1, 2]) {
    test(`${kind}, ${nodes} engine${nodes > 1 ? 's on one store' : ''}: concurrent commands land as the same commands applied one by one in log order`, async (t) => {
      let now = NINE_AM;
      const stores = await openStores(t, kind, nodes);
      const engines = stores.map((store, i) => new HallEngine(hall, store, { clock: () => now, newId: ((n = 0) => () => `n${i}-${++n}`)() }));
      for (const e of engines) await e.start();
      t.teardown(() => Promise.all(engines.map((e) => e.stop())).then(() => {}));

      const appends = stores.map(countAppends);
      const calls = await fire(engines, 12, () => (now += 20_000));

      const log = await stores[0]!.read(streams.hall(hall.id), 0);
      const reference = checkAgainstReference(t, log, calls);
      checkRefusalsAndReplays(t, calls);
      const landed = calls.filter((c) => c.outcome?.events.length && !c.outcome.replayed).length;
      const made = appends.reduce((n, a) => n + a.made, 0);
      t.log(`${landed} commands landed in ${made} appends; ${appends.reduce((n, a) => n + a.conflicts, 0)} version conflicts`);
      t.true(made < landed / 2, 'commands that came together went in one append');
      // Two engines deciding the same burst race: the loser's batch was decided again on the new state.
      if (nodes > 1) t.true(appends.some((a) => a.conflicts > 0), 'some batches met a version conflict');
      t.true(ticketList(reference.tickets).some((x) => x.status === 'done'), 'the run went as far as finished tickets');
      // Every engine, and a fresh one folding the log, ends where the reference does.
      for (const e of engines) {
        await e.refresh();
        t.deepEqual(e.current, reference);
      }
      const fresh = new HallEngine(hall, stores[0]!, { clock: () => now });
      await fresh.start();
      t.deepEqual(fresh.current, reference);
      await fresh.stop();
    });
  }
}

test('sqlite: a failed append rejects every command of its batch and folds nothing; the next batch goes on from the log', async (t) => {
  const [store] = await openStores(t, 'sqlite', 1);
  const engine = new HallEngine(hall, store!, { clock: () => NINE_AM });
  await engine.start();
  t.teardown(() => engine.stop());
  await engine.execute({ type: 'issue', serviceId: 'tax', lane: 'normal' });
  const before = engine.current;
  const heard: number[] = [];
  engine.onEach((e) => heard.push(e.seq));
  // The disk fails under the next append, once.
  const append = store!.append.bind(store);
  let failures = 1;
  store!.append = ((...args: Parameters<typeof append>) => (failures-- > 0 ? Promise.reject(new Error('disk I/O error')) : append(...args))) as typeof append;

  const burst = SERVICES.map((serviceId) => engine.execute({ type: 'issue', serviceId, lane: 'normal' }));
  const outcomes = await Promise.allSettled(burst);
  t.true(outcomes.every((o) => o.status === 'rejected' && (o.reason as Error).message === 'disk I/O error'));
  t.is(engine.current, before, 'nothing folded');
  t.deepEqual(heard, []);

  const after = await Promise.all(SERVICES.map((serviceId) => engine.execute({ type: 'issue', serviceId, lane: 'normal' })));
  const log = await store!.read(streams.hall(hall.id), 0);
  t.deepEqual(
    log.slice(-SERVICES.length).map((e) => e.type === 'ticket:issued' && e.data.ticket.id),
    after.map((o) => o.result.ticket.id),
  );
  t.is(log.filter((e) => e.type === 'ticket:issued').length, 1 + SERVICES.length, 'only acknowledged tickets in the log');
  t.deepEqual(heard, log.slice(-SERVICES.length).map((e) => e.seq));
});
