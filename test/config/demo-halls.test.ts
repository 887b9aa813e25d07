// The demo multi-hall file (config/demo-halls.yaml) loads: the district hall and two community
// centres, each smaller than the district; clerks are scoped to their hall, the admin is not.
import test from 'ava';
import { loadDeploymentFile } from '../../server/config/load.ts';

test('config/demo-halls.yaml loads: the district hall and two smaller community centres', (t) => {
  const d = loadDeploymentFile('config/demo-halls.yaml');
  t.deepEqual(d.halls.map((h) => h.id), ['district', 'east', 'west']);
  const [district, ...centres] = d.halls;
  for (const c of centres) {
    t.true(c.services.length < district!.services.length, c.id);
    t.true(c.windows.length < district!.windows.length, c.id);
    t.true(c.services.some((s) => s.id === 'pickup'), `${c.id} hands out results`);
  }
  const admin = d.tokens.find((x) => x.token === 'demo-admin');
  t.is(admin?.hall, undefined, 'the admin token is valid in every hall');
  for (const c of ['east', 'west']) for (const role of ['triage', 'kiosk', 'display', 'clerk-1']) t.is(d.tokens.find((x) => x.token === `demo-${c}-${role}`)?.hall, c, `${c} ${role}`);
  t.is(d.tokens.find((x) => x.token === 'demo-clerk-1')?.hall, 'district');
});

test('config/demo-halls.yaml has its own knowledge base: an entry for every service of every hall, nothing skipped', async (t) => {
  const { KnowledgeBase } = await import('../../server/kb/knowledge-base.ts');
  const d = loadDeploymentFile('config/demo-halls.yaml');
  const services = new Set(d.halls.flatMap((h) => h.services.map((s) => s.id)));
  const kb = KnowledgeBase.load(d.kbDir!, services);
  t.deepEqual(kb.warnings, []);
  for (const s of services) t.truthy(kb.get(s), s);
  for (const h of d.halls) t.truthy(h.address && h.supervisionPhone, `${h.id} prints its address and supervision phone on notices`);
});
