// The pages' icons, drawn as inline SVG: an emoji or symbol character needs a font that has it, and
// a hall PC without one shows an empty box instead. Each icon is 1em square in the text's colour,
// hidden from screen readers (the words beside it say what it means).
import { svg, html, type SVGTemplateResult, type TemplateResult } from 'lit';

function icon(name: string, body: SVGTemplateResult): TemplateResult {
  return html`<svg class="icon icon-${name}" viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false"
    fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`;
}

const speaker = svg`<path d="M4 9h4l5-4v14l-5-4H4z" fill="currentColor" />`;

/** Sound on: a speaker with waves. */
export const soundOnIcon = icon('sound-on', svg`${speaker}<path d="M16.5 8.5a5 5 0 0 1 0 7" /><path d="M19 6a8.5 8.5 0 0 1 0 12" />`);

/** Sound off: a speaker with a cross. */
export const soundOffIcon = icon('sound-off', svg`${speaker}<path d="M16.5 9.5l5 5M21.5 9.5l-5 5" />`);

/** A tick (chosen, done). */
export const checkIcon = icon('check', svg`<path d="M4.5 12.5l5 5L20 7" />`);

/** A cross (closed, refused). */
export const crossIcon = icon('cross', svg`<path d="M6 6l12 12M18 6L6 18" />`);

/** Delete the last character (the keypad's backspace key). */
export const backspaceIcon = icon('backspace', svg`<path d="M21 5H9l-6 7 6 7h12z" /><path d="M12 9.5l5 5M17 9.5l-5 5" />`);

/** Pause (two bars). */
export const pauseIcon = icon('pause', svg`<path d="M8 5v14M16 5v14" stroke-width="3.5" />`);

/** A dot in the text's colour (a status light). */
export const dotIcon = icon('dot', svg`<circle cx="12" cy="12" r="6" fill="currentColor" stroke="none" />`);

/** An arrow pointing right (from a number to its window). */
export const arrowRightIcon = icon('arrow-right', svg`<path d="M4 12h15M13 6l6 6-6 6" />`);

/** Warning (a triangle with an exclamation mark). */
export const warningIcon = icon('warning', svg`<path d="M12 3l10 18H2z" /><path d="M12 10v5M12 18v.5" />`);
