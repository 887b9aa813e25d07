// What a person sees wrong on a screen, checked inside the page: characters drawn as missing-glyph
// boxes, text cut off by its box or pushed off the screen, and a page that scrolls. Installed into a
// page as plain JavaScript (`installScreenChecks`): the test file's compiler would add helpers the
// page does not have to a function passed to page.evaluate.
import type { Page } from 'playwright-core';

export interface GlyphUse {
  family: string;
  char: string;
  where: string;
}

export interface ClippedText {
  text: string;
  where: string;
  /** 'box': cut by an ancestor that hides overflow; 'viewport': beyond the screen's left or right edge. */
  by: 'box' | 'viewport';
}

export interface ScreenReport {
  glyphs: GlyphUse[];
  clipped: ClippedText[];
  scroll: { width: number; height: number; viewWidth: number; viewHeight: number };
}

/** Text inside an element with this attribute may be cut on purpose (a scrolling notice, an ellipsis). */
export const MAY_CLIP_ATTRIBUTE = 'data-may-clip';

const SCRIPT = `(() => {
  const MAY_CLIP = ${JSON.stringify(MAY_CLIP_ATTRIBUTE)};
  // Parent in the rendered tree: the slot a light-DOM child is shown in, or the host of a shadow root.
  const parentOf = (node) => node.assignedSlot || node.parentElement || (node.parentNode && node.parentNode.host) || null;
  const where = (el) => {
    const parts = [];
    for (let e = el; e && parts.length < 4; e = parentOf(e)) {
      const test = e.getAttribute('data-test') || e.getAttribute('data-testid');
      const cls = typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\\s+/).join('.') : '';
      parts.push(e.localName + cls + (test ? '[' + test + ']' : ''));
    }
    return parts.join(' < ');
  };
  const visibleTextNodes = () => {
    const out = [];
    const visit = (root) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      for (let n = walker.currentNode; n; n = walker.nextNode()) {
        if (n.nodeType === Node.TEXT_NODE) {
          const el = n.parentElement;
          if (!n.data.trim() || !el || el.closest('style,script,title,template')) continue;
          if (!el.checkVisibility({ visibilityProperty: true })) continue;
          out.push(n);
        } else if (n.shadowRoot) visit(n.shadowRoot);
      }
    };
    visit(document.body);
    return out;
  };
  const mayClip = (el) => {
    for (let e = el; e; e = parentOf(e)) if (e.hasAttribute && e.hasAttribute(MAY_CLIP)) return true;
    return false;
  };

  // How a character draws in a font, as a string of dark and light pixels.
  const canvas = document.createElement('canvas');
  canvas.width = 64;
  canvas.height = 64;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  const picture = (family, text) => {
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, 64, 64);
    ctx.fillStyle = '#000';
    ctx.font = '40px ' + family;
    ctx.textBaseline = 'top';
    ctx.fillText(text, 4, 8);
    const data = ctx.getImageData(0, 0, 64, 64).data;
    let sig = '';
    for (let i = 0; i < data.length; i += 4) sig += data[i] < 128 ? '1' : '0';
    return sig;
  };
  // U+10FFFD is a private-use code point no font covers: its picture is what "no glyph" looks like.
  const missingPicture = new Map();
  const isMissing = (family, char) => {
    if (!missingPicture.has(family)) missingPicture.set(family, picture(family, String.fromCodePoint(0x10fffd)));
    return picture(family, char) === missingPicture.get(family);
  };

  /** Every (font, character) the page shows, once, with where it first appears. */
  const glyphUses = () => {
    const seen = new Map();
    for (const n of visibleTextNodes()) {
      const family = getComputedStyle(n.parentElement).fontFamily;
      for (const char of n.data) {
        if (!char.trim() || /[\\u200b-\\u200d\\ufeff]/.test(char)) continue;
        const key = family + '\\u0000' + char;
        if (!seen.has(key)) seen.set(key, { family, char, where: where(n.parentElement) });
      }
    }
    return [...seen.values()];
  };

  const hides = (v) => v === 'hidden' || v === 'clip';
  const scrolls = (v) => v === 'auto' || v === 'scroll';
  /** Text whose drawn box reaches outside an ancestor that hides overflow, or outside the screen. */
  const clippedText = () => {
    const out = [];
    const vw = document.documentElement.clientWidth;
    for (const n of visibleTextNodes()) {
      const el = n.parentElement;
      if (mayClip(el)) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      if (!rects.length) continue;
      const text = n.data.trim().slice(0, 40);
      let reachable = true;
      let cut = false;
      for (let a = el; a && !cut; a = parentOf(a)) {
        const cs = getComputedStyle(a);
        const hx = hides(cs.overflowX), hy = hides(cs.overflowY);
        if (hx || hy) {
          const b = a.getBoundingClientRect();
          const left = b.left + a.clientLeft, top = b.top + a.clientTop;
          const right = left + a.clientWidth, bottom = top + a.clientHeight;
          cut = rects.some((r) => (hx && (r.left < left - 1 || r.right > right + 1)) || (hy && (r.top < top - 1 || r.bottom > bottom + 1)));
          if (cut) out.push({ text, where: where(el) + ' (cut by ' + where(a) + ')', by: 'box' });
        }
        if (scrolls(cs.overflowX) || scrolls(cs.overflowY)) {
          reachable = false;
          break;
        }
      }
      if (!cut && reachable && rects.some((r) => r.left < -1 || r.right > vw + 1)) out.push({ text, where: where(el), by: 'viewport' });
    }
    return out;
  };

  window.__screenChecks = {
    glyphUses,
    missingGlyphs: (uses) => uses.filter((u) => isMissing(u.family, u.char)),
    clippedText,
    scroll: () => ({
      width: document.documentElement.scrollWidth,
      height: document.documentElement.scrollHeight,
      viewWidth: document.documentElement.clientWidth,
      viewHeight: document.documentElement.clientHeight,
    }),
  };
})()`;

export async function installScreenChecks(page: Page): Promise<void> {
  await page.evaluate(SCRIPT);
}

/**
 * Checks the page as it is now. `knownGood` holds the (font, character) pairs already found to draw
 * as glyphs on earlier screens, so each is drawn once per test run, not once per screen.
 */
export async function checkScreen(page: Page, knownGood: Set<string>): Promise<ScreenReport> {
  await page.evaluate('document.fonts.ready.then(() => true)');
  await installScreenChecks(page);
  type Checks = { glyphUses(): GlyphUse[]; missingGlyphs(u: GlyphUse[]): GlyphUse[]; clippedText(): ClippedText[]; scroll(): ScreenReport['scroll'] };
  const uses = await page.evaluate(() => (window as unknown as { __screenChecks: Checks }).__screenChecks.glyphUses());
  const fresh = uses.filter((u) => !knownGood.has(`${u.family}\u0000${u.char}`));
  const glyphs = await page.evaluate((u) => (window as unknown as { __screenChecks: Checks }).__screenChecks.missingGlyphs(u), fresh);
  const bad = new Set(glyphs.map((g) => `${g.family}\u0000${g.char}`));
  for (const u of fresh) if (!bad.has(`${u.family}\u0000${u.char}`)) knownGood.add(`${u.family}\u0000${u.char}`);
  const clipped = await page.evaluate(() => (window as unknown as { __screenChecks: Checks }).__screenChecks.clippedText());
  const scroll = await page.evaluate(() => (window as unknown as { __screenChecks: Checks }).__screenChecks.scroll());
  return { glyphs, clipped, scroll };
}
