// Styles of <ow-clerk>. The clerk console: the current ticket, the action buttons, the counts, the waiting list, the transfer dialog and the side panel.
import { css } from 'lit';
import { consoleChrome } from '../../parts/console-styles.ts';
import { consoleTheme } from '../../parts/theme.ts';

export const clerkStyles = [
  consoleTheme,
  consoleChrome,
  css`
    :host {
      display: grid;
      grid-template-rows: auto auto 1fr auto;
      min-height: 100vh;
      background: var(--ow-bg);
    }
    header {
      gap: 24px;
    }
    header h1 {
      font-size: 32px;
    }
    .state {
      font-size: 20px;
      padding: 4px 14px;
      border-radius: 999px;
      background: var(--ow-green);
    }
    .state.paused,
    .state.closed {
      background: var(--ow-red);
    }
    .clock {
      font-size: 28px;
      font-variant-numeric: tabular-nums;
    }
    header button {
      cursor: pointer;
    }
    .msg {
      padding: 14px 20px;
      font-size: 24px;
    }
    main {
      display: grid;
      grid-template-columns: 1.25fr 1fr;
      gap: 20px;
      padding: 16px 28px;
      min-height: 0;
    }
    .card {
      padding: 18px 22px;
    }
    h2 {
      margin: 0 0 10px;
      font-size: 20px;
      color: var(--ow-dim);
      font-weight: 600;
    }
    .current {
      display: flex;
      align-items: center;
      gap: 28px;
    }
    .current .num {
      font-size: 104px;
      font-weight: 800;
      line-height: 1;
      font-variant-numeric: tabular-nums;
      color: var(--ow-red);
    }
    .current .num.none {
      color: #b7c2d0;
    }
    .current .meta {
      font-size: 22px;
      display: grid;
      gap: 6px;
    }
    .badge {
      display: inline-block;
      padding: 2px 10px;
      border-radius: 6px;
      font-size: 18px;
      background: #e6ecf5;
      margin-right: 6px;
    }
    .badge.green {
      background: #d8f5e6;
      color: #0b5e3a;
    }
    .badge.elderly {
      background: #fff1d6;
      color: #7a4a00;
    }
    .buttons {
      display: grid;
      grid-template-columns: repeat(4, 1fr);
      gap: 14px;
      margin-top: 18px;
    }
    .buttons button {
      display: grid;
      gap: 4px;
      justify-items: center;
      padding: 18px 8px 12px;
      font-size: 34px;
      font-weight: 800;
      border: 0;
      border-radius: 14px;
      background: #1d6fd6;
      color: #fff;
      cursor: pointer;
      min-height: 118px;
    }
    .buttons button.next {
      grid-column: span 2;
      background: var(--ow-green);
      font-size: 44px;
    }
    .buttons button.warn {
      background: #b8481b;
    }
    .buttons button.pause {
      background: #5b6575;
    }
    .buttons button:disabled {
      opacity: 0.5;
      cursor: progress;
    }
    .buttons small {
      font-size: 18px;
      font-weight: 500;
      opacity: 0.9;
    }
    .buttons kbd {
      font-size: 15px;
      font-family: inherit;
      background: #0003;
      border-radius: 5px;
      padding: 1px 8px;
    }
    .buttons.services {
      grid-template-columns: repeat(2, 1fr);
      margin-top: 14px;
    }
    .buttons button.svc {
      min-height: 84px;
      font-size: 28px;
      background: #7a1fa2;
    }
    .buttons button.svc.on {
      outline: 4px solid var(--ow-amber, #ffc400);
    }
    .hall-counts {
      margin-top: 10px;
      font-size: 16px;
      color: var(--ow-dim);
    }
    .panel {
      position: fixed;
      top: 0;
      right: 0;
      bottom: 0;
      width: min(620px, 46vw);
      overflow: auto;
      background: var(--ow-card);
      box-shadow: -6px 0 24px #0004;
      padding: 18px 22px;
      box-sizing: border-box;
      z-index: 5;
    }
    .panel-head {
      display: flex;
      justify-content: space-between;
      align-items: center;
    }
    .panel-head button {
      font-size: 18px;
      padding: 6px 12px;
      border-radius: 8px;
      border: 1px solid var(--ow-line);
      background: #fff;
      cursor: pointer;
    }
    ow-clerk-assist {
      max-width: none;
      padding: 0;
      font-size: 20px;
    }
    .counts {
      display: grid;
      grid-template-columns: repeat(4, 1fr);
      gap: 10px;
      text-align: center;
    }
    .counts b {
      display: block;
      font-size: 40px;
      font-variant-numeric: tabular-nums;
    }
    .counts span {
      font-size: 16px;
      color: var(--ow-dim);
    }
    .side {
      display: grid;
      gap: 20px;
      grid-template-rows: auto 1fr;
      min-height: 0;
    }
    table {
      width: 100%;
      border-collapse: collapse;
      font-size: 22px;
    }
    td,
    th {
      text-align: left;
      padding: 8px 6px;
      border-bottom: 1px solid var(--ow-line);
    }
    th {
      font-size: 16px;
      color: var(--ow-dim);
      font-weight: 600;
    }
    td.num {
      font-weight: 800;
      font-variant-numeric: tabular-nums;
    }
    td button {
      font-size: 16px;
      padding: 4px 10px;
      border-radius: 6px;
      border: 1px solid var(--ow-blue);
      background: #fff;
      color: var(--ow-blue);
      cursor: pointer;
    }
    .transfer {
      position: fixed;
      inset: 0;
      background: #0008;
      display: grid;
      place-items: center;
    }
    .transfer .card {
      width: min(900px, 92vw);
    }
    .transfer .opts {
      display: grid;
      grid-template-columns: repeat(3, 1fr);
      gap: 10px;
      margin: 12px 0;
    }
    .transfer button {
      font-size: 22px;
      padding: 14px;
      border-radius: 10px;
      border: 2px solid var(--ow-line);
      background: #f7f9fc;
      cursor: pointer;
    }
    footer {
      padding: 10px 28px 16px;
    }
    /* No style="" attributes in templates: the Content-Security-Policy allows no inline style. */
    small.title-en {
      font-size: 20px;
      font-weight: 400;
    }
    section.card.scroll {
      overflow: auto;
    }
    td.empty {
      color: var(--ow-dim);
    }
      /* A 1366×768 desk screen: everything, the shortcut line too, fits without scrolling. */
    @media (max-height: 820px) {
      header {
        padding-top: 10px;
        padding-bottom: 10px;
      }
      main {
        padding: 12px 28px;
        gap: 16px;
      }
      .card {
        padding: 14px 18px;
      }
      .current .num {
        font-size: 84px;
      }
      .buttons {
        gap: 10px;
        margin-top: 12px;
      }
      .buttons button {
        min-height: 92px;
        padding: 10px 8px 8px;
      }
      .buttons.services {
        margin-top: 10px;
      }
      .buttons button.svc {
        min-height: 64px;
      }
      footer {
        padding: 6px 28px 8px;
        font-size: 15px;
      }
    }
      /* A small screen (a tablet or phone at the counter): one column. */
    @media (max-width: 900px) {
      main {
        grid-template-columns: minmax(0, 1fr);
        padding: 12px;
      }
      header {
        padding-left: 12px;
        padding-right: 12px;
      }
      .current {
        flex-wrap: wrap;
      }
      .buttons {
        grid-template-columns: repeat(2, minmax(0, 1fr));
      }
    }
  `,
];
