// The window display (窗口屏) above a counter, drawn as an LED dot matrix.
// With ?w=192&h=32 the page draws exactly w×h pixels at the top-left, one pixel per LED, for an
// LED controller that mirrors that screen region; `zoom` enlarges each LED into a round dot (a
// small HDMI screen). Without w/h it fills the screen with a matrix of the screen's shape.
import { LitElement, css, html } from 'lit';
import { HallController } from '../../live/hall-controller.ts';
import { windowById } from '../../live/model.ts';
import { fitLed, ledLines, scrollOffset, type LedLine } from '../../logic/led-fit.ts';
import { staffLine } from '../../logic/staff.ts';
import { FONT_STACK } from '../shell.ts';

/** LED colours: the window's name green, the number red, "paused" amber. */
const COLOURS = { name: [40, 255, 90], main: [255, 40, 24], paused: [255, 170, 0], off: [38, 10, 8] } as const;

export class OwWindowLed extends LitElement {
  static properties = { hall: { type: String }, window: { type: String }, w: { type: Number }, h: { type: Number }, zoom: { type: Number } };
  hall = '';
  window = '';
  w = 0;
  h = 0;
  zoom = 0;

  private live!: HallController;
  private frame?: number;
  private onResize = () => this.requestUpdate();

  static styles = css`
    :host {
      display: block;
      background: #000;
      width: 100vw;
      height: 100vh;
      overflow: hidden;
    }
    canvas {
      display: block;
      image-rendering: pixelated;
    }
    .sr {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
    .offline {
      position: absolute;
      right: 2px;
      top: 2px;
      width: 6px;
      height: 6px;
      border-radius: 50%;
      background: #ff2a1a;
    }
  `;

  connectedCallback() {
    if (!this.zoom) this.zoom = Number(new URLSearchParams(location.search).get('zoom') ?? 0) || 0;
    this.live ??= new HallController(this, { hall: this.hall || undefined, window: this.window });
    super.connectedCallback();
    addEventListener('resize', this.onResize);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    removeEventListener('resize', this.onResize);
    if (this.frame) cancelAnimationFrame(this.frame);
  }

  /** Panel size in LEDs, and how many screen pixels one LED takes. */
  private geometry() {
    if (this.w > 0 && this.h > 0) return { cols: Math.min(this.w, 1024), rows: Math.min(this.h, 512), scale: Math.max(1, this.zoom || 1) };
    const vw = innerWidth || 960;
    const vh = innerHeight || 160;
    // A full-screen matrix: LEDs about 1/160 of the width, like a real bar seen up close.
    const scale = Math.max(3, Math.floor(vw / 160));
    return { cols: Math.floor(vw / scale), rows: Math.floor(vh / scale), scale };
  }

  private lines(): { lines: LedLine[]; kinds: (keyof typeof COLOURS)[] } {
    const { cols, rows } = this.geometry();
    const win = windowById(this.live.model, this.window);
    const info = this.live.info?.windows.find((x) => x.id === this.window) ?? { number: Number(this.window), name: { zh: '', en: '' } };
    const base = { ...info, status: 'open', ...win };
    const { lines, weights } = ledLines(base, cols, rows);
    // The person signed in here (name and 工号), as halls show it, on panels with room for a line.
    const staff = this.live.staff[this.window];
    if (staff && lines.length > 1) {
      lines.push(staffLine(staff));
      weights.push(0.8);
    }
    const paused = base.status !== 'open';
    // The window's name and the English line in green, the number (or "paused") in red or amber.
    const kinds = lines.map((_, i) => (lines.length > 1 && i !== 1 ? 'name' : paused ? 'paused' : 'main') as keyof typeof COLOURS);
    return { lines: fitLed(lines, cols, rows, weights), kinds };
  }

  render() {
    const { cols, rows, scale } = this.geometry();
    const { lines } = this.lines();
    return html`<canvas width=${cols * scale} height=${rows * scale}></canvas>
      <span class="sr" data-test="led-text" data-may-clip>${lines.map((l) => l.text).join(' ')}</span>
      <span class="sr" data-test="led-staff" data-may-clip>${this.live.staff[this.window] ? staffLine(this.live.staff[this.window]!) : ''}</span>
      ${this.live.connected ? '' : html`<i class="offline" data-test="offline"></i>`}`;
  }

  updated() {
    // While scrolling, the animation loop draws the next frame anyway.
    if (this.frame === undefined) this.draw();
  }

  private draw = () => {
    this.frame = undefined;
    const canvas = this.renderRoot.querySelector('canvas');
    if (!canvas) return;
    const { cols, rows, scale } = this.geometry();
    const { lines, kinds } = this.lines();
    const { lit, scrolling } = lightLeds(lines, cols, rows, performance.now());
    paintLeds(canvas, lit, kinds, scale, cols, rows);
    if (scrolling) this.frame = requestAnimationFrame(this.draw);
  };
}

/**
 * Which LED each line lights: draw the text at panel resolution, then light each LED whose pixel is
 * bright enough. `lit[y * cols + x]` is the index of the line lighting it, -1 for dark.
 */
function lightLeds(lines: LedLine[], cols: number, rows: number, now: number): { lit: number[]; scrolling: boolean } {
  const src = document.createElement('canvas');
  src.width = cols;
  src.height = rows;
  const sctx = src.getContext('2d', { willReadFrequently: true })!;
  sctx.fillStyle = '#000';
  sctx.fillRect(0, 0, cols, rows);
  let scrolling = false;
  const lit: number[] = new Array(cols * rows).fill(-1);
  lines.forEach((l, i) => {
    sctx.clearRect(0, 0, cols, rows);
    sctx.fillStyle = '#000';
    sctx.fillRect(0, 0, cols, rows);
    if (drawLine(sctx, l, cols, now)) scrolling = true;
    const data = sctx.getImageData(0, 0, cols, rows).data;
    for (let y = Math.max(0, l.y); y < Math.min(rows, l.y + l.height); y++)
      for (let x = 0; x < cols; x++) if (data[(y * cols + x) * 4]! > 110) lit[y * cols + x] = i;
  });
  return { lit, scrolling };
}

/** Draws one line in white on the panel-sized canvas; true when it scrolls (needs the next frame). */
function drawLine(sctx: CanvasRenderingContext2D, l: LedLine, cols: number, now: number): boolean {
  sctx.font = `bold ${l.px}px ${FONT_STACK}`;
  sctx.textBaseline = 'alphabetic';
  sctx.fillStyle = '#fff';
  const measured = sctx.measureText(l.text).width;
  // Centre the glyphs' ink, not the em box: Latin descenders would fall off the panel's bottom.
  const m = sctx.measureText(l.text);
  const cy = l.y + l.height / 2 + (m.actualBoundingBoxAscent - m.actualBoundingBoxDescent) / 2;
  if (l.scroll || measured > cols * 1.25) {
    sctx.textAlign = 'left';
    sctx.fillText(l.text, scrollOffset(measured, cols, now), cy);
    return true;
  }
  // A little too wide: condense sideways rather than shrink, as LED fonts do.
  const squeeze = Math.min(1, cols / Math.max(1, measured));
  sctx.save();
  sctx.translate(cols / 2, 0);
  sctx.scale(squeeze, 1);
  sctx.textAlign = 'center';
  sctx.fillText(l.text, 0, cy);
  sctx.restore();
  return false;
}

/** Paints the matrix on screen: each LED a `scale`-pixel square, or a round dot when zoomed to 3 or more. */
function paintLeds(canvas: HTMLCanvasElement, lit: number[], kinds: (keyof typeof COLOURS)[], scale: number, cols: number, rows: number) {
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  const r = scale / 2;
  for (let y = 0; y < rows; y++)
    for (let x = 0; x < cols; x++) {
      const which = lit[y * cols + x]!;
      // One pixel per LED (a mirrored region): dark LEDs are simply black.
      if (which < 0 && scale < 3) continue;
      const [cr, cg, cb] = which < 0 ? COLOURS.off : COLOURS[kinds[which]!];
      ctx.fillStyle = `rgb(${cr},${cg},${cb})`;
      if (scale < 3) ctx.fillRect(x * scale, y * scale, scale, scale);
      else {
        ctx.beginPath();
        ctx.arc(x * scale + r, y * scale + r, r * 0.82, 0, Math.PI * 2);
        ctx.fill();
      }
    }
}
customElements.define('ow-window-led', OwWindowLed);
