// The staff and device-token commands, run as their own processes against the store of a running
// server: what they add works over HTTP at once.
import test from 'ava';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { call, signIn, startStaffServer } from './helpers.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function cli(script: 'staff' | 'device-token', args: string[], env: Record<string, string>, stdin?: string): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `server/staff/cli/${script}.ts`, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.stdin.end(stdin ?? '');
    child.on('exit', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

test('`staff add` then sign-in over HTTP; `passwd` (read from stdin) changes the password; `disable` refuses it', async (t) => {
  const server = await startStaffServer();
  t.teardown(() => server.close());
  const env = { DATA_DIR: server.dataDir, STORE: 'sqlite' };
  const add = await cli('staff', ['add', '--number', '4242', '--name', '张三', '--roles', 'clerk', '--halls', 'district', '--password', 'first-pass-1'], env);
  t.is(add.code, 0, add.err);
  const first = await signIn(server.url, { staffNumber: '4242', password: 'first-pass-1', window: '6' });
  t.is(first.status, 201);
  t.is(first.body.person.name, '张三');
  t.is((await call(server.url, 'POST', '/api/windows/6/pause', { token: first.body.token })).status, 200);

  const taken = await cli('staff', ['add', '--number', '4242', '--name', '李四', '--roles', 'clerk', '--password', 'another-pass'], env);
  t.is(taken.code, 1);
  t.regex(taken.err, /staff_number_taken/);
  t.is((await cli('staff', ['add', '--number', '4243', '--name', 'x', '--roles', 'janitor', '--password', 'another-pass'], env)).code, 2);

  t.is((await cli('staff', ['passwd', '--number', '4242'], env, 'second-pass-2\n')).code, 0);
  // The password changed after the sign-in: that session ends.
  await waitFor(async () => (await call(server.url, 'POST', '/api/windows/6/resume', { token: first.body.token })).status === 401);
  t.is((await signIn(server.url, { staffNumber: '4242', password: 'first-pass-1' })).status, 401);
  t.is((await signIn(server.url, { staffNumber: '4242', password: 'second-pass-2' })).status, 201);

  t.is((await cli('staff', ['disable', '--number', '4242'], env)).code, 0);
  await waitFor(async () => (await signIn(server.url, { staffNumber: '4242', password: 'second-pass-2' })).status === 403);
  const listed = await cli('staff', ['list'], env);
  t.regex(listed.out, /4242\t张三\tclerk\tdistrict\tdisabled/);
});

test('`device-token add` prints a token that works; `revoke` makes it 401', async (t) => {
  const server = await startStaffServer();
  t.teardown(() => server.close());
  const env = { DATA_DIR: server.dataDir, STORE: 'sqlite' };
  const add = await cli('device-token', ['add', 'kiosk-1', '--role', 'kiosk'], env);
  t.is(add.code, 0, add.err);
  const token = add.out.trim();
  t.regex(token, /^owd_[A-Za-z0-9_-]{43}$/);
  await waitFor(async () => (await call(server.url, 'POST', '/api/tickets', { token, body: { service: 'social' } })).status === 201);
  t.is((await cli('device-token', ['revoke', 'kiosk-1'], env)).code, 0);
  await waitFor(async () => (await call(server.url, 'POST', '/api/tickets', { token, body: { service: 'social' } })).status === 401);
  t.regex((await cli('device-token', ['list'], env)).out, /kiosk-1\tkiosk\t\*\trevoked/);
});

/** Polls until the running server has read what the command appended (its store watch polls). */
async function waitFor(ok: () => Promise<boolean>) {
  for (let i = 0; i < 100; i++) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the server never saw the change');
}
