// ID numbers typed at the triage desk: a wrong one is refused with a Chinese reason, a right one is
// kept only as a keyed hash and a masked form (the database file never holds it), and the admin finds
// that visitor's dealings by the number — exactly the tickets issued with it, nobody else's.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { withCheck } from '../helpers/resident-id.ts';
import { at, MONDAY, startClockedServer } from '../appointments/helpers.ts';

/** Check character by ISO 7064 MOD 11-2 (weights 2^(17-i) mod 11), independent of the server's table. */
const ALICE = withCheck('32010219560315472');
const BOB = withCheck('44030519881102331');

test('ID numbers: refused with a reason, stored hashed and masked, found again by the admin', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-idcard-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const server = await startClockedServer(at(MONDAY, '09:00'), { dataDir });
  const issue = (idNumber: string, name: string) => server.api.post('/api/tickets', { service: 'social', visitor: { name, idNumber } }, 'demo-triage');

  const wrongDigit = await issue(ALICE.slice(0, 17) + (ALICE[17] === '0' ? '1' : '0'), '甲');
  t.is(wrongDigit.status, 400);
  t.is(wrongDigit.body.error.code, 'id_number_invalid');
  t.regex(wrongDigit.body.error.message, /校验位/);
  const future = await issue(withCheck('11010120301231123'), '乙');
  t.is(future.body.error.code, 'id_number_invalid');
  t.regex(future.body.error.message, /出生日期/);

  const mine: string[] = [];
  for (let i = 0; i < 3; i++) {
    server.clock.now = at(MONDAY, `10:0${i}`);
    mine.push((await issue(ALICE, '张秀兰')).body.id);
    await issue(BOB, '李四');
  }
  // A lower-case x is the same person.
  mine.push((await issue(ALICE.toLowerCase(), '张秀兰')).body.id);

  const found = await server.api.get(`/api/records?idNumber=${ALICE}&from=${MONDAY}&to=${MONDAY}`, 'demo-admin');
  t.is(found.status, 200, JSON.stringify(found.body));
  const issued = found.body.entries.filter((e: { type: string }) => e.type === 'ticket:issued').map((e: { ticketId: string }) => e.ticketId);
  t.deepEqual(issued.sort(), [...mine].sort());
  t.deepEqual(found.body.visitors.map((v: { idNumber: string }) => v.idNumber), [`${ALICE.slice(0, 4)}**********${ALICE.slice(-4)}`]);

  const bad = await server.api.get(`/api/records?idNumber=${ALICE.slice(0, 17)}`, 'demo-admin');
  t.is(bad.body.error.code, 'id_number_invalid');

  await server.close();
  const files = readdirSync(dataDir).map((f) => readFileSync(join(dataDir, f)).toString('latin1'));
  t.true(files.length > 0);
  for (const text of files) for (const id of [ALICE, BOB]) t.false(text.includes(id), 'the plain ID number is not in the database file');
});
