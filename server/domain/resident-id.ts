// The 18-character resident ID number (居民身份证号码, GB 11643-1999): validation, the birth date and
// age it carries, and the masked forms a screen or a record shows. Pure: the clock comes in as a date.

/** Province-level codes (the first two digits of the region code, GB/T 2260). */
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82', '83', '91',
]);
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type ResidentIdProblem = 'format' | 'region' | 'birth_date' | 'check_digit';

export type ResidentIdCheck =
  | { ok: true; idNumber: string; birthDate: string; sex: 'male' | 'female' }
  | { ok: false; reason: ResidentIdProblem; message: string };

const MESSAGES: Record<ResidentIdProblem, string> = {
  format: '身份证号码应为18位：17位数字加1位数字或X',
  region: '身份证号码的地区码不正确',
  birth_date: '身份证号码中的出生日期不正确',
  check_digit: '身份证号码校验位不正确，请核对后重新输入',
};

/** The check character for the first 17 digits. */
export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** `today` is the hall's local date (YYYY-MM-DD): a birth date after it is not real yet. */
export function checkResidentId(raw: string, today: string): ResidentIdCheck {
  const id = raw.trim().toUpperCase();
  const fail = (reason: ResidentIdProblem): ResidentIdCheck => ({ ok: false, reason, message: MESSAGES[reason] });
  if (!/^\d{17}[\dX]$/.test(id)) return fail('format');
  if (!PROVINCES.has(id.slice(0, 2))) return fail('region');
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isRealDate(birthDate) || birthDate < '1900-01-01' || birthDate > today) return fail('birth_date');
  if (checkCharacter(id.slice(0, 17)) !== id[17]) return fail('check_digit');
  return { ok: true, idNumber: id, birthDate, sex: Number(id[16]) % 2 === 1 ? 'male' : 'female' };
}

function isRealDate(ymd: string): boolean {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Whole years from `birthDate` to `today` (both YYYY-MM-DD); a 29 Feb birthday comes on 1 Mar. */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const hadBirthday = tm > bm || (tm === bm && td >= bd);
  return ty - by - (hadBirthday ? 0 : 1);
}

/** The local date (YYYY-MM-DD) of `at` in `timeZone`. */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** 张三 → 张*, 欧阳娜娜 → 欧阳**: a compound surname (three characters or more) stays whole; one character stays as it is. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('');
  const keep = chars.length >= 3 && COMPOUND_SURNAMES.has(chars[0]! + chars[1]!) ? 2 : 1;
  return chars.slice(0, keep).join('') + '*'.repeat(chars.length - keep);
}

const COMPOUND_SURNAMES = new Set([
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '长孙', '宇文', '司徒', '夏侯', '轩辕', '端木', '独孤', '南宫', '西门', '百里',
]);

/** 110101199003071234 → 1101**********1234: the province and city, and the last four. */
export function maskIdNumber(idNumber: string): string {
  const id = idNumber.trim().toUpperCase();
  if (id.length <= 8) return '*'.repeat(id.length);
  return id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4);
}
