// Renders a ticket layout to ESC/POS bytes with node-thermal-printer (Epson command set, which the
// common Chinese 80 mm printers — Xprinter, Gprinter, Sunmi — follow). Chinese goes out in GBK:
// the library's CHINA character set (ESC R 15, EUC-CN/GBK encoding) plus FS & (Chinese mode on).
import { createRequire } from 'node:module';
import type { ThermalPrinter } from 'node-thermal-printer';
import type { LayoutBlock, TextSize } from './layout.ts';
import { fold, gbkSafe } from './text-width.ts';

export interface EscPosOptions {
  /** Characters per line in normal size (48 for 80 mm paper). */
  width?: number;
  /** QR module size in dots (1-8). */
  qrCellSize?: number;
}

// GS ! n: high nibble = width factor - 1, low nibble = height factor - 1. node-thermal-printer's
// setTextSize(h, w) puts h in the high nibble, and ESC ! sizes only ASCII on many Chinese printers,
// so sizes are sent as raw GS ! bytes, which apply to both ASCII and Chinese characters.
const GS_SIZE: Record<TextSize, Buffer> = {
  normal: Buffer.from([0x1d, 0x21, 0x00]),
  tall: Buffer.from([0x1d, 0x21, 0x01]),
  double: Buffer.from([0x1d, 0x21, 0x11]),
};
const SIZE_COLUMNS_DIVISOR: Record<TextSize, number> = { normal: 1, tall: 1, double: 2 };
const ESC_INIT = Buffer.from([0x1b, 0x40]);
const FS_CHINESE_ON = Buffer.from([0x1c, 0x26]);

// node-thermal-printer (with pngjs and its printer types, about 1 MB of heap) is loaded on the first
// ticket rendered, not at start: most nodes of a hall never print. A synchronous require keeps
// renderEscPos synchronous for its callers (the issue and reprint paths).
const requireLazily = createRequire(import.meta.url);
let thermal: typeof import('node-thermal-printer') | undefined;
function thermalPrinter(): typeof import('node-thermal-printer') {
  return (thermal ??= requireLazily('node-thermal-printer') as typeof import('node-thermal-printer'));
}

export function renderEscPos(blocks: LayoutBlock[], opts: EscPosOptions = {}): Buffer {
  const width = opts.width ?? 48;
  const { CharacterSet, PrinterTypes, ThermalPrinter, BreakLine } = thermalPrinter();
  // No interface: this printer object only builds the byte buffer; the print queue sends it.
  const p = new ThermalPrinter({
    type: PrinterTypes.EPSON,
    interface: 'tcp://0.0.0.0:9100',
    width,
    characterSet: CharacterSet.CHINA,
    breakLine: BreakLine.NONE,
  });
  p.setBuffer(ESC_INIT);
  p.setCharacterSet(CharacterSet.CHINA);
  p.add(FS_CHINESE_ON);
  for (const b of blocks) {
    switch (b.kind) {
      case 'text': {
        alignment(p, b.align);
        p.bold(b.bold);
        p.add(GS_SIZE[b.size]);
        for (const line of fold(gbkSafe(b.text), Math.floor(width / SIZE_COLUMNS_DIVISOR[b.size]))) p.println(line);
        p.add(GS_SIZE.normal);
        p.bold(false);
        break;
      }
      case 'rule':
        p.alignLeft();
        p.println('-'.repeat(width));
        break;
      case 'qr':
        p.alignCenter();
        p.printQR(b.data, { cellSize: opts.qrCellSize ?? 6, correction: 'M', model: 2 });
        p.newLine();
        if (b.caption) for (const line of fold(gbkSafe(b.caption), width)) p.println(line);
        p.alignLeft();
        break;
      case 'feed':
        for (let i = 0; i < b.lines; i++) p.newLine();
        break;
      case 'cut':
        p.cut();
        break;
      default: {
        const never: never = b;
        throw new Error(`unknown block ${(never as LayoutBlock).kind}`);
      }
    }
  }
  return p.getBuffer();
}

function alignment(p: ThermalPrinter, a: 'left' | 'center' | 'right') {
  if (a === 'center') p.alignCenter();
  else if (a === 'right') p.alignRight();
  else p.alignLeft();
}
