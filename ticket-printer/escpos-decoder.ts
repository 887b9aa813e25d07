// Decodes ESC/POS the way a thermal printer reads it: each cut-off slip as structured data (lines
// with their size, bold and alignment; QR payloads; the cut). The virtual printer (virtual-printer.ts)
// uses it to show what a hall's printers would print, and tests to assert what the visitor holds.
import iconv from 'iconv-lite';

export interface PrintedLine {
  text: string;
  /** Magnification factors from ESC ! / GS ! (1 = normal, 2 = double). */
  width: number;
  height: number;
  bold: boolean;
  align: 'left' | 'center' | 'right';
}

export interface PrintedTicket {
  lines: PrintedLine[];
  /** Payloads of the QR codes printed (GS ( k fn 80 store, then fn 81 print). */
  qr: string[];
  cut: 'full' | 'partial';
  /** True when FS & (Chinese mode) and ESC R 15 / GBK were selected before any Chinese text. */
  chineseMode: boolean;
}

interface Style {
  escWidth: number;
  escHeight: number;
  gsWidth: number;
  gsHeight: number;
  bold: boolean;
  escBold: boolean;
  align: PrintedLine['align'];
}

const plain = (): Style => ({ escWidth: 1, escHeight: 1, gsWidth: 1, gsHeight: 1, bold: false, escBold: false, align: 'left' });

/** Decodes one connection's byte stream; unknown commands are an error, so a typo in the renderer shows. */
export class EscPosDecoder {
  private buf = Buffer.alloc(0);
  private style = plain();
  private text: number[] = [];
  private lineStyle?: Style;
  private lines: PrintedLine[] = [];
  private qr: string[] = [];
  private storedQr?: string;
  private chinese = false;
  readonly errors: string[] = [];

  constructor(
    private readonly onTicket: (t: PrintedTicket) => void,
    private readonly reply: (b: Buffer) => void,
    private readonly paperStatus: () => number,
  ) {}

  push(chunk: Buffer): void {
    this.buf = Buffer.concat([this.buf, chunk]);
    for (;;) {
      const used = this.step();
      if (used === 0) return; // need more bytes
      this.buf = this.buf.subarray(used);
    }
  }

  /** Returns bytes consumed by one command or character, 0 when the buffer holds only a partial one. */
  private step(): number {
    const b = this.buf;
    if (b.length === 0) return 0;
    const c = b[0]!;
    const need = (n: number) => (b.length >= n ? n : 0);
    switch (c) {
      case 0x0a: // LF
        this.endLine(true);
        return 1;
      case 0x0d:
        return 1;
      case 0x10: {
        // DLE EOT n: real-time status
        if (!need(3)) return 0;
        if (b[1] === 0x04) this.reply(Buffer.from([b[2] === 4 ? this.paperStatus() : 0x12]));
        return 3;
      }
      case 0x1b:
        return this.esc(b);
      case 0x1d:
        return this.gs(b);
      case 0x1c: {
        if (!need(2)) return 0;
        if (b[1] === 0x26) this.chinese = true; // FS &
        else if (b[1] === 0x2e) this.chinese = false; // FS .
        else if (b[1] === 0x21) return need(3); // FS ! n (Chinese print mode) — size ignored here
        else this.errors.push(`unknown FS 0x${b[1]!.toString(16)}`);
        return 2;
      }
      default:
        if (c < 0x20) {
          this.errors.push(`unexpected control byte 0x${c.toString(16)}`);
          return 1;
        }
        if (c >= 0x81 && c <= 0xfe) {
          if (!need(2)) return 0;
          this.addText([c, b[1]!]);
          return 2;
        }
        this.addText([c]);
        return 1;
    }
  }

  private esc(b: Buffer): number {
    if (b.length < 2) return 0;
    const op = b[1]!;
    const need = (n: number) => (b.length >= n ? n : 0);
    switch (op) {
      case 0x40: // ESC @ init
        this.endLine(false);
        this.style = plain();
        this.chinese = false;
        return 2;
      case 0x21: {
        // ESC ! n: bit3 emphasized, bit4 double height, bit5 double width
        if (!need(3)) return 0;
        const n = b[2]!;
        this.style.escBold = (n & 0x08) !== 0;
        this.style.escHeight = n & 0x10 ? 2 : 1;
        this.style.escWidth = n & 0x20 ? 2 : 1;
        return 3;
      }
      case 0x45: // ESC E n bold
        if (!need(3)) return 0;
        this.style.bold = (b[2]! & 1) === 1;
        return 3;
      case 0x61: // ESC a n align
        if (!need(3)) return 0;
        this.style.align = (['left', 'center', 'right'] as const)[b[2]! % 48] ?? 'left';
        return 3;
      case 0x64: // ESC d n feed n lines
        if (!need(3)) return 0;
        this.endLine(false);
        return 3;
      case 0x52: // ESC R n international set (15 = China)
      case 0x74: // ESC t n code table
      case 0x2d: // ESC - n underline
      case 0x4d: // ESC M n font
      case 0x33: // ESC 3 n line spacing
      case 0x7b: // ESC { n upside down
        return need(3);
      case 0x32: // ESC 2 default spacing
        return 2;
      default:
        this.errors.push(`unknown ESC 0x${op.toString(16)}`);
        return 2;
    }
  }

  private gs(b: Buffer): number {
    if (b.length < 2) return 0;
    const op = b[1]!;
    const need = (n: number) => (b.length >= n ? n : 0);
    switch (op) {
      case 0x21: {
        // GS ! n: high nibble width-1, low nibble height-1
        if (!need(3)) return 0;
        const n = b[2]!;
        this.style.gsWidth = (n >> 4) + 1;
        this.style.gsHeight = (n & 0x0f) + 1;
        return 3;
      }
      case 0x56: {
        // GS V m [n]: cut; m 0/48 full, 1/49 partial, 65/66 feed-then-cut with n
        if (!need(3)) return 0;
        const m = b[2]!;
        const len = m === 65 || m === 66 ? 4 : 3;
        if (!need(len)) return 0;
        this.endLine(false);
        this.onTicket({
          lines: this.lines,
          qr: this.qr,
          cut: m === 1 || m === 49 || m === 66 ? 'partial' : 'full',
          chineseMode: this.chinese,
        });
        this.lines = [];
        this.qr = [];
        return len;
      }
      case 0x28: {
        // GS ( k pL pH cn fn [data]
        if (!need(5)) return 0;
        const len = b[3]! + b[4]! * 256;
        if (!need(5 + len)) return 0;
        const body = b.subarray(5, 5 + len);
        if (b[2] === 0x6b && body[0] === 0x31) {
          const fn = body[1];
          if (fn === 0x50) this.storedQr = body.subarray(3).toString('utf8');
          else if (fn === 0x51 && this.storedQr !== undefined) {
            this.endLine(false);
            this.qr.push(this.storedQr);
          }
        }
        return 5 + len;
      }
      case 0x42: // GS B n invert
      case 0x48: // GS H n HRI position
      case 0x66: // GS f n HRI font
      case 0x77: // GS w n bar width
      case 0x68: // GS h n bar height
      case 0x72: // GS r n status (answered as ok)
        if (!need(3)) return 0;
        if (op === 0x72) this.reply(Buffer.from([0x00]));
        return 3;
      default:
        this.errors.push(`unknown GS 0x${op.toString(16)}`);
        return 2;
    }
  }

  private addText(bytes: number[]) {
    if (this.text.length === 0) this.lineStyle = { ...this.style };
    else if (this.lineStyle) {
      // A line's size is its largest character; bold if any part is bold.
      this.lineStyle.gsWidth = Math.max(this.lineStyle.gsWidth, this.style.gsWidth);
      this.lineStyle.gsHeight = Math.max(this.lineStyle.gsHeight, this.style.gsHeight);
      this.lineStyle.bold ||= this.style.bold;
    }
    this.text.push(...bytes);
  }

  private endLine(explicit: boolean) {
    if (this.text.length === 0) {
      if (explicit) this.lines.push({ text: '', width: 1, height: 1, bold: false, align: this.style.align });
      return;
    }
    const s = this.lineStyle ?? this.style;
    this.lines.push({
      text: iconv.decode(Buffer.from(this.text), 'gbk'),
      width: Math.max(s.escWidth, s.gsWidth),
      height: Math.max(s.escHeight, s.gsHeight),
      bold: s.bold || s.escBold,
      align: s.align,
    });
    this.text = [];
    this.lineStyle = undefined;
  }
}

/** All text of a slip, one line per printed line, for readable assertions. */
export function ticketText(t: PrintedTicket): string {
  return t.lines.map((l) => l.text).join('\n');
}
