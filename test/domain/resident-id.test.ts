// Resident ID numbers (GB 11643-1999) checked against an independent reading of the standard: the
// weights are 2^(17-i) mod 11 and the check character makes the weighted sum ≡ 1 (mod 11), X = 10
// (ISO 7064 MOD 11-2). No table is shared with the module under test.
import test from 'ava';
import fc from 'fast-check';
import { ageOn, checkResidentId, localDate, maskIdNumber, maskName } from '../../server/domain/resident-id.ts';

function referenceCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  for (let c = 0; c <= 10; c++) if ((sum + c) % 11 === 1) return c === 10 ? 'X' : String(c);
  throw new Error('unreachable');
}
const withCheck = (first17: string) => first17 + referenceCheckChar(first17);
const TODAY = '2025-06-15';

test('the standard example 11010519491231002X is valid, a woman born 1949-12-31', (t) => {
  const r = checkResidentId('11010519491231002x', TODAY);
  t.like(r, { ok: true, idNumber: '11010519491231002X', birthDate: '1949-12-31', sex: 'female' });
});

test('numbers built with the reference check character are valid; any other last character is a check-digit error', (t) => {
  const id = withCheck('32010219800229123');
  t.true(checkResidentId(id, TODAY).ok);
  for (const c of '0123456789X') {
    if (c === id[17]) continue;
    t.like(checkResidentId(id.slice(0, 17) + c, TODAY), { ok: false, reason: 'check_digit' });
  }
});

test('birth dates: not real, in the future, or before 1900 are refused with the birth-date reason', (t) => {
  for (const bad of ['19810229', '19901301', '19900431', '20250616', '18991231', '18800101']) {
    const r = checkResidentId(withCheck(`110101${bad}123`), TODAY);
    t.like(r, { ok: false, reason: 'birth_date' }, bad);
    if (!r.ok) t.regex(r.message, /出生日期/);
  }
  t.true(checkResidentId(withCheck('11010120250615123'), TODAY).ok, 'born today is real');
});

test('region: an unknown province is refused; shape errors are format errors in Chinese', (t) => {
  t.like(checkResidentId(withCheck('99010119900101123'), TODAY), { ok: false, reason: 'region' });
  t.like(checkResidentId(withCheck('00010119900101123'), TODAY), { ok: false, reason: 'region' });
  for (const bad of ['', '11010119900101123', '1101011990010112345', '11010119900101123Y', 'X10101199001011234']) {
    const r = checkResidentId(bad, TODAY);
    t.like(r, { ok: false, reason: 'format' }, bad);
    if (!r.ok) t.regex(r.message, /18位/);
  }
});

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
const validParts = fc.record({
  province: fc.constantFrom('11', '31', '44', '51', '65', '82'),
  rest: digits(4),
  birth: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2025-06-15T00:00:00Z'), noInvalidDate: true }),
  seq: digits(3),
});
const build = (p: { province: string; rest: string; birth: Date; seq: string }) =>
  withCheck(p.province + p.rest + p.birth.toISOString().slice(0, 10).replaceAll('-', '') + p.seq);

test('property: every well-formed number is accepted, and changing one digit of the first 17 is always caught', (t) => {
  fc.assert(
    fc.property(validParts, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (p, pos, delta) => {
      const id = build(p);
      const ok = checkResidentId(id, TODAY);
      if (!ok.ok || ok.sex !== (Number(id[16]) % 2 ? 'male' : 'female')) return false;
      const changed = id.slice(0, pos) + ((Number(id[pos]) + delta) % 10) + id.slice(pos + 1);
      return !checkResidentId(changed, TODAY).ok;
    }),
  );
  t.pass();
});

test('property: swapping two different adjacent digits is always caught', (t) => {
  fc.assert(
    fc.property(validParts, fc.integer({ min: 0, max: 15 }), (p, pos) => {
      const id = build(p);
      if (id[pos] === id[pos + 1]) return true;
      const swapped = id.slice(0, pos) + id[pos + 1] + id[pos] + id.slice(pos + 2);
      return !checkResidentId(swapped, TODAY).ok;
    }),
  );
  t.pass();
});

test('age: whole years, the birthday itself counts, a 29 Feb birthday comes on 1 Mar', (t) => {
  t.is(ageOn('1955-06-15', '2025-06-15'), 70);
  t.is(ageOn('1955-06-16', '2025-06-15'), 69);
  t.is(ageOn('1956-02-29', '2026-02-28'), 69);
  t.is(ageOn('1956-02-29', '2026-03-01'), 70);
});

test('property: age agrees with counting birthdays one year at a time', (t) => {
  fc.assert(
    fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }), fc.integer({ min: 0, max: 50000 }), (birth, days) => {
      const b = birth.toISOString().slice(0, 10);
      const today = new Date(birth.getTime() + days * 86400000).toISOString().slice(0, 10);
      let years = 0;
      while (true) {
        const next = new Date(birth);
        next.setUTCFullYear(birth.getUTCFullYear() + years + 1);
        if (next.getUTCDate() !== birth.getUTCDate()) next.setUTCDate(1); // 29 Feb → 1 Mar
        if (next.toISOString().slice(0, 10) > today) break;
        years++;
      }
      return ageOn(b, today) === years;
    }),
  );
  t.pass();
});

test('the hall time zone decides the date: 20:00 UTC on 14 June is 15 June in Shanghai', (t) => {
  t.is(localDate(new Date('2025-06-14T20:00:00Z'), 'Asia/Shanghai'), '2025-06-15');
  t.is(localDate(new Date('2025-06-14T20:00:00Z'), 'UTC'), '2025-06-14');
});

test('masks: a name keeps its surname only, an ID number its first four and last four', (t) => {
  t.is(maskName('张三'), '张*');
  t.is(maskName('王小明'), '王**');
  t.is(maskName('欧阳娜娜'), '欧阳**');
  t.is(maskName('李'), '李');
  t.is(maskIdNumber('11010519491231002x'), '1101**********002X');
  t.false(maskIdNumber('11010519491231002X').includes('19491231'));
});
