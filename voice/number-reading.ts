// How a ticket number and a window number are read aloud.
//
// Chinese halls read the ticket number digit by digit with 零 for 0 and 一 for 1 — "A001" is
// "A 零零一" — and the window as an ordinary number — "3 号窗口" is "三号窗口", "12" is "十二".
// 幺 (yao) for 1 is the radio/phone-number habit; a hall may choose it (voice.zhDigitOne: yao), which
// some halls prefer because 一 and 七 are easy to confuse over loud speakers.
// English reads digits one by one, and the letter is set off with a comma so a TTS engine says
// the letter name ("ay") instead of the article "a".

const ZH_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

export interface ZhReadingOptions {
  digitOne?: 'yi' | 'yao';
}

/** Where the leading ASCII letters end: "A001" → 1. */
function lettersEnd(number: string): number {
  let i = 0;
  for (; i < number.length; i++) {
    const c = number.charCodeAt(i) | 0x20; // a-z whatever the case
    if (c < 0x61 || c > 0x7a) break;
  }
  return i;
}

const isDigit = (c: string) => c >= '0' && c <= '9';

/** "A001" → "A 零零一" (or "A 零零幺"). */
export function zhTicketNumber(number: string, opts: ZhReadingOptions = {}): string {
  const end = lettersEnd(number);
  const one = opts.digitOne === 'yao' ? '幺' : ZH_DIGITS[1]!;
  let spoken = '';
  for (const d of number.slice(end)) spoken += isDigit(d) ? (d === '1' ? one : ZH_DIGITS[d.charCodeAt(0) - 48]!) : d;
  const letters = number.slice(0, end);
  return letters && spoken ? `${letters} ${spoken}` : letters || spoken;
}

/** 3 → "三", 10 → "十", 12 → "十二", 20 → "二十", 105 → "一百零五". Cardinal, 0-9999. */
export function zhCardinal(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) return String(n);
  if (n < 10) return ZH_DIGITS[n]!;
  if (n < 20) return `十${n % 10 ? ZH_DIGITS[n % 10] : ''}`;
  const units = ['', '十', '百', '千'];
  const digits = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    const unit = units[digits.length - 1 - i]!;
    if (d === 0) {
      zero = true;
      return;
    }
    if (zero && out) out += '零';
    zero = false;
    out += ZH_DIGITS[d]! + unit;
  });
  return out;
}

/** "A001" → "A, 0 0 1". */
export function enTicketNumber(number: string): string {
  const end = lettersEnd(number);
  const spoken = spaced(number.slice(end));
  return end ? `${spaced(number.slice(0, end))}, ${spoken}` : spoken;
}

/** "A001" → "A 0 0 1": the English text shown next to the audio. */
export function enTicketNumberText(number: string): string {
  return spaced(number);
}

/** Each character (code point) of `s` with a space between: "001" → "0 0 1". */
function spaced(s: string): string {
  let out = '';
  for (const c of s) out += out ? ` ${c}` : c;
  return out;
}
