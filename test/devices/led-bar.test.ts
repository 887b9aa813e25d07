// LED bars over TCP, driven by the bridge following a real server's live events.
import test from 'ava';
import { LedBridge } from '../../displays/led-bar/bridge.ts';
import { barText } from '../../displays/led-bar/bar-text.ts';
import { ledBarPlugin } from '../../displays/led-bar/plugin.ts';
import { demoDeployment } from '../helpers/demo.ts';
import { decodeFrame, decodeShow, showFrame } from '../../displays/led-bar/frame.ts';
import { FakeLedController } from '../helpers/fake-led-controller.ts';
import { startTestServer } from '../helpers/server.ts';

test('a frame round-trips GBK text, and a corrupted frame is refused', (t) => {
  const frame = showFrame(7, ['请 A001 号', '到3号窗口办理'], 'flash');
  const r = decodeFrame(frame);
  t.truthy(r && 'frame' in r);
  if (!r || !('frame' in r)) return;
  t.is(r.frame.address, 7);
  t.deepEqual(decodeShow(r.frame.payload), { mode: 'flash', lines: ['请 A001 号', '到3号窗口办理'] });
  const bad = Buffer.from(frame);
  bad[8] = bad[8]! ^ 0xff;
  const r2 = decodeFrame(bad);
  t.truthy(r2 && 'error' in r2);
});

test('each bar shows its window’s call, then the serving state, and again after its connection is cut', async (t) => {
  const server = await startTestServer();
  const bar3 = await FakeLedController.start();
  const bar4 = await FakeLedController.start();
  const bridge = new LedBridge({
    server: server.url,
    bars: [
      { window: '3', url: bar3.url, address: 1 },
      { window: '4', url: bar4.url, address: 2 },
    ],
    retryMinMs: 50,
    retryMaxMs: 200,
  });
  t.teardown(async () => {
    bridge.close();
    await bar3.close();
    await bar4.close();
    await server.close();
  });

  // From the snapshot on connect: both windows open and idle.
  await bar3.until(() => bar3.text(1) === '3号窗口 欢迎光临');
  await bar4.until(() => bar4.text(2) === '4号窗口 欢迎光临');

  const b1 = await server.api.issue('social');
  const b2 = await server.api.issue('social');
  t.is(b1.status, 201);
  t.is((await server.api.window('3', 'next')).status, 200);
  await bar3.until(() => bar3.text(1) === `请 ${b1.body.number} 号 到3号窗口办理`);
  t.is(bar3.display.get(1)!.mode, 'flash');

  t.is((await server.api.window('4', 'next')).status, 200);
  await bar4.until(() => bar4.text(2) === `请 ${b2.body.number} 号 到4号窗口办理`);
  t.is(bar3.text(1), `请 ${b1.body.number} 号 到3号窗口办理`, 'window 3 keeps its own number');

  await server.api.window('3', 'start');
  await bar3.until(() => bar3.text(1) === `${b1.body.number} 号 正在办理`);

  // The network to bar 3 drops and the bar reboots blank: the bridge reconnects and resends.
  const before = bar3.connections;
  bar3.blank();
  bar3.cutConnections();
  await bar3.until(() => bar3.connections > before && bar3.text(1) === `${b1.body.number} 号 正在办理`);

  // And it keeps following: a pause shows on the bar.
  await server.api.window('3', 'finish');
  await server.api.window('3', 'pause');
  await bar3.until(() => bar3.text(1) === '3号窗口 暂停服务 请稍候');
  t.deepEqual(bar3.errors, []);
  t.deepEqual(bar4.errors, []);
  t.is(bridge.statuses().length, 2);
});

test('with ledBars in the hall config the server drives the bars itself', async (t) => {
  const bar = await FakeLedController.start();
  const hall = { ...demoDeployment.halls[0]!, ledBars: [{ window: '8', url: bar.url, address: 5 }] };
  const server = await startTestServer({ deployment: { ...demoDeployment, halls: [hall] }, plugins: [ledBarPlugin()] });
  t.teardown(async () => {
    await server.close();
    await bar.close();
  });
  await bar.until(() => bar.text(5) === '8号窗口 欢迎光临');
  const ticket = await server.api.issue('pickup');
  await server.api.window('8', 'next');
  await bar.until(() => bar.text(5) === `请 ${ticket.body.number} 号 到8号窗口办理`);
  const health = await server.api.get('/api/health', 'demo-admin');
  t.like(health.body.ledBars[0], { window: '8', state: 'connected' });
});

test('a bar says a recall differently from the first call: 请 A012 号 / 再次到3号窗口', (t) => {
  const called = { number: 3, status: 'open' as const, current: { id: 't', hallId: 'h', number: 'A012', serviceId: 's', lane: 'normal' as const, status: 'called' as const, issuedAt: 0, recalls: 0 } };
  t.deepEqual(barText(called).lines, ['请 A012 号', '到3号窗口办理']);
  t.deepEqual(barText({ ...called, current: { ...called.current, recalls: 1 } }).lines, ['请 A012 号', '再次到3号窗口']);
});
