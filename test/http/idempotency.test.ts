// Idempotency-Key on a real server over a real SQLite file: a retried tap gets the first answer and
// changes nothing. The oracle is the log itself, read with a store of our own: one tap, one event.
import test from 'ava';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredEvent } from '../../server/domain/events.ts';
import { SqliteEventStore } from '../../server/store/sqlite.ts';
import { HALL_SNAPSHOT_FORMAT } from '../../server/domain/restore.ts';
import { streams } from '../../server/store/streams.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

async function logOf(server: { dataDir: string }): Promise<StoredEvent[]> {
  const store = new SqliteEventStore(join(server.dataDir, 'onewindow.sqlite'));
  try {
    return await store.read(streams.hall('district'), 0);
  } finally {
    await store.close();
  }
}

const issuedIds = (log: StoredEvent[]) =>
  log.filter((e) => e.type === 'ticket:issued').map((e) => (e.data as { ticket: { id: string } }).ticket.id);

function issueWithKey(server: TestServer, key: string | undefined, body: unknown = { service: 'social', lane: 'normal' }, token = 'demo-triage') {
  return server.api.request('POST', '/api/tickets', { token, body, headers: key === undefined ? {} : { 'idempotency-key': key } });
}

function pressWithKey(server: TestServer, windowId: string, action: string, key: string) {
  return server.api.request('POST', `/api/windows/${windowId}/${action}`, { token: `demo-clerk-${windowId}`, headers: { 'idempotency-key': key } });
}

async function start(t: { teardown(fn: () => Promise<void>): void }) {
  const server = await startTestServer();
  t.teardown(() => server.close());
  return server;
}

test('the same key twice gives the same ticket and one ticket:issued; a new key gives the next number', async (t) => {
  const server = await start(t);
  const first = await issueWithKey(server, 'tap-1');
  const retry = await issueWithKey(server, 'tap-1');
  t.is(first.status, 201);
  t.is(retry.status, 201);
  t.is(retry.body.id, first.body.id);
  t.is(retry.body.number, first.body.number);
  t.deepEqual(issuedIds(await logOf(server)), [first.body.id], 'one tap, one ticket in the log');

  const other = await issueWithKey(server, 'tap-2');
  t.is(other.status, 201);
  t.not(other.body.id, first.body.id);
  t.is(Number(other.body.number.slice(1)), Number(first.body.number.slice(1)) + 1, 'the next visitor gets the very next number');
  t.is(issuedIds(await logOf(server)).length, 2);
});

test('a key reused with a different body is refused with idempotency_key_reused and appends nothing', async (t) => {
  const server = await start(t);
  t.is((await issueWithKey(server, 'tap-x')).status, 201);
  const before = (await logOf(server)).length;
  const reused = await issueWithKey(server, 'tap-x', { service: 'tax', lane: 'normal' });
  t.is(reused.status, 422);
  t.is(reused.body.error.code, 'idempotency_key_reused');
  t.is((await logOf(server)).length, before);
});

test('keys are scoped per token: the same key from a kiosk and the triage desk gives two tickets', async (t) => {
  const server = await start(t);
  const desk = await issueWithKey(server, 'same-key', undefined, 'demo-triage');
  const kiosk = await issueWithKey(server, 'same-key', undefined, 'demo-kiosk');
  t.is(desk.status, 201);
  t.is(kiosk.status, 201);
  t.not(desk.body.id, kiosk.body.id);
  t.is(issuedIds(await logOf(server)).length, 2);
});

test('a malformed Idempotency-Key is a 400 invalid_idempotency_key and issues nothing', async (t) => {
  const server = await start(t);
  for (const bad of ['', 'x'.repeat(201), 'caf\u00e9']) {
    const res = await issueWithKey(server, bad);
    t.is(res.status, 400, JSON.stringify(bad));
    t.is(res.body.error.code, 'invalid_idempotency_key');
  }
  t.is((await issueWithKey(server, 'k'.repeat(200))).status, 201, '200 printable characters are fine');
  t.is(issuedIds(await logOf(server)).length, 1);
});

test('"next" pressed twice with one key calls one ticket; a new key calls the next one', async (t) => {
  const server = await start(t);
  const a = await server.api.issue('social');
  const b = await server.api.issue('social');
  const first = await pressWithKey(server, '3', 'next', 'press-1');
  const again = await pressWithKey(server, '3', 'next', 'press-1');
  t.is(first.status, 200);
  t.is(again.status, 200);
  t.is(first.body.ticket.id, a.body.id);
  t.is(again.body.ticket.id, a.body.id, 'the retry answers with the same called ticket');
  const calls = (await logOf(server)).filter((e) => e.type === 'ticket:called');
  t.deepEqual(calls.map((e) => (e.data as { ticketId: string }).ticketId), [a.body.id], 'one call in the log');
  t.is((await server.api.get(`/api/tickets/${b.body.id}`)).body.status, 'waiting', 'the next visitor still waits');

  t.is((await server.api.window('3', 'start')).status, 200, 'the visitor comes to the window');
  const second = await pressWithKey(server, '3', 'next', 'press-2');
  t.is(second.body.ticket.id, b.body.id);
  t.is((await pressWithKey(server, '3', 'finish', 'press-2')).body.error.code, 'idempotency_key_reused');
});

test('a key whose first attempt was refused runs again', async (t) => {
  const server = await start(t);
  const waiting = await server.api.issue('social');
  t.is((await server.api.window('3', 'pause', { reason: 'break' })).status, 200);
  const refused = await pressWithKey(server, '3', 'next', 'press-after-break');
  t.is(refused.status, 409);
  t.is((await server.api.window('3', 'resume')).status, 200);
  const retried = await pressWithKey(server, '3', 'next', 'press-after-break');
  t.is(retried.status, 200);
  t.is(retried.body.ticket.id, waiting.body.id);
});

test('a key survives a restart from a snapshot taken after it', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-idem-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const one = await startTestServer({ dataDir });
  const first = await issueWithKey(one, 'before-restart');
  for (let i = 0; i < 3; i++) await one.api.issue('tax');
  await one.close(); // stopping saves a snapshot past the keyed ticket

  const two = await startTestServer({ dataDir });
  t.teardown(() => two.close());
  const store = new SqliteEventStore(join(dataDir, 'onewindow.sqlite'));
  const snap = await store.loadSnapshot(streams.hall('district'), HALL_SNAPSHOT_FORMAT);
  await store.close();
  t.true(snap!.seq >= (await logOf(two)).length, 'the restart starts from a snapshot holding the keyed ticket');
  const retry = await issueWithKey(two, 'before-restart');
  t.is(retry.status, 201);
  t.is(retry.body.id, first.body.id);
  t.is(retry.body.number, first.body.number);
  t.is(issuedIds(await logOf(two)).filter((id) => id === first.body.id).length, 1);
  t.is(issuedIds(await logOf(two)).length, 4);
});
