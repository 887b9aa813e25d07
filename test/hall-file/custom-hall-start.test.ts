// A hall file of one's own starts with `npm start`: its knowledge base is the `kb` folder beside it
// (or the folder it names), and a knowledge-base file for a service the hall does not have is a
// warning in the log, not a stop. The real server process, started as `npm start` runs it.
import test from 'ava';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { startNodeProcess } from '../../server/dev/process.ts';

const townHall = `
id: town
name: { zh: 青石镇便民服务中心, en: Qingshi Town Service Centre }
timeZone: Asia/Shanghai
services:
  - { id: household, prefix: H, name: { zh: 户籍办理, en: Household registration }, targetWaitMinutes: 10 }
  - { id: farmland, prefix: N, name: { zh: 农村土地, en: Rural land }, targetWaitMinutes: 20 }
windows:
  - { id: "1", number: 1, name: { zh: 1号窗口, en: Window 1 }, services: [household, farmland] }
tokens:
  - { token: town-admin-token-0001, role: admin }
`;

/** A knowledge-base entry for `service`, made from a demo entry so it is a valid one. */
function kbEntry(service: string, titleZh: string): string {
  const demo = parse(readFileSync('config/kb/social.yaml', 'utf8')) as Record<string, unknown>;
  return stringify({ ...demo, service, title: { zh: titleZh, en: `${service} entry` } });
}

function tempDir(t: { teardown: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-town-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('a custom hall file starts with the kb folder beside it; a kb file for an unknown service is only a warning', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'town.yaml'), townHall);
  mkdirSync(join(dir, 'kb'));
  writeFileSync(join(dir, 'kb', 'household.yaml'), kbEntry('household', '户籍业务指南'));
  writeFileSync(join(dir, 'kb', 'social.yaml'), kbEntry('social', '社保'));
  const node = await startNodeProcess({ CONFIG: join(dir, 'town.yaml'), DATA_DIR: join(dir, 'data'), VOICE_ENGINE: 'none', LOG_LEVEL: 'warn' });
  t.teardown(() => node.kill());

  const hall = (await (await fetch(`${node.url}/api/hall`)).json()) as { name: { zh: string } };
  t.is(hall.name.zh, '青石镇便民服务中心');
  const entry = (await (await fetch(`${node.url}/api/kb/household`)).json()) as { title: { zh: string } };
  t.is(entry.title.zh, '户籍业务指南', 'the entry comes from the kb folder beside the hall file');
  t.is((await fetch(`${node.url}/api/kb/social`)).status, 404, 'the demo service is not served');
  t.regex(node.output(), /social\.yaml: no hall has a service \\?"social\\?"/, 'the skipped file is named in a warning');
});

test('a custom hall file without any kb folder starts, its materials from the hall file', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'town.yaml'), townHall);
  const node = await startNodeProcess({ CONFIG: join(dir, 'town.yaml'), DATA_DIR: join(dir, 'data'), VOICE_ENGINE: 'none' });
  t.teardown(() => node.kill());
  const kb = (await (await fetch(`${node.url}/api/kb`)).json()) as { entries?: unknown[] };
  t.deepEqual(kb.entries ?? kb, []);
});

test('a hall file naming a kb folder uses that folder, and one naming a missing folder stops with the path', async (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'guides'));
  writeFileSync(join(dir, 'guides', 'farmland.yaml'), kbEntry('farmland', '土地承包经营权'));
  writeFileSync(join(dir, 'town.yaml'), `kb: guides\n${townHall}`);
  const node = await startNodeProcess({ CONFIG: join(dir, 'town.yaml'), DATA_DIR: join(dir, 'data'), VOICE_ENGINE: 'none' });
  t.teardown(() => node.kill());
  const entry = (await (await fetch(`${node.url}/api/kb/farmland`)).json()) as { title: { zh: string } };
  t.is(entry.title.zh, '土地承包经营权');

  writeFileSync(join(dir, 'bad.yaml'), `kb: nowhere\n${townHall}`);
  const failed = await t.throwsAsync(startNodeProcess({ CONFIG: join(dir, 'bad.yaml'), DATA_DIR: join(dir, 'data2'), VOICE_ENGINE: 'none' }));
  t.regex(failed!.message, /exited with 2/);
  t.regex(failed!.message, /kb: the knowledge-base folder \\?"nowhere\\?"/);
});

test('config/demo-halls.yaml starts with its own knowledge base: each community centre serves its services’ entries, no warnings', async (t) => {
  const dir = tempDir(t);
  const node = await startNodeProcess({ CONFIG: 'config/demo-halls.yaml', DATA_DIR: join(dir, 'data'), VOICE_ENGINE: 'none', LOG_LEVEL: 'warn' });
  t.teardown(() => node.kill());
  for (const hall of ['east', 'west']) {
    const kb = (await (await fetch(`${node.url}/api/halls/${hall}/kb`)).json()) as { entries: { service: string }[] };
    t.deepEqual(kb.entries.map((e) => e.service).sort(), ['medical', 'pickup', 'social'], hall);
  }
  t.notRegex(node.output(), /no hall has a service/);
});
