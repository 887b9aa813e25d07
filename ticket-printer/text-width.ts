// Column arithmetic for a fixed-pitch thermal printer: a CJK (full-width) character takes two
// columns, ASCII one. node-thermal-printer folds by string length, which would overflow Chinese lines.
import iconv from 'iconv-lite';

export function isWide(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x3000 && cp <= 0x303f) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

export function columns(text: string): number {
  let n = 0;
  for (const ch of text) n += isWide(ch) ? 2 : 1;
  return n;
}

/** Splits text into lines of at most `width` columns, preferring to break at spaces in Latin text. */
export function fold(text: string, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    let lineCols = 0;
    let lastSpace = -1;
    for (const ch of para) {
      const w = isWide(ch) ? 2 : 1;
      if (lineCols + w > width) {
        if (lastSpace > 0 && !isWide(ch)) {
          out.push(line.slice(0, lastSpace).trimEnd());
          line = line.slice(lastSpace + 1);
        } else {
          out.push(line.trimEnd());
          line = '';
        }
        line = line.replace(/^ +/, '');
        lineCols = columns(line);
        lastSpace = -1;
      }
      if (ch === ' ') lastSpace = line.length;
      line += ch;
      lineCols += w;
    }
    out.push(line.trimEnd());
  }
  return out;
}

/** Replaces what GBK cannot encode with "?", so the printer library never switches code page mid-ticket. */
export function gbkSafe(text: string): string {
  let out = '';
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out += ch;
    else out += iconv.decode(iconv.encode(ch, 'gbk'), 'gbk') === ch ? ch : '?';
  }
  return out;
}
