// kill -9 in the middle of a burst of issues and calls: after a restart every acknowledged
// ticket is there in its state, and no number is ever issued twice.
import test from 'ava';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient } from '../helpers/server.ts';
import { startNodeProcess } from '../../server/dev/process.ts';

const SERVICES = ['business', 'social', 'estate', 'tax', 'medical'];

test('SIGKILL mid-burst loses no acknowledged ticket and reuses no number', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-crash-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const node = await startNodeProcess({ DATA_DIR: dataDir });
  t.teardown(() => node.kill());
  const api = new ApiClient(node.url);

  const issued = new Map<string, string>(); // id -> number
  const called = new Set<string>();
  let stop = false;
  const worker = async (i: number) => {
    for (let n = 0; !stop; n++) {
      try {
        if ((i + n) % 3 === 2) {
          const res = await api.window(String((n % 7) + 1), 'next');
          if (res.status === 200) called.add(res.body.ticket.id);
        } else {
          const res = await api.issue(SERVICES[(i + n) % SERVICES.length]!);
          if (res.status === 201) issued.set(res.body.id, res.body.number);
        }
      } catch {
        return; // the node is gone
      }
    }
  };
  const workers = Array.from({ length: 8 }, (_, i) => worker(i));
  while (issued.size < 150) await new Promise((r) => setTimeout(r, 10));
  await node.kill('SIGKILL');
  stop = true;
  await Promise.all(workers);
  t.true(issued.size >= 150 && called.size > 0);

  const again = await startNodeProcess({ DATA_DIR: dataDir });
  t.teardown(() => again.kill());
  const api2 = new ApiClient(again.url);
  for (const [id, number] of issued) {
    const res = await api2.get(`/api/tickets/${id}`);
    t.is(res.status, 200, `ticket ${number} survived`);
    t.is(res.body.number, number);
    if (called.has(id)) t.not(res.body.status, 'waiting', `called ticket ${number} is not waiting again`);
  }
  const state = (await api2.get('/api/state')).body;
  const numbers = new Set<string>();
  for (const res of await Promise.all(SERVICES.map(() => api2.issue('business')))) numbers.add(res.body.number);
  t.is(numbers.size, SERVICES.length);
  for (const n of numbers) t.false([...issued.values()].includes(n), `new number ${n} was not issued before the crash`);
  t.true(state.counts.issued >= issued.size);
  await again.kill('SIGTERM');
  t.is(again.child.exitCode, 0, 'SIGTERM shuts down cleanly');
});

test('after kill -9 the hall is exactly as it was: queue, windows, recent calls, counts', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-crash-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const node = await startNodeProcess({ DATA_DIR: dataDir });
  t.teardown(() => node.kill());
  const api = new ApiClient(node.url);
  for (const s of ['business', 'social', 'estate', 'business', 'tax']) await api.issue(s, 'elderly');
  await api.window('1', 'next');
  await api.window('1', 'start');
  await api.window('3', 'next');
  await api.window('4', 'pause');
  const before = (await api.get('/api/state')).body;
  await node.kill('SIGKILL');

  const again = await startNodeProcess({ DATA_DIR: dataDir });
  t.teardown(() => again.kill());
  const after = (await new ApiClient(again.url).get('/api/state')).body;
  delete before.at;
  delete after.at;
  t.deepEqual(after, before);
});
