// Styles of <ow-triage>. The triage desk: the service and lane choices, the visitor fields, the issued number, the hall-services cards.
import { css } from 'lit';
import { consoleChrome } from '../../parts/console-styles.ts';
import { consoleTheme } from '../../parts/theme.ts';

export const triageStyles = [
  consoleTheme,
  consoleChrome,
  css`
    :host {
      display: grid;
      grid-template-rows: auto auto auto auto 1fr auto;
      min-height: 100vh;
      background: var(--ow-bg);
    }
    header {
      gap: 20px;
    }
    header h1 {
      font-size: 30px;
    }
    .msg {
      padding: 12px 18px;
      font-size: 22px;
    }
    form {
      display: grid;
      grid-template-columns: 1.35fr 1fr;
      gap: 20px;
      padding: 16px 28px;
    }
    .hall-services {
      display: grid;
      grid-template-columns: 1.35fr 1fr;
      gap: 20px;
      padding: 0 28px 16px;
      align-items: start;
    }
    .hall-services h2 {
      margin: 0 0 10px;
      font-size: 22px;
    }
    .hall-services kbd {
      font-size: 15px;
      border: 1px solid #aab5c5;
      border-radius: 4px;
      padding: 0 6px;
      font-family: inherit;
      font-weight: 400;
    }
    .card {
      padding: 16px 20px;
    }
    fieldset {
      border: 0;
      padding: 0;
      margin: 0 0 14px;
    }
    legend {
      font-size: 20px;
      color: var(--ow-dim);
      font-weight: 600;
      margin-bottom: 8px;
    }
    .services {
      display: grid;
      grid-template-columns: repeat(2, 1fr);
      gap: 10px;
    }
    .opt {
      position: relative;
    }
    .opt input {
      position: absolute;
      opacity: 0;
      inset: 0;
    }
    .opt > span {
      display: flex;
      align-items: center;
      gap: 12px;
      padding: 8px 14px;
      border: 2px solid var(--ow-line);
      border-radius: 12px;
      font-size: 22px;
      font-weight: 700;
      cursor: pointer;
      background: #f7f9fc;
    }
    .opt .name small {
      display: block;
      font-size: 15px;
      font-weight: 400;
      color: var(--ow-dim);
    }
    .opt input:checked + span {
      border-color: var(--ow-blue);
      background: #e3eefc;
      box-shadow: inset 0 0 0 2px var(--ow-blue);
    }
    .opt input:focus-visible + span {
      outline: 4px solid #ffbf00;
    }
    .opt .name {
      line-height: 1.2;
    }
    .key {
      font-size: 15px;
      border: 1px solid #aab5c5;
      border-radius: 5px;
      padding: 0 6px;
      color: var(--ow-dim);
      background: #fff;
      font-weight: 400;
    }
    .count {
      margin-left: auto;
      text-align: right;
      font-size: 26px;
      color: var(--ow-green);
      font-variant-numeric: tabular-nums;
    }
    .count small {
      color: var(--ow-dim);
    }
    .lanes {
      display: grid;
      grid-template-columns: repeat(3, 1fr);
      gap: 10px;
    }
    .visitor {
      display: grid;
      grid-template-columns: repeat(4, 1fr);
      gap: 10px 14px;
    }
    .visitor label {
      display: grid;
      font-size: 16px;
      color: var(--ow-dim);
      gap: 4px;
    }
    .visitor input {
      min-width: 0;
      font-size: 20px;
      padding: 6px 8px;
      border: 2px solid var(--ow-line);
      border-radius: 8px;
      font-family: inherit;
    }
    .issue {
      width: 100%;
      font-size: 36px;
      font-weight: 800;
      padding: 18px;
      border: 0;
      border-radius: 14px;
      background: var(--ow-green);
      color: #fff;
      margin-top: 8px;
      cursor: pointer;
    }
    .issue:disabled {
      opacity: 0.5;
    }
    .result {
      text-align: center;
    }
    .result .num {
      font-size: 120px;
      font-weight: 800;
      color: var(--ow-red);
      line-height: 1.05;
      font-variant-numeric: tabular-nums;
    }
    .result .ahead {
      font-size: 28px;
      margin: 6px 0 12px;
    }
    .result button {
      font-size: 22px;
      padding: 10px 18px;
      border-radius: 10px;
      border: 2px solid var(--ow-blue);
      background: #fff;
      color: var(--ow-blue);
      font-weight: 700;
      cursor: pointer;
    }
    .history {
      margin-top: 16px;
      font-size: 18px;
      text-align: left;
    }
    .history div {
      padding: 4px 0;
      border-bottom: 1px solid var(--ow-line);
    }
    .materials {
      text-align: left;
      font-size: 18px;
      margin: 10px 0;
      color: var(--ow-dim);
    }
    footer {
      padding: 8px 28px 14px;
    }
    /* No style="" attributes in templates: the Content-Security-Policy allows no inline style. */
    .printers {
      font-size: 18px;
    }
    .printer {
      margin-right: 12px;
    }
    .printer.up {
      color: #7ee2a8;
    }
    .printer.down {
      color: #ff9a9a;
    }
    .clock {
      font-size: 24px;
    }
    .issue small.keys {
      font-size: 18px;
    }
    .issued-service {
      font-size: 22px;
      color: var(--ow-dim);
    }
    .idle-hint {
      font-size: 26px;
      color: var(--ow-dim);
      padding: 60px 0;
    }
      /* An upright or small screen: one column, the choices above the visitor and the number. */
    @media (max-width: 1200px) {
      form,
      .hall-services {
        grid-template-columns: minmax(0, 1fr);
      }
    }
    @media (max-width: 700px) {
      header,
      form,
      .hall-services {
        padding-left: 12px;
        padding-right: 12px;
      }
      header h1 {
        font-size: 24px;
      }
      .services,
      .visitor {
        grid-template-columns: minmax(0, 1fr);
      }
      .lanes {
        grid-template-columns: repeat(2, minmax(0, 1fr));
      }
    }
  `,
];
