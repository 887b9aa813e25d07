// The five levels' colours as classes (the Content-Security-Policy allows no style="" attributes).
import { css, unsafeCSS } from 'lit';
import { LEVEL_COLOURS } from './logic.ts';

export const levelColours = unsafeCSS(Object.entries(LEVEL_COLOURS).map(([id, c]) => `button.${id}{background:${c};color:#fff}`).join('\n'));
export { css };
