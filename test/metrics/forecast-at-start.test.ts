// A node restarted on a day with people waiting runs the hall's forecast once, at start, with the
// service times the metrics plug-in learned from the day so far. Before, the notifications plug-in
// read a forecast with the hall file's times at its start, the metrics plug-in (started later) then
// handed in the learned times, which dropped that run, and the first issue after the restart ran
// the policy over the whole queue again inside its append: 50-100 ms at 10k waiting, during which
// every request of the node waited.
import test from 'ava';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPlugins } from '../../server/plugins.ts';
import { startTestServer } from '../helpers/server.ts';

test('after a restart with tickets waiting, the first issue follows the forecast made at start and tells the people ahead', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-forecast-start-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const options = { dataDir, plugins: defaultPlugins(), env: { VOICE_ENGINE: 'none' } };

  const first = await startTestServer(options);
  for (let i = 0; i < 5; i++) t.is((await first.api.issue('business')).status, 201);
  await first.close();

  const second = await startTestServer(options);
  t.teardown(() => second.close());
  const forecasts = second.registry.get(second.registry.defaultHallId)!.forecasts;
  const runsAtStart = forecasts.runs;
  t.true(runsAtStart >= 1, 'the forecast was made at start');

  const issued = await second.api.issue('business');
  t.is(issued.status, 201);
  // The five business tickets of before the restart come first: the only normal-lane ones waiting.
  t.is(issued.body.ahead, 5);
  t.is(forecasts.runs, runsAtStart, 'the issue placed its ticket in the kept run instead of running the policy again');
});
