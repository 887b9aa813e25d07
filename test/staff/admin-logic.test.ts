// The admin page's plain functions: list fields, account state, the add form's checks.
import test from 'ava';
import { accountState, addAccountBody, parseList, sortAccounts } from '../../displays/staff/logic.ts';

const row = (over: Partial<Parameters<typeof accountState>[0]> = {}) => ({ id: 'x', staffNumber: '1', name: 'n', roles: ['clerk'], halls: [], disabled: false, locked: false, failures: 0, ...over });

test('lists split on Latin and Chinese separators', (t) => {
  t.deepEqual(parseList(' district，street-1; street-2、 east '), ['district', 'street-1', 'street-2', 'east']);
  t.deepEqual(parseList('  '), []);
});

test('an account reads disabled before locked before active', (t) => {
  t.is(accountState(row({ disabled: true, locked: true })).key, 'disabled');
  t.is(accountState(row({ locked: true })).key, 'locked');
  t.is(accountState(row({ failures: 2 })).label, '正常（2 次密码错误）Active');
});

test('the add form needs a number, a name, a role and 8+ characters of password', (t) => {
  const ok = { staffNumber: ' 7001 ', name: ' 王五 ', roles: ['clerk'], halls: 'district', password: '12345678' };
  t.deepEqual(addAccountBody(ok).body, { staffNumber: '7001', name: '王五', roles: ['clerk'], halls: ['district'], password: '12345678' });
  t.truthy(addAccountBody({ ...ok, staffNumber: '' }).problem);
  t.truthy(addAccountBody({ ...ok, roles: [] }).problem);
  t.truthy(addAccountBody({ ...ok, password: '1234567' }).problem);
});

test('accounts sort by staff number as numbers', (t) => {
  t.deepEqual(sortAccounts([row({ staffNumber: '10001' }), row({ staffNumber: '9001' }), row({ staffNumber: '1001' })]).map((a) => a.staffNumber), ['1001', '9001', '10001']);
});
