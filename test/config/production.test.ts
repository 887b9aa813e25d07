// NODE_ENV=production refuses a set-up anyone could guess: demo tokens, weak or short tokens, a
// missing session secret or client-hash key. Every problem is named at once with its fix, exit 2;
// a good set-up starts, and demo mode still starts with no set-up at all.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { weakness } from '../../server/config/production.ts';
import { startNodeProcess } from '../helpers/process.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const demoHall = () => parse(readFileSync(join(ROOT, 'config/demo-hall.yaml'), 'utf8'));
const random = () => randomBytes(32).toString('base64');

// Judged by hand, not by the rule: what a person types when asked for a secret, and what a generator gives.
const typedByHand = [
  'password',
  'admin123',
  'a'.repeat(48),
  'ab'.repeat(24),
  '1234567890'.repeat(4),
  'admin-password-123456-admin-password-123456',
  'OneWindowHallToken-OneWindowHallToken-2024',
  'Xk3#p9', // random but short
];
const generated = () => [randomBytes(32).toString('base64'), randomBytes(16).toString('hex'), randomBytes(32).toString('base64url'), randomBytes(32).toString('hex')];

test('secrets typed by hand are weak; generated ones are not', (t) => {
  for (const s of typedByHand) t.truthy(weakness(s), s);
  for (let i = 0; i < 50; i++) for (const s of generated()) t.is(weakness(s), undefined, s);
  // Found by the loop above once: random hex that happens to use only 9 of the 16 digits.
  t.is(weakness('ca12841827a1a7ec4c4e88eed78e7847'), undefined);
});

function writeHall(tokens: unknown[]): { file: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-prod-'));
  const hall = demoHall();
  hall.tokens = tokens;
  const file = join(dir, 'hall.yaml');
  writeFileSync(file, stringify(hall));
  return { file, dir };
}

test('a bad production set-up stops `npm start` with exit 2, naming every problem and its fix, never the secrets', (t) => {
  const weakTriage = 'triage-password-123456';
  const oneLetterClerk = 'c'.repeat(40);
  const weakHashKey = 'short-key';
  const { file, dir } = writeHall([
    { token: 'demo-admin', role: 'admin', name: '值班长' },
    { token: weakTriage, role: 'triage', name: '咨询台' },
    { token: oneLetterClerk, role: 'clerk', windows: ['1'], name: '1号窗口' },
    { token: random(), role: 'kiosk', name: '自助取号机' },
  ]);
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', CONFIG: file, DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1', CLIENT_HASH_KEY: weakHashKey, ID_HASH_KEY: random(), SESSION_SECRET: '', METRICS_TOKEN: '' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  t.is(run.status, 2, run.stderr);
  const err = run.stderr;
  t.regex(err, /refusing to start, 5 problems/);
  t.regex(err, /tokens\[0\] \(role admin, "值班长"\) is the demo token "demo-admin"/);
  t.regex(err, /tokens\[1\] \(role triage, "咨询台"\) has a weak token/);
  t.regex(err, /tokens\[2\] \(role clerk, "1号窗口", windows 1\) has a weak token/);
  t.regex(err, /SESSION_SECRET is not set/);
  t.regex(err, /CLIENT_HASH_KEY is weak/);
  t.notRegex(err, /tokens\[3\]/, 'the random kiosk token is fine');
  t.is(err.match(/^\s+fix: /gm)?.length, 5, 'each problem says how to fix it');
  for (const secret of [weakTriage, oneLetterClerk, weakHashKey]) t.false(err.includes(secret), `the output must not show the secret ${secret}`);
  t.false(run.stdout.includes('OneWindow is serving'), 'nothing started');
});

test('a good production set-up starts, and /healthz says only whether it is up', async (t) => {
  const { file, dir } = writeHall([
    { token: random(), role: 'admin', name: '值班长' },
    { token: random(), role: 'triage', name: '咨询台' },
    { token: random(), role: 'clerk', windows: ['1'], name: '1号窗口' },
  ]);
  const node = await startNodeProcess({
    NODE_ENV: 'production',
    CONFIG: file,
    DATA_DIR: dir,
    VOICE_ENGINE: 'none',
    SESSION_SECRET: random(),
    CLIENT_HASH_KEY: random(),
    ID_HASH_KEY: random(),
    METRICS_TOKEN: random(),
  });
  t.teardown(async () => {
    await node.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });
  const health = await fetch(`${node.url}/healthz`);
  t.is(health.status, 200);
  t.deepEqual(await health.json(), { status: 'ok' });
  t.false(node.output().includes('demo tokens'));
});

test('demo mode (no NODE_ENV) still starts with the demo tokens and no secrets', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-demo-'));
  const node = await startNodeProcess({ NODE_ENV: '', DATA_DIR: dir, VOICE_ENGINE: 'none', SESSION_SECRET: '', CLIENT_HASH_KEY: '' });
  t.teardown(async () => {
    await node.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });
  const issued = await fetch(`${node.url}/api/tickets`, {
    method: 'POST',
    headers: { authorization: 'Bearer demo-triage', 'content-type': 'application/json' },
    body: JSON.stringify({ service: 'business' }),
  });
  t.is(issued.status, 201);
});
