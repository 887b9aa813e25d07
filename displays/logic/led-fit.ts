// Fitting text onto an LED panel of w×h pixels (e.g. 192×32). The panel has few pixels, so
// we pick a font pixel height per line and say when a line must scroll instead of shrinking
// below what a dot matrix can still draw legibly.

/** Below this many pixels a Chinese glyph is no longer readable on a dot matrix. */
export const MIN_CJK_PX = 12;
/** Latin and digits stay legible a little smaller. */
export const MIN_LATIN_PX = 7;

/** Width of a character in ems: CJK and full-width forms are square, the rest about half. */
export function charEm(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (
    (cp >= 0x2e80 && cp <= 0x9fff) ||
    (cp >= 0xac00 && cp <= 0xd7af) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0x20000 && cp <= 0x3ffff)
  )
    return 1;
  if (ch === ' ') return 0.3;
  return 0.6;
}

export function textEm(text: string): number {
  let em = 0;
  for (const ch of text) em += charEm(ch);
  return em;
}

export function hasCjk(text: string): boolean {
  for (const ch of text) if (charEm(ch) === 1) return true;
  return false;
}

export interface LedLine {
  text: string;
  /** Font size in panel pixels. */
  px: number;
  /** Top of the line's box in panel pixels. */
  y: number;
  /** Box height in panel pixels. */
  height: number;
  /** Too long even at the smallest legible size: scroll it sideways. */
  scroll: boolean;
}

/**
 * Lays out lines on a w×h panel. `weights` share the height (the ticket number gets more than
 * the window name). Each line gets the largest size that fits its box and the panel's width; a
 * line that would shrink below the legible minimum keeps that minimum and scrolls.
 */
export function fitLed(lines: string[], w: number, h: number, weights: number[] = lines.map(() => 1)): LedLine[] {
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  let y = 0;
  return lines.map((text, i) => {
    const height = Math.floor((h * (weights[i] ?? 1)) / total);
    const box = i === lines.length - 1 ? h - y : height;
    const em = Math.max(textEm(text), 0.01);
    // Latin needs room under the baseline for descenders; CJK ink fills the em square.
    const byHeight = Math.floor(box * (hasCjk(text) ? 0.94 : 0.88));
    const byWidth = Math.floor(w / em);
    const min = hasCjk(text) ? MIN_CJK_PX : MIN_LATIN_PX;
    let px = Math.min(byHeight, byWidth);
    let scroll = false;
    if (px < min) {
      px = Math.min(byHeight, min);
      scroll = px * em > w;
    }
    const line = { text, px: Math.max(1, px), y, height: box, scroll };
    y += box;
    return line;
  });
}

/** Which lines a window panel shows, by panel size: a short panel drops the English name. */
export function ledLines(
  window: { number: number; name: { zh: string; en: string }; status: string; current?: { number: string; status?: string; recalls?: number } },
  w: number,
  h: number,
): { lines: string[]; weights: number[] } {
  const paused = window.status !== 'open';
  // Closed and paused read the same to a visitor: nobody will call you here now.
  const main = paused ? '暂停服务' : window.current ? window.current.number : '请稍候';
  const rows = Math.floor(h / MIN_CJK_PX);
  const head = `${window.number}号窗口`;
  if (rows >= 4 && w / h < 5) {
    return { lines: [head, main, stateLine(window)], weights: [1, 2, 0.8] };
  }
  if (rows >= 2) return { lines: [head, main], weights: [1, 1.45] };
  return { lines: [`${head} ${main}`], weights: [1] };
}

/** The third line of a tall panel: what the window is doing, Chinese first (halls' visitors read Chinese). */
export function stateLine(window: { status: string; current?: { status?: string; recalls?: number } }): string {
  if (window.status === 'closed') return '窗口已关闭 Closed';
  if (window.status !== 'open') return '暂停服务 请稍候 Paused';
  const t = window.current;
  if (!t) return '请稍候 Please wait';
  if (t.status === 'called') return t.recalls ? '再次呼叫 Called again' : '请前来办理 Please come';
  return '正在办理 Now serving';
}

/** Scroll offset in panel pixels at `now` for a line `textPx` wide on a `w` panel. */
export function scrollOffset(textPx: number, w: number, now: number, pxPerSecond = 24): number {
  const span = textPx + w;
  return w - ((now / 1000) * pxPerSecond) % span;
}
