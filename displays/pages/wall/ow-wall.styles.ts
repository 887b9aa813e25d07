// Styles of <ow-wall>. The wall display (综合屏): the newest call large and flashing, recent calls,
// every window, waiting per service, the notice line; 1920×1080 and smaller.
import { css } from 'lit';
import { signage } from '../../parts/theme.ts';

export const wallStyles = [
  signage,
  css`
    /* Laid out for 1920×1080 and zoomed to the screen (FitScreenController sets --fit-zoom). */
    :host {
      position: relative;
      display: grid;
      grid-template-rows: 128px 1fr 76px;
      width: 1920px;
      height: 1080px;
      zoom: var(--fit-zoom, 1);
      background: var(--ow-bg);
      overflow: hidden;
    }
    .icon {
      vertical-align: -0.1em;
    }
    /* Over the notice line, not in the header: the mark must not push the clock or the hall name aside. */
    ow-offline-mark {
      position: absolute;
      left: 50%;
      bottom: 10px;
      transform: translateX(-50%);
      z-index: 2;
    }
    header {
      display: flex;
      align-items: center;
      justify-content: space-between;
      padding: 0 40px;
      background: linear-gradient(90deg, #a50d26, var(--ow-red) 40%, #8e0b21);
      border-bottom: 4px solid var(--ow-amber);
    }
    .hall-zh {
      font-size: 52px;
      font-weight: 700;
      letter-spacing: 4px;
    }
    .hall-en {
      font-size: 22px;
      opacity: 0.9;
    }
    .when {
      display: flex;
      align-items: center;
      gap: 28px;
      text-align: right;
    }
    .date {
      font-size: 26px;
      line-height: 1.3;
    }
    .clock {
      font-size: 72px;
      font-weight: 700;
      font-variant-numeric: tabular-nums;
      letter-spacing: 2px;
    }
    main {
      display: grid;
      grid-template-columns: 1060px 1fr;
      gap: 24px;
      padding: 24px 40px 16px;
      min-height: 0;
    }
    .left,
    .right {
      display: grid;
      gap: 20px;
      min-height: 0;
    }
    .left {
      grid-template-rows: 440px 1fr;
    }
    .right {
      grid-template-rows: auto 1fr;
    }
    .panel {
      background: var(--ow-panel);
      border: 2px solid var(--ow-line);
      border-radius: 16px;
      overflow: hidden;
      min-height: 0;
    }
    .title {
      font-size: 26px;
      color: var(--ow-dim);
      padding: 12px 24px;
      background: var(--ow-panel-2);
      display: flex;
      justify-content: space-between;
    }
    .now {
      min-width: 0;
      display: grid;
      grid-template-rows: auto 1fr;
      transition: background 0.1s;
    }
    .now.flash-on {
      background: var(--ow-amber);
      color: #111;
    }
    .now.flash-on .title {
      background: #ffd84d;
      color: #111;
    }
    .now-body {
      display: flex;
      align-items: center;
      justify-content: center;
      gap: 48px;
      padding: 0 24px;
    }
    .big-number {
      font-size: 200px;
      font-weight: 800;
      line-height: 1;
      font-variant-numeric: tabular-nums;
      letter-spacing: 6px;
    }
    .go {
      display: grid;
      gap: 8px;
    }
    .go-zh {
      font-size: 68px;
      font-weight: 700;
      white-space: nowrap;
    }
    .go-en {
      font-size: 40px;
      opacity: 0.85;
    }
    .idle {
      font-size: 56px;
      color: var(--ow-dim);
      text-align: center;
    }
    .calls {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 0 24px;
      padding: 8px 24px;
    }
    .call {
      display: flex;
      justify-content: space-between;
      align-items: baseline;
      padding: 10px 8px;
      border-bottom: 1px solid var(--ow-line);
      font-size: 52px;
      font-weight: 700;
      font-variant-numeric: tabular-nums;
    }
    .call .win {
      color: var(--ow-amber);
      font-size: 40px;
    }
    .call .win small {
      font-size: 22px;
      color: var(--ow-dim);
      margin-left: 6px;
    }
    .windows {
      display: grid;
      grid-template-columns: repeat(3, 1fr);
      gap: 12px;
      padding: 16px;
    }
    .win-tile {
      background: var(--ow-panel-2);
      border-radius: 12px;
      padding: 10px 14px;
      display: grid;
      gap: 2px;
    }
    .win-tile .name {
      font-size: 24px;
      color: var(--ow-dim);
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .win-tile .cur {
      font-size: 54px;
      font-weight: 800;
      font-variant-numeric: tabular-nums;
      line-height: 1.1;
    }
    .win-tile .cur.none {
      color: #5d7096;
    }
    /* Paused: back soon, amber with a pause sign. Closed: not serving today, greyed out. */
    .win-tile.paused,
    .win-tile.closed {
      border: 2px solid transparent;
    }
    .win-tile.paused {
      background: #3a2a05;
      border-color: var(--ow-amber);
    }
    .win-tile.closed {
      background: #10151f;
      border: 2px dashed #3a4660;
    }
    .win-tile.paused .cur,
    .win-tile.closed .cur {
      font-size: 34px;
      line-height: 1.1;
    }
    .win-tile.paused .cur {
      color: var(--ow-amber);
    }
    .win-tile.closed .cur,
    .win-tile.closed .name {
      color: #6b7a96;
    }
    .win-tile.paused .cur small,
    .win-tile.closed .cur small {
      display: block;
      font-size: 20px;
      font-weight: 400;
    }
    .waits {
      padding: 6px 20px;
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 0 20px;
      align-content: start;
    }
    .wait {
      display: flex;
      justify-content: space-between;
      align-items: center;
      padding: 4px 4px;
      border-bottom: 1px solid var(--ow-line);
    }
    .wait .zh {
      font-size: 28px;
      font-weight: 700;
    }
    .wait .en {
      font-size: 17px;
      color: var(--ow-dim);
      display: block;
    }
    .wait .n {
      line-height: 1.1;
      font-size: 46px;
      font-weight: 800;
      color: var(--ow-green);
      font-variant-numeric: tabular-nums;
    }
    footer {
      background: #060b14;
      border-top: 3px solid var(--ow-red);
      overflow: hidden;
      white-space: nowrap;
      display: flex;
      align-items: center;
      font-size: 34px;
    }
    /* The notice twice in a row, moved by half its width: an endless loop without a gap. */
    .marquee {
      display: inline-block;
      animation: marquee 60s linear infinite;
    }
    .marquee span {
      margin-right: 120px;
    }
    .marquee .en {
      color: var(--ow-dim);
    }
    @keyframes marquee {
      from {
        transform: translateX(0);
      }
      to {
        transform: translateX(-50%);
      }
    }
      /* An upright screen: laid out for 1080×1920, the calls above the windows and queues. */
    @media (orientation: portrait) {
      :host {
        width: 1080px;
        height: 1920px;
      }
      header {
        padding: 0 28px;
      }
      .hall-zh {
        font-size: 44px;
        letter-spacing: 2px;
      }
      .when {
        gap: 16px;
      }
      .date {
        display: none;
      }
      .clock {
        font-size: 56px;
      }
      main {
        grid-template-columns: 1fr;
        grid-template-rows: auto 1fr;
        padding: 20px 28px 16px;
      }
      .left {
        grid-template-rows: 400px auto;
      }
      .big-number {
        font-size: 180px;
      }
    }
  `,
];
