// Keys of the clerk console. USB call keypads (叫号器) send plain keys: digits and + - * / Enter
// from a numeric pad, so every action has a keypad key as well as a letter.
export type ClerkAction = 'next' | 'recall' | 'start' | 'finish' | 'no-show' | 'transfer' | 'pause' | 'resume' | 'assist' | 'notice';

export interface ClerkButton {
  action: ClerkAction;
  zh: string;
  en: string;
  /** Keys shown on the button, first is the main one. */
  keys: string[];
}

export const CLERK_BUTTONS: ClerkButton[] = [
  { action: 'next', zh: '叫号', en: 'Next', keys: ['N', 'Enter', '1'] },
  { action: 'recall', zh: '重呼', en: 'Recall', keys: ['R', '2'] },
  { action: 'start', zh: '开始办理', en: 'Start', keys: ['S', '3'] },
  { action: 'finish', zh: '办结', en: 'Finish', keys: ['F', '4'] },
  { action: 'no-show', zh: '过号', en: 'No-show', keys: ['X', '5'] },
  { action: 'transfer', zh: '转办', en: 'Transfer', keys: ['T', '6'] },
  { action: 'pause', zh: '暂停', en: 'Pause', keys: ['P', '0'] },
];

/** The hall-services actions for the ticket at the counter: they open a panel rather than change the queue. */
export const CLERK_PANEL_BUTTONS: ClerkButton[] = [
  { action: 'assist', zh: '一键呼叫', en: 'Assist', keys: ['A', '7'] },
  { action: 'notice', zh: '一次性告知', en: 'Notice', keys: ['G', '8'] },
];

const ALL_BUTTONS = [...CLERK_BUTTONS, ...CLERK_PANEL_BUTTONS];

/**
 * The action for a key press, or undefined. `KeyboardEvent.key` from a keypad is "1", "Enter",
 * and so on; letters may come in either case. Keys typed into a text field are not shortcuts.
 */
export function actionForKey(
  key: string,
  opts: { inTextField?: boolean; paused?: boolean; ctrl?: boolean } = {},
): ClerkAction | undefined {
  if (opts.inTextField || opts.ctrl) return undefined;
  const k = key.length === 1 ? key.toUpperCase() : key;
  const button = ALL_BUTTONS.find((b) => b.keys.includes(k));
  if (!button) return undefined;
  // One key toggles pause: a paused window resumes.
  if (button.action === 'pause' && opts.paused) return 'resume';
  return button.action;
}
