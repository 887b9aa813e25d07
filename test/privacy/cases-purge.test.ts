// The visitor-data purge on the cases stream (办不成事), on a real SQLite file: a case opened before
// the days kept loses its visitor's name, phone and company in the log, the state and the snapshot
// (the file's bytes no longer hold them); a recent case keeps its visitor; the hall restarts and
// opens new cases.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { addDays } from '../../server/appointments/local-time.ts';
import type { DeploymentConfig } from '../../server/config/schema.ts';
import { casesPlugin } from '../../server/cases/plugin.ts';
import { privacyPlugin } from '../../server/privacy/plugin.ts';
import { at, MONDAY } from '../appointments/helpers.ts';
import { demoDeployment } from '../helpers/demo.ts';
import { startTestServer } from '../helpers/server.ts';

const deployment: DeploymentConfig = { ...demoDeployment, halls: [{ ...demoDeployment.halls[0]!, privacy: { visitorDataDays: 30 } }, ...demoDeployment.halls.slice(1)] };
const LATER = addDays(MONDAY, 35);
const OLD = { name: '钱老太', phone: '13755556666', company: '钱氏五金批发部' };
const OLD_ID = '11010519491231002X';
const RECENT = { name: '孙小明', phone: '13677778888', company: '小明餐饮店' };

test('the purge masks old cases in log, state and snapshot; recent ones stay; the hall restarts', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-cpurge-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const clock = { now: at(MONDAY, '09:00') };
  const start = () => startTestServer({ deployment, dataDir, engine: { clock: () => clock.now }, plugins: [casesPlugin(), privacyPlugin()] });
  let server = await start();
  const open = (problem: string, visitor: object) => server.api.post('/api/cases', { problem, services: ['social'], visitor }, 'demo-admin');
  const get = async (id: string) => (await server.api.get(`/api/cases/${id}`, 'demo-admin')).body;
  const old = await open('社保转移等了两个月', { ...OLD, idNumber: OLD_ID });
  t.is(old.status, 201, JSON.stringify(old.body));
  t.is(old.body.visitor.idNumber, '1101**********002X', 'a typed ID number is kept masked, never in plain text');
  t.is((await server.api.post(`/api/cases/${old.body.id}/resolve`, { resolution: '已转移', followUp: false }, 'demo-admin')).status, 200);
  clock.now = at(LATER, '09:00');
  const recent = await open('养老金查询无结果', RECENT);
  t.is(recent.status, 201, JSON.stringify(recent.body));

  t.true((await server.services.get('privacy')!.purge('district')) >= 1);
  t.deepEqual((await get(old.body.id)).visitor, { name: '钱**', phone: '137****6666' }, 'the old case keeps only a masked name and phone');
  t.like(await get(old.body.id), { status: 'closed', resolution: '已转移' }, 'the rest of the old case stays');
  t.deepEqual((await get(recent.body.id)).visitor, RECENT);
  await server.close();

  const bytes = Buffer.concat(readdirSync(dataDir).map((f) => readFileSync(join(dataDir, f))));
  for (const gone of [...Object.values(OLD), OLD_ID, '1101**********002X']) t.false(bytes.includes(Buffer.from(gone)), `the file no longer holds ${gone}`);
  for (const kept of Object.values(RECENT)) t.true(bytes.includes(Buffer.from(kept)), `a recent case keeps ${kept}`);

  server = await start();
  t.teardown(() => server.close());
  t.deepEqual((await get(old.body.id)).visitor, { name: '钱**', phone: '137****6666' }, 'the restarted hall folds the masked log');
  t.deepEqual((await get(recent.body.id)).visitor, RECENT);
  const next = await open('不动产登记退件', { name: '赵六', phone: '13500001111' });
  t.is(next.status, 201, 'cases go on');
  t.not(next.body.number, recent.body.number, 'a new number after the restart');
  t.is((await server.services.get('privacy')!.purge('district')), 0, 'a second purge finds nothing left to rewrite');
});
