// What a window's LED bar says, from the window's public state and its number (GET /api/hall). Pure. Two short lines, because
// the common bars are 2 × 8 Chinese characters (128 × 32 dots).
import type { PublicWindow } from '../../server/realtime/contract.ts';
import type { LedMode } from './frame.ts';

export interface BarText {
  lines: string[];
  mode: LedMode;
}

export function barText(w: Pick<PublicWindow, 'status' | 'current'> & { number: number }, opts: { flash?: boolean } = {}): BarText {
  const here = `${w.number}号窗口`;
  if (w.status === 'closed') return { lines: [here, '暂停服务'], mode: 'steady' };
  if (w.status === 'paused') return { lines: [here, '暂停服务 请稍候'], mode: 'steady' };
  const t = w.current;
  // A recall reads differently from the first call, as halls say it: "请 A012 号 再次到3号窗口".
  if (t && t.status === 'called') return { lines: [`请 ${t.number} 号`, t.recalls > 0 ? `再次到${here}` : `到${here}办理`], mode: opts.flash ? 'flash' : 'steady' };
  if (t && t.status === 'serving') return { lines: [`${t.number} 号`, '正在办理'], mode: 'steady' };
  return { lines: [here, '欢迎光临'], mode: 'steady' };
}

export function sameText(a: BarText | undefined, b: BarText): boolean {
  return !!a && a.mode === b.mode && a.lines.join('\n') === b.lines.join('\n');
}
