// `npm start` with no set-up: the demo staff accounts are there (password demo1234) next to the
// hall file's demo tokens; in production the node refuses to start without SESSION_SECRET.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { staffProductionProblems } from '../../server/staff/demo.ts';
import { startNodeProcess } from '../helpers/process.ts';
import { call, signIn } from './helpers.ts';

test('npm start defaults: the demo admin, triage and clerk accounts sign in, and the demo tokens still work', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-demo-'));
  const node = await startNodeProcess({ DATA_DIR: dataDir, VOICE_ENGINE: 'none' });
  t.teardown(async () => {
    await node.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });
  const triage = await signIn(node.url, { staffNumber: '2001', password: 'demo1234' });
  t.is(triage.status, 201);
  t.is((await call(node.url, 'POST', '/api/tickets', { token: triage.body.token, body: { service: 'tax' } })).status, 201);
  const clerk = await signIn(node.url, { staffNumber: '1004', password: 'demo1234', window: '4' });
  t.is(clerk.status, 201);
  t.is((await call(node.url, 'POST', '/api/windows/4/next', { token: clerk.body.token })).body.ticket.number, 'D001');
  const admin = await signIn(node.url, { staffNumber: '9001', password: 'demo1234' });
  const staff = (await call(node.url, 'GET', '/api/staff', { token: admin.body.token })).body.staff as { staffNumber: string; demo?: boolean }[];
  t.deepEqual(
    staff.map((a) => a.staffNumber),
    ['1001', '1002', '1003', '1004', '1005', '1006', '1007', '1008', '1009', '2001', '3001', '8001', '9001'],
  );
  t.true(staff.every((a) => a.demo));
  t.is((await call(node.url, 'POST', '/api/windows/5/pause', { token: 'demo-clerk-5' })).status, 200);
  // What the production checks are handed: the demo accounts are named as a problem.
  t.is(staffProductionProblems({ accounts: Object.fromEntries(staff.map((a: any) => [a.id, { ...a, passwordHash: '' }])), byNumber: {}, devices: {}, byHash: {}, lastAt: 0 }).length, 1);
});

test('NODE_ENV=production without a SESSION_SECRET of 32+ characters does not start, and says how to fix it', (t) => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-prod-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  for (const secret of [undefined, 'too-short']) {
    const env: Record<string, string | undefined> = { ...process.env, NODE_ENV: 'production', DATA_DIR: dataDir, PORT: '0', VOICE_ENGINE: 'none', CONFIG: 'config/demo-hall.yaml' };
    if (secret) env.SESSION_SECRET = secret;
    else delete env.SESSION_SECRET;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', PRODUCTION_START], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
    t.not(run.status, 0);
    t.regex(run.stderr + run.stdout, /SESSION_SECRET/);
  }
});

// Starts the staff feature alone, as production would (the demo hall file's own demo tokens are
// refused in production by the config loader, which is not what this test is about).
const PRODUCTION_START = `
import { startServer } from './server/server.ts';
import { staffPlugin } from './server/staff/plugin.ts';
import { loadDeploymentFile } from './server/config/load.ts';
const deployment = { ...loadDeploymentFile('config/demo-hall.yaml', {}), tokens: [] };
startServer({ deployment, env: process.env, plugins: [staffPlugin()] }).then(
  async (s) => { await s.close(); process.exit(0); },
  (err) => { console.error(err.message); process.exit(3); },
);
`;
