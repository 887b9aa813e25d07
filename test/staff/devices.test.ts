// Device tokens: made by an admin, shown once, stored as a hash, revocable.
import test from 'ava';
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, startStaffServer } from './helpers.ts';

test('a device token is added, works for its role, and is refused (401) once revoked', async (t) => {
  const server = await startStaffServer();
  t.teardown(() => server.close());
  const made = await call(server.url, 'POST', '/api/devices', { token: 'demo-admin', body: { name: 'kiosk-1', role: 'kiosk' } });
  t.is(made.status, 201);
  const token: string = made.body.token;
  // At least 32 random bytes: 43 base64url characters after the prefix.
  t.true(token.length >= 4 + 43);
  t.false('hash' in made.body.device);
  const issued = await call(server.url, 'POST', '/api/tickets', { token, body: { service: 'social' } });
  t.is(issued.status, 201);
  // A kiosk is not a clerk.
  t.is((await call(server.url, 'POST', '/api/windows/1/next', { token })).body.error.code, 'wrong_role');
  t.is((await call(server.url, 'POST', `/api/devices/${made.body.device.id}/revoke`, { token: 'demo-admin' })).status, 200);
  const after = await call(server.url, 'POST', '/api/tickets', { token, body: { service: 'social' } });
  t.is(after.status, 401);
  // A kiosk may not make tokens.
  t.is((await call(server.url, 'POST', '/api/devices', { token: 'demo-kiosk', body: { name: 'kiosk-2', role: 'admin' } })).status, 403);
});

test('the store keeps the token’s sha-256, never the token', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-devices-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const server = await startStaffServer({ dataDir });
  const made = await call(server.url, 'POST', '/api/devices', { token: 'demo-admin', body: { name: 'wall-east', role: 'display' } });
  const token: string = made.body.token;
  await server.close();
  const file = join(dataDir, 'onewindow.sqlite');
  const db = new Database(file, { readonly: true });
  const tables = db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[];
  let dump = '';
  for (const { name } of tables) dump += JSON.stringify(db.prepare(`select * from "${name}"`).all());
  db.close();
  for (const f of readdirSync(dataDir)) dump += readFileSync(join(dataDir, f)).toString('latin1');
  t.false(dump.includes(token));
  t.false(dump.includes(token.slice(4)));
  const sha = (await import('node:crypto')).createHash('sha256').update(token).digest('hex');
  t.true(dump.includes(sha));
});
