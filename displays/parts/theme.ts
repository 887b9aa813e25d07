// Colours and type shared by the pages: high contrast, large, CJK font first.
import { css, unsafeCSS } from 'lit';
import { FONT_STACK } from '../pages/shell.ts';

export const font = unsafeCSS(FONT_STACK);

/** Signage (wall, kiosk): dark navy, white, a government red and a call-out amber. */
export const signage = css`
  :host {
    --ow-bg: #0b1320;
    --ow-panel: #14213a;
    --ow-panel-2: #1b2b4a;
    --ow-line: #2b3f66;
    --ow-text: #ffffff;
    --ow-dim: #a9b8d4;
    --ow-red: #c8102e;
    --ow-amber: #ffc400;
    --ow-green: #19c37d;
    font-family: ${font};
    color: var(--ow-text);
  }
`;

/** Consoles (triage, clerk, status page): light, dense but large enough for a long shift. */
export const consoleTheme = css`
  :host {
    --ow-bg: #eef2f7;
    --ow-card: #ffffff;
    --ow-text: #0f1b2d;
    --ow-dim: #4a5a70;
    --ow-line: #d5dde8;
    --ow-blue: #1d6fd6;
    --ow-red: #c8102e;
    --ow-green: #0f8a55;
    --ow-amber: #b36b00;
    font-family: ${font};
    color: var(--ow-text);
  }
  button {
    font-family: inherit;
  }
  :focus-visible {
    outline: 4px solid #ffbf00;
    outline-offset: 2px;
  }
`;
