// The visitor-data purge and a hall snapshot left behind by a node before its upgrade (one that knew
// no snapshot format, docs/scale-out.md "Upgrading node by node"): that snapshot holds the day it was
// saved on, visitors' names and phones included, in a place this version never reads again. The
// purge deletes it, so after the purge the data files (real SQLite, read byte by byte) no longer hold
// the purged visitor anywhere.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import Database from 'better-sqlite3';
import { addDays } from '../../server/appointments/local-time.ts';
import type { DeploymentConfig } from '../../server/config/schema.ts';
import { privacyPlugin } from '../../server/privacy/plugin.ts';
import { at, MONDAY } from '../appointments/helpers.ts';
import { demoDeployment } from '../helpers/demo.ts';
import { withCheck } from '../helpers/resident-id.ts';
import { startTestServer } from '../helpers/server.ts';

const deployment: DeploymentConfig = { ...demoDeployment, halls: [{ ...demoDeployment.halls[0]!, privacy: { visitorDataDays: 30 } }, ...demoDeployment.halls.slice(1)] };
const OLD_DAY = MONDAY;
const PURGE_DAY = addDays(MONDAY, 31);
const OLD = { name: '周老伯', phone: '13311112222', company: '旧时光贸易公司', idNumber: withCheck('11010119500101123') };
const KEPT = { name: '吴晓燕', phone: '13933334444', company: '新世纪商行', idNumber: withCheck('31010119920202456') };

test('the purge deletes a hall snapshot an older node left behind, which held the purged visitors', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-stale-snap-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const clock = { now: at(OLD_DAY, '10:00') };
  const server = await startTestServer({ deployment, dataDir, engine: { clock: () => clock.now }, plugins: [privacyPlugin()] });
  let closed = false;
  t.teardown(() => (closed ? undefined : server.close()));
  const issue = (visitor: object) => server.api.post('/api/tickets', { service: 'social', visitor }, 'demo-triage');
  t.is((await issue(OLD)).status, 201);

  // What a node of the version before saved that day: the hall's state where it keeps its snapshot.
  const engine = server.registry.get('district')!;
  const saved = JSON.stringify(engine.current);
  t.true(saved.includes(OLD.name), 'the state of that day holds the visitor');
  const raw = new Database(join(dataDir, 'onewindow.sqlite'));
  raw.prepare('INSERT INTO snapshots (hall_id, seq, state) VALUES (?, ?, ?)').run('district', engine.position, saved);
  raw.close();

  clock.now = at(PURGE_DAY, '10:00');
  t.is((await issue(KEPT)).status, 201);
  await server.services.get('privacy')!.purge('district');
  const check = new Database(join(dataDir, 'onewindow.sqlite'), { readonly: true });
  t.is(check.prepare("SELECT COUNT(*) FROM snapshots WHERE hall_id = 'district'").pluck().get(), 0, 'the old snapshot is gone');
  check.close();

  await server.close();
  closed = true;
  const bytes = Buffer.concat(readdirSync(dataDir).map((f) => readFileSync(join(dataDir, f))));
  for (const gone of [OLD.name, OLD.phone, OLD.company]) t.false(bytes.includes(Buffer.from(gone)), `the files no longer hold ${gone}`);
  t.true(bytes.includes(Buffer.from(KEPT.name)), 'data within the kept days stays');
});
