// The hall file is validated at start: a bad file stops the server with the path and the problem.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { ConfigError, parseDeployment } from '../../server/config/load.ts';

const demoText = readFileSync(new URL('../../config/demo-hall.yaml', import.meta.url), 'utf8');
const demo = () => parse(demoText);

test('the demo hall is valid: 7 services, 9 windows, all four lanes, Asia/Shanghai', (t) => {
  const hall = parseDeployment(demo()).halls[0]!;
  t.is(hall.services.length, 7);
  t.is(hall.windows.length, 9);
  t.deepEqual([...hall.lanes].sort(), ['appointment', 'elderly', 'green', 'normal']);
  t.is(hall.timeZone, 'Asia/Shanghai');
  t.true(hall.services.every((s) => s.materials.length > 0 && s.name.zh && s.name.en));
});

const problems: [string, (c: any) => void, RegExp][] = [
  ['a window naming an unknown service', (c) => c.windows[2].services.push('lottery'), /windows\.2\.services\.3: unknown service "lottery"/],
  ['two services with one prefix', (c) => (c.services[1].prefix = 'A'), /services\.1: duplicate service prefix "A"/],
  ['a bad time zone', (c) => (c.timeZone = 'Mars/Olympus'), /timeZone: unknown IANA time zone/],
  ['a prefix that is not a letter', (c) => (c.services[0].prefix = 'AB'), /services\.0\.prefix: a prefix is one capital letter/],
  ['a clerk token without windows', (c) => delete c.tokens[4].windows, /tokens\.4\.windows: a clerk token names its windows/],
];
for (const [title, breakIt, message] of problems) {
  test(`refused: ${title}`, (t) => {
    const c = demo();
    breakIt(c);
    const err = t.throws(() => parseDeployment(c, 'hall.yaml'), { instanceOf: ConfigError });
    t.regex(err!.message, /^hall\.yaml: invalid hall configuration/);
    t.regex(err!.message, message);
  });
}

// What NODE_ENV=production refuses (demo tokens among them): test/config/production.test.ts.

test('an invalid file stops `npm start` with the file, the path and the problem', (t) => {
  const c = demo();
  c.windows[0].services = ['nope'];
  const file = join(mkdtempSync(join(tmpdir(), 'onewindow-config-')), 'bad-hall.yaml');
  writeFileSync(file, stringify(c));
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: { ...process.env, CONFIG: file, PORT: '0' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  t.is(run.status, 2);
  // The server logs JSON lines on stdout (pino); the problem is the message of its fatal line.
  const fatal = run.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { level: number; msg: string })
    .find((l) => l.level === 60);
  t.truthy(fatal, run.stdout + run.stderr);
  t.true(fatal!.msg.includes(`${file}: invalid hall configuration`));
  t.true(fatal!.msg.includes('windows.0.services.0: unknown service "nope"'));
});
