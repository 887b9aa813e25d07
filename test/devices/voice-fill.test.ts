// The phrase filler and the number readings against plain reference readings written here with
// regular expressions (the way they were first written): any template, any values, any number.
import test from 'ava';
import fc from 'fast-check';
import { enTicketNumber, enTicketNumberText, zhTicketNumber } from '../../voice/number-reading.ts';
import { fill } from '../../voice/templates.ts';

const ZH = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const referenceFill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole).replace(/\s+/g, ' ').trim();
const parts = (n: string) => /^([A-Za-z]*)(.*)$/s.exec(n)!;
const referenceZh = (n: string, yao: boolean) => {
  const [, letters, rest] = parts(n);
  const spoken = [...rest!].map((d) => (/\d/.test(d) ? (d === '1' && yao ? '幺' : ZH[Number(d)]) : d)).join('');
  return [letters, spoken].filter(Boolean).join(' ');
};
const referenceEn = (n: string) => {
  const [, letters, rest] = parts(n);
  return letters ? `${letters.split('').join(' ')}, ${[...rest!].join(' ')}` : [...rest!].join(' ');
};

// Templates and values from pieces that matter: keys known and unknown, braces, every kind of space.
const piece = fc.constantFrom('{number}', '{window}', '{service}', '{unknown}', '{', '}', '{ number}', ' ', '  ', '\t', '\u3000', '\n', '请', '号窗口', 'go to', ',', '$&', '$1');
const text = fc.array(piece, { maxLength: 12 }).map((p) => p.join(''));

test('fill gives what the reference filler gives for any template and values', (t) => {
  fc.assert(
    fc.property(text, text, text, fc.boolean(), (template, number, window, withService) => {
      const values: Record<string, string> = { number, window, ...(withService ? { service: '社保' } : {}) };
      t.is(fill(template, values), referenceFill(template, values));
    }),
    { numRuns: 3000 },
  );
  t.is(fill('请 {number} 号 到 {window} 号窗口 办理', { number: 'A001', window: '3' }), '请 A001 号 到 3 号窗口 办理');
});

test('ticket numbers are read as the reference reads them, whatever the number', (t) => {
  const numberChar = fc.constantFrom('A', 'b', 'Z', '0', '1', '7', '9', '-', ' ', '号', '𠀀', '@', '[', '`', '{');
  const ticketNumber = fc.oneof(fc.array(numberChar, { maxLength: 8 }).map((c) => c.join('')), fc.stringMatching(/^[A-Z]{1,3}\d{1,4}$/));
  fc.assert(
    fc.property(ticketNumber, (n) => {
      t.is(zhTicketNumber(n), referenceZh(n, false));
      t.is(zhTicketNumber(n, { digitOne: 'yao' }), referenceZh(n, true));
      t.is(enTicketNumber(n), referenceEn(n));
      t.is(enTicketNumberText(n), [...n].join(' '));
    }),
    { numRuns: 3000 },
  );
  t.is(zhTicketNumber('A010', { digitOne: 'yao' }), 'A 零幺零');
  t.is(enTicketNumber('AB12'), 'A B, 1 2');
});
