// GET /api/queue on a real server: a console pages through the waiting tickets of its services while
// the triage desk keeps issuing and the windows keep calling between page reads. The oracle is the
// test's own record: the ids the issue answers gave, minus the ids the next answers called.
import test from 'ava';
import { demoDeployment, withoutNextGuard } from '../helpers/demo.ts';
import { startTestServer } from '../helpers/server.ts';

type Listed = { id: string; serviceId: string; status: string; issuedAt: number; ahead?: number };
type Page = { tickets: Listed[]; next: string | null; eventId: number; services: string[] };

/** A small deterministic random source, so a failure can be replayed. */
function random(seed: number) {
  let x = seed;
  return () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
}

test('paging business and social while others are issued and called lists each ticket waiting throughout exactly once, in arrival order', async (t) => {
  const server = await startTestServer({ deployment: withoutNextGuard(demoDeployment) });
  t.teardown(() => server.close());
  const { api } = server;
  const asked = ['business', 'social'];
  const issued = new Map<string, string>(); // id → service
  const called = new Set<string>();
  const rand = random(7);
  const issue = async (service: string) => {
    const res = await api.issue(service, rand() < 0.3 ? 'elderly' : 'normal');
    t.is(res.status, 201);
    issued.set(res.body.id, service);
  };
  const next = async (windowId: string) => {
    const res = await api.window(windowId, 'next');
    if (res.status === 200 && res.body.ticket) called.add(res.body.ticket.id);
  };
  for (let i = 0; i < 60; i++) await issue(['business', 'social', 'tax'][i % 3]!);
  const waitingNow = () => new Set([...issued].filter(([id, s]) => asked.includes(s) && !called.has(id)).map(([id]) => id));

  let throughout = waitingNow();
  const listed: Listed[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const now = waitingNow();
    throughout = new Set([...throughout].filter((id) => now.has(id)));
    const res: { status: number; body: Page } = await api.get<Page>(`/api/queue?service=${asked.join(',')}&limit=4${cursor ? `&cursor=${cursor}` : ''}`);
    t.is(res.status, 200);
    t.true(res.body.tickets.length <= 4);
    for (const x of res.body.tickets) {
      t.true(now.has(x.id), `${x.id} was waiting in business or social when its page was read`);
      t.is(x.status, 'waiting');
    }
    listed.push(...res.body.tickets);
    cursor = res.body.next;
    pages++;
    // Between reads: two new tickets, one press of next at window 3 (social, medical, business) and one at window 1 (business, tax, estate).
    await issue(['business', 'social', 'tax'][Math.floor(rand() * 3)]!);
    await issue(['business', 'social', 'tax'][Math.floor(rand() * 3)]!);
    await next('3');
    await next('1');
  } while (cursor && pages < 200);
  t.true(pages > 5, `${pages} pages`);
  t.is(cursor, null, 'the last page says there is no more');
  const ids = listed.map((x) => x.id);
  t.is(new Set(ids).size, ids.length, 'no ticket listed twice');
  for (const id of throughout) t.true(ids.includes(id), `${id} waited throughout and was listed`);
  for (let i = 1; i < listed.length; i++) t.true(listed[i - 1]!.issuedAt <= listed[i]!.issuedAt, 'in arrival order (issue order: no transfers here)');
  t.true(listed.every((x) => typeof x.ahead === 'number'), 'each listed ticket tells its people ahead');
});

test('a page asked wrongly is a 400 or 404 in the error shape', async (t) => {
  const server = await startTestServer();
  t.teardown(() => server.close());
  const { api } = server;
  await api.issue('business');
  const cases: [string, number, string][] = [
    ['/api/queue', 400, 'invalid_request'],
    ['/api/queue?service=', 400, 'invalid_request'],
    ['/api/queue?service=business&limit=0', 400, 'invalid_request'],
    ['/api/queue?service=business&limit=201', 400, 'invalid_request'],
    ['/api/queue?service=business&limit=x', 400, 'invalid_request'],
    ['/api/queue?service=business&service=social', 400, 'invalid_request'],
    ['/api/queue?service=business&cursor=!!', 400, 'invalid_cursor'],
    [`/api/queue?service=business&cursor=${Buffer.from('{"a":1}').toString('base64url')}`, 400, 'invalid_cursor'],
    [`/api/queue?service=business&cursor=${Buffer.from('[1,2]').toString('base64url')}`, 400, 'invalid_cursor'],
    ['/api/queue?service=nope', 404, 'unknown_service'],
    ['/api/queue?service=business,nope', 404, 'unknown_service'],
  ];
  for (const [path, status, code] of cases) {
    const res = await api.get(path);
    t.is(res.status, status, path);
    t.is(res.body?.error?.code, code, path);
  }
  const one = await api.get<Page>('/api/queue?service=business');
  t.is(one.status, 200);
  t.deepEqual(one.body.tickets.map((x) => x.serviceId), ['business']);
  t.is(one.body.next, null);
});
