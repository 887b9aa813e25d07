// Styles of <ow-kiosk>. The kiosk: portrait first, landscape overrides last; the service buttons, the check-in screen, the ticket screen.
import { css } from 'lit';
import { signage } from '../../parts/theme.ts';

export const kioskStyles = [
  signage,
  css`
    /* Laid out for 1080×1920 upright or 1920×1080, zoomed to the screen (FitScreenController sets --fit-zoom). */
    :host {
      position: relative;
      display: grid;
      grid-template-rows: auto 1fr auto;
      width: 1080px;
      height: 1920px;
      zoom: var(--fit-zoom, 1);
      background: radial-gradient(ellipse at top, #17305a, var(--ow-bg) 70%);
      overflow: hidden;
      user-select: none;
      -webkit-user-select: none;
      touch-action: manipulation;
    }
    header {
      background: var(--ow-red);
      padding: 28px 48px;
      border-bottom: 6px solid var(--ow-amber);
      display: flex;
      justify-content: space-between;
      align-items: center;
    }
    .hall-zh {
      font-size: 50px;
      font-weight: 800;
    }
    .hall-en {
      font-size: 24px;
      opacity: 0.9;
    }
    .time {
      text-align: right;
      font-size: 26px;
    }
    .time b {
      display: block;
      font-size: 52px;
      font-variant-numeric: tabular-nums;
    }
    /* The service buttons share what is left of the screen: the last row is never cut off. */
    main {
      overflow: hidden;
      padding: 36px 48px;
      display: flex;
      flex-direction: column;
      gap: 28px;
      min-height: 0;
    }
    main > .grid {
      flex: 1 1 0;
      min-height: 0;
      grid-auto-rows: minmax(0, 1fr);
    }
    h2 {
      margin: 0;
      font-size: 54px;
      text-align: center;
    }
    h2 small {
      display: block;
      font-size: 30px;
      color: var(--ow-dim);
      font-weight: 400;
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(2, 1fr);
      gap: 24px;
    }
    .svc {
      display: grid;
      gap: 6px;
      align-content: center;
      min-height: 0;
      overflow: hidden;
      padding: 18px 26px;
      border: 0;
      border-radius: 22px;
      background: #fff;
      color: #0f1b2d;
      text-align: left;
      cursor: pointer;
      box-shadow: 0 6px 0 #9fb1cf;
      font-family: inherit;
    }
    .svc:active {
      transform: translateY(4px);
      box-shadow: 0 2px 0 #9fb1cf;
    }
    .svc .zh {
      font-size: 52px;
      font-weight: 800;
    }
    .svc .en {
      font-size: 26px;
      color: #4a5a70;
    }
    .svc .wait {
      font-size: 24px;
      color: #0f8a55;
      font-weight: 700;
    }
    /* The number's letter in the corner, not on a line of its own: the rows stay short enough to fit. */
    .svc {
      position: relative;
    }
    .svc .prefix {
      position: absolute;
      top: 14px;
      right: 16px;
      font-size: 28px;
      font-weight: 700;
      color: #fff;
      background: var(--ow-red);
      border-radius: 8px;
      padding: 0 12px;
    }
    .elderly {
      display: flex;
      align-items: center;
      justify-content: center;
      gap: 24px;
      padding: 26px;
      border-radius: 22px;
      border: 4px solid var(--ow-amber);
      background: transparent;
      color: var(--ow-amber);
      font-size: 44px;
      font-weight: 800;
      font-family: inherit;
      cursor: pointer;
    }
    .top {
      display: grid;
      grid-template-columns: 1.3fr 1fr;
      gap: 24px;
    }
    .top ow-kiosk-result-scan {
      grid-column: 1 / -1;
    }
    .appointment {
      padding: 26px;
      border-radius: 22px;
      border: 0;
      background: #19c37d;
      color: #000;
      font-size: 52px;
      font-weight: 800;
      font-family: inherit;
      cursor: pointer;
    }
    .appointment small {
      display: block;
      font-size: 30px;
      font-weight: 600;
    }
    .checkin {
      display: grid;
      gap: 24px;
    }
    @media (orientation: landscape) {
      .checkin {
        grid-template-columns: 1fr 320px;
        align-items: start;
      }
    }
    .back {
      font-size: 40px;
      font-weight: 800;
      padding: 22px;
      border: 3px solid #fff;
      border-radius: 22px;
      background: transparent;
      color: #fff;
      font-family: inherit;
      cursor: pointer;
    }
    .svc .est {
      display: block;
      color: #0f1b2d;
      font-size: 30px;
    }
    .svc .est small {
      font-size: 22px;
      font-weight: 400;
    }
    .ticket .est {
      color: #0f8a55;
    }
    .ticket .materials {
      font-size: 32px;
      text-align: left;
      line-height: 1.35;
      border-top: 2px dashed #d5dde8;
      padding-top: 12px;
    }
    .elderly small {
      font-size: 26px;
      font-weight: 400;
    }
    .elderly[aria-pressed='true'] {
      background: var(--ow-amber);
      color: #111;
    }
    .box {
      width: 56px;
      height: 56px;
      border: 4px solid currentColor;
      border-radius: 10px;
      display: grid;
      place-items: center;
      font-size: 44px;
    }
    .ticket {
      background: #fff;
      color: #0f1b2d;
      border-radius: 28px;
      padding: 40px;
      display: grid;
      justify-items: center;
      gap: 14px;
      text-align: center;
    }
    .ticket .label {
      font-size: 34px;
      color: #4a5a70;
    }
    .ticket .num {
      font-size: 240px;
      font-weight: 800;
      line-height: 1;
      color: var(--ow-red);
      font-variant-numeric: tabular-nums;
    }
    .ticket .ahead {
      font-size: 44px;
      font-weight: 700;
    }
    .ticket ow-qr-code {
      width: 300px;
      height: 300px;
      border: 2px solid #d5dde8;
    }
    .ticket .scan {
      font-size: 28px;
      color: #4a5a70;
    }
    @media (orientation: landscape) {
      .ticket {
        grid-template-columns: 1fr auto;
        text-align: left;
        justify-items: start;
      }
      .ticket ow-qr-code {
        grid-row: span 5;
        grid-column: 2;
      }
      .ticket .num {
        font-size: 180px;
      }
    }
    .done {
      font-size: 44px;
      font-weight: 800;
      padding: 26px;
      border: 0;
      border-radius: 22px;
      background: var(--ow-green);
      color: #fff;
      font-family: inherit;
      cursor: pointer;
    }
    /* Above the buttons, which shrink to make room for it: the last row stays on the screen. */
    .error {
      flex: none;
      font-size: 34px;
      background: #fde2e4;
      color: #9b0d22;
      border: 3px solid var(--ow-red);
      border-radius: 16px;
      padding: 16px 28px;
      text-align: center;
    }
    footer {
      padding: 18px 48px 28px;
      font-size: 26px;
      color: var(--ow-dim);
      text-align: center;
    }
    ow-offline-mark {
      position: absolute;
      top: 160px;
      right: 40px;
    }
    /* Orientation last, so it overrides the rules above. */
    @media (orientation: portrait) {
      /* Tall screen: fill it, bigger targets for older hands. */
      .svc .zh {
        font-size: 58px;
      }
      .ticket ow-qr-code {
        width: 380px;
        height: 380px;
      }
    }
    @media (orientation: landscape) {
      :host {
        width: 1920px;
        height: 1080px;
      }
      .grid {
        grid-template-columns: repeat(4, 1fr);
        gap: 20px;
      }
      h2 {
        font-size: 40px;
      }
      h2 small {
        font-size: 24px;
      }
      header {
        padding: 16px 48px;
      }
      main {
        padding: 20px 48px;
        gap: 18px;
      }
      .elderly {
        padding: 12px;
        font-size: 34px;
      }
      /* Landscape: the result pickup beside the other two, one row for all three. */
      .top {
        grid-template-columns: 1.3fr 1fr auto;
        align-items: stretch;
      }
      .top ow-kiosk-result-scan {
        grid-column: auto;
        align-self: center;
      }
      .svc {
        padding: 12px 22px;
      }
      .appointment {
        padding: 12px;
        font-size: 44px;
      }
      .svc .zh {
        font-size: 46px;
      }
    }
  `,
];
