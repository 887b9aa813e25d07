// The look of the plain pages (/book, /check-in, /backoffice, the dashboard), the same as the
// consoles': the light console theme, a navy title bar, white cards, large fields and buttons in
// the hall's blue and red. Each page adds only its own layout.
import { css } from 'lit';
import { consoleTheme } from './theme.ts';

export const plainPage = [
  consoleTheme,
  css`
    :host {
      display: block;
      min-height: 100vh;
      background: var(--ow-bg);
      font-size: 18px;
      line-height: 1.5;
    }
    * {
      box-sizing: border-box;
    }
    .bar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 16px;
      padding: 14px 24px;
      background: #13294b;
      color: #fff;
      border-bottom: 4px solid var(--ow-red);
    }
    .bar h1 {
      margin: 0;
      font-size: 24px;
    }
    .bar small {
      color: #cfe0ff;
      font-size: 16px;
    }
    .bar button {
      margin: 0 0 0 auto;
      background: transparent;
      color: #cfe0ff;
      border: 1px solid #cfe0ff;
      font-size: 16px;
      padding: 6px 12px;
    }
    .page {
      margin: 0 auto;
      padding: 20px 16px 32px;
    }
    .card {
      background: var(--ow-card);
      border-radius: 14px;
      box-shadow: 0 1px 3px #0002;
      padding: 18px 20px;
      margin-top: 16px;
    }
    h2 {
      font-size: 20px;
      margin: 0 0 8px;
    }
    label {
      display: block;
      margin: 12px 0 4px;
      font-weight: 700;
    }
    input,
    select,
    textarea {
      width: 100%;
      font: inherit;
      padding: 10px 12px;
      border: 2px solid var(--ow-line);
      border-radius: 10px;
      background: #fff;
      color: var(--ow-text);
    }
    input:focus,
    select:focus,
    textarea:focus {
      border-color: var(--ow-blue);
      outline: none;
    }
    button {
      font: inherit;
      font-weight: 700;
      padding: 10px 18px;
      border-radius: 10px;
      border: 2px solid var(--ow-blue);
      background: #fff;
      color: var(--ow-blue);
      cursor: pointer;
    }
    button.primary,
    button[type='submit'] {
      background: var(--ow-blue);
      color: #fff;
    }
    button:disabled {
      border-color: var(--ow-line);
      background: #f4f6f9;
      color: #8a97aa;
      cursor: default;
    }
    .msg {
      margin-top: 16px;
      padding: 12px 16px;
      border-radius: 10px;
      font-weight: 700;
      background: #fff4d6;
      color: #6b4700;
    }
    .msg.error,
    .err {
      background: #fde2e4;
      color: #9b0d22;
    }
    .dim {
      color: var(--ow-dim);
    }
  `,
];
