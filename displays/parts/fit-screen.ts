// Zooms a full-screen page laid out for one screen size (1920×1080, or 1080×1920 upright) to the
// screen it is on, so a 1280×720 wall or a 1366×768 kiosk shows everything a 1920×1080 one does,
// smaller, instead of cutting the bottom off. Sets `--fit-zoom` on the host; its styles use it as
// `zoom: var(--fit-zoom, 1)` on a box of the design size.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export const DESIGN = { landscape: { width: 1920, height: 1080 }, portrait: { width: 1080, height: 1920 } } as const;

/** The zoom that fits the design size for this screen's orientation into the screen. */
export function fitZoom(screenWidth: number, screenHeight: number): number {
  const d = screenHeight > screenWidth ? DESIGN.portrait : DESIGN.landscape;
  return Math.min(screenWidth / d.width, screenHeight / d.height);
}

export class FitScreenController implements ReactiveController {
  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  private readonly fit = () => this.host.style.setProperty('--fit-zoom', String(fitZoom(innerWidth, innerHeight)));

  hostConnected(): void {
    this.fit();
    addEventListener('resize', this.fit);
  }

  hostDisconnected(): void {
    removeEventListener('resize', this.fit);
  }
}
