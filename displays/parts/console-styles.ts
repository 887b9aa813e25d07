// CSS the staff consoles (clerk, triage) share, written once: the navy header bar with its
// sign-out button, the message line under it, cards, and the shortcut footer. Each console's
// own file sets what differs (header gap and title size, message and card padding, footer padding).
import { css } from 'lit';

export const consoleChrome = css`
  header {
    display: flex;
    flex-wrap: wrap;
    row-gap: 8px;
    align-items: center;
    padding: 14px 28px;
    background: #13294b;
    color: #fff;
  }
  header h1 {
    margin: 0;
  }
  .spacer {
    flex: 1;
  }
  header .person {
    margin-left: 16px;
    font-size: 20px;
    color: #fff;
  }
  header button {
    font-size: 16px;
    background: transparent;
    color: #cfe0ff;
    border: 1px solid #cfe0ff;
    border-radius: 8px;
    padding: 6px 12px;
  }
  .msg {
    margin: 12px 28px 0;
    border-radius: 10px;
    font-weight: 700;
  }
  .msg.ok {
    background: #d8f5e6;
    color: #0b5e3a;
  }
  .msg.error {
    background: #fde2e4;
    color: #9b0d22;
    border: 2px solid var(--ow-red);
  }
  .card {
    background: var(--ow-card);
    border-radius: 14px;
    box-shadow: 0 1px 3px #0002;
  }
  footer {
    color: var(--ow-dim);
    font-size: 17px;
  }
  footer kbd {
    font-family: inherit;
    border: 1px solid #aab5c5;
    border-radius: 4px;
    padding: 0 6px;
    background: #fff;
  }
`;

/** A hall-services box with a one-line form (KB search, appointment check-in): the field, then its button. */
export const inlineForm = css`
  :host {
    display: block;
    font-size: 20px;
  }
  form {
    display: flex;
    flex-wrap: wrap;
    gap: 10px;
  }
  input {
    flex: 1 1 12em;
    min-width: 0;
  }
  select {
    min-width: 0;
    max-width: 100%;
    padding: 8px 12px;
    border: 2px solid var(--ow-line);
    border-radius: 10px;
  }
`;
