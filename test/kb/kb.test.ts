// The knowledge base: loaded from config/kb at start, searched in Chinese and English over HTTP,
// edited by the admin (the file on disk changes), and the materials list the printer prints.
import test from 'ava';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serviceFeatures } from '../helpers/features.ts';
import { DEFAULT_KB_DIR, KnowledgeBase, describeMaterial, materialsFor } from '../../server/kb/knowledge-base.ts';
import { terms } from '../../server/kb/search-index.ts';
import { demoHall } from '../helpers/demo.ts';
import { startTestServer } from '../helpers/server.ts';

function tempKb(t: { teardown: (fn: () => void) => void }) {
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-kb-'));
  cpSync(DEFAULT_KB_DIR, dir, { recursive: true });
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('Chinese is indexed as character bigrams, Latin as words', (t) => {
  t.deepEqual(terms('公司章程 Articles'), ['公司', '司章', '章程', 'articles']);
  t.deepEqual(terms('税'), ['税']);
});

test('every demo service has a bilingual entry with steps, materials, fees, legal basis and FAQs', (t) => {
  const kb = KnowledgeBase.load(DEFAULT_KB_DIR, new Set(demoHall.services.map((s) => s.id)));
  for (const s of demoHall.services) {
    const e = kb.get(s.id);
    t.truthy(e, s.id);
    t.true(e!.steps.length >= 3 && e!.materials.length >= 3 && e!.legalBasis.length >= 1 && e!.faqs.length >= 1, s.id);
  }
});

test('search finds a service by a Chinese word in its materials, and by English', async (t) => {
  const server = await startTestServer({ plugins: [...serviceFeatures({ kbDir: tempKb(t) })] });
  t.teardown(() => server.close());
  const estate = await server.api.get(`/api/kb/search?q=${encodeURIComponent('购房合同')}`);
  t.is(estate.status, 200);
  t.is(estate.body.results[0].service, 'estate');
  t.is(estate.body.results[0].title.zh, '不动产登记');
  t.deepEqual(estate.body.results[0].matches[0], { field: 'materials', text: '购房合同' });

  const medical = await server.api.get(`/api/kb/search?q=${encodeURIComponent('出院小结')}`);
  t.deepEqual(medical.body.results.map((r: { service: string }) => r.service), ['medical']);
  // A word from the articles of association finds company registration first.
  t.is((await server.api.get(`/api/kb/search?q=${encodeURIComponent('章程')}`)).body.results[0].service, 'business');
  t.is((await server.api.get('/api/kb/search?q=mortgage')).body.results[0].service, 'estate');
  t.deepEqual((await server.api.get(`/api/kb/search?q=${encodeURIComponent('火箭发射')}`)).body.results, []);
  t.is((await server.api.get('/api/kb/search?q=')).status, 400);

  const entry = await server.api.get('/api/kb/business');
  t.is(entry.body.title.en, 'Business registration (incorporation)');
  t.true(entry.body.materials.some((m: { zh: string }) => m.zh === '公司章程'));
  t.is((await server.api.get('/api/kb/nope')).body.error.code, 'unknown_kb_entry');
});

test('the admin edits an entry: the file on disk changes and search sees it at once', async (t) => {
  const dir = tempKb(t);
  const server = await startTestServer({ plugins: [...serviceFeatures({ kbDir: dir })] });
  t.teardown(() => server.close());
  const entry = (await server.api.get('/api/kb/pickup')).body;
  entry.materials.push({ zh: '快递单号', en: 'Courier tracking number', note: { zh: '邮寄件查询时提供', en: 'To trace a posted document' } });

  t.is((await server.api.request('PUT', '/api/kb/pickup', { body: entry, token: 'demo-triage' })).status, 403);
  t.is((await server.api.request('PUT', '/api/kb/pickup', { body: entry })).status, 401);
  const bad = await server.api.request('PUT', '/api/kb/pickup', { body: { ...entry, steps: [] }, token: 'demo-admin' });
  t.is(bad.status, 400);
  t.is(bad.body.error.code, 'invalid_kb_entry');
  t.regex(bad.body.error.message, /steps/);

  const put = await server.api.request('PUT', '/api/kb/pickup', { body: entry, token: 'demo-admin' });
  t.is(put.status, 200);
  t.true(readFileSync(join(dir, 'pickup.yaml'), 'utf8').includes('快递单号'));
  t.is((await server.api.get(`/api/kb/search?q=${encodeURIComponent('快递单号')}`)).body.results[0].service, 'pickup');
  // What was written loads again.
  t.truthy(KnowledgeBase.load(dir).get('pickup')!.materials.find((m) => m.zh === '快递单号'));
});

test('a broken knowledge-base file stops the server with the file and the problem', async (t) => {
  const dir = tempKb(t);
  writeFileSync(join(dir, 'tax.yaml'), 'service: tax\ntitle: { zh: 税务 }\n');
  const err = await t.throwsAsync(startTestServer({ plugins: [...serviceFeatures({ kbDir: dir })] }));
  t.regex(err!.message, /tax\.yaml: title\.en/);
});

test('the printer gets a service materials list from the knowledge base', (t) => {
  const kb = KnowledgeBase.load(DEFAULT_KB_DIR);
  const list = materialsFor('business', demoHall, kb);
  t.true(list.length >= 5);
  t.is(describeMaterial(list.find((m) => m.zh === '公司章程')!), '公司章程（原件，复印件1份）');
  t.is(describeMaterial(list.find((m) => m.zh === '公司章程')!, 'en'), 'Articles of association (original, 1 copy)');
  // Without a KB entry, the hall file's short list.
  t.deepEqual(materialsFor('business', demoHall, undefined), demoHall.services[0]!.materials);
});
