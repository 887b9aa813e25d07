// The log adapter (the default) prints what would be sent through the server's logger, and no log
// line — sent, failed or near turn — holds a visitor's full phone number.
import test from 'ava';
import { notificationsPlugin } from '../../server/notifications/plugin.ts';
import { captureLog } from '../helpers/log-capture.ts';
import { startTestServer } from '../helpers/server.ts';
import { MONDAY_0830, smsHall } from './helpers.ts';

test('the log adapter prints each message once with the phone masked; no line holds the full number', async (t) => {
  const capture = captureLog('info');
  const clock = { now: MONDAY_0830 };
  const server = await startTestServer({ deployment: smsHall({ notifications: { adapter: 'log' } }), logger: capture.logger, engine: { clock: () => clock.now }, plugins: [notificationsPlugin()] });
  t.teardown(() => server.close());
  const issued = await server.api.post('/api/tickets', { service: 'soc', lane: 'normal', visitor: { phone: '13812345678', name: '赵六' } }, 'triage-token');
  t.is(issued.status, 201);
  await server.services.get('notifications')!.forHall('hall')!.settle();
  const sent = capture.lines().filter((l) => l.msg === 'notification (log adapter: not sent)');
  t.is(sent.length, 1);
  t.like(sent[0], { to: '138****5678', template: 'nearTurn' });
  t.true(String(sent[0]!.text).includes(issued.body.number));
  t.false(capture.text().includes('13812345678'));
  // Public views of the ticket carry no phone either.
  t.false(JSON.stringify((await server.api.get(`/api/tickets/${issued.body.id}`)).body).includes('13812345678'));
});
