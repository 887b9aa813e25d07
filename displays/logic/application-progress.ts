// What the visitor's progress page (/a/<receipt>) and the back-office list say about an application:
// the four stages in order, which are done, and the words for each. Pure, tested without a DOM.
export type Stage = 'received' | 'approving' | 'returned' | 'ready' | 'refused' | 'picked_up' | 'mailed';

export const STAGE_LABEL: Record<Stage, string> = {
  received: '已受理 Received',
  approving: '审批中 Being approved',
  returned: '需补正 Corrections needed',
  ready: '可领取 Ready to collect',
  refused: '不予批准 Not granted',
  picked_up: '已领取 Collected',
  mailed: '已邮寄 Mailed',
};

export interface ProgressStep {
  label: string;
  state: 'done' | 'current' | 'todo';
}

/** The four steps a visitor follows: received → approving → ready → picked up / mailed. */
export function progressSteps(stage: Stage, delivery: 'pickup' | 'mail'): ProgressStep[] {
  const last = delivery === 'mail' ? STAGE_LABEL.mailed : STAGE_LABEL.picked_up;
  const middle = stage === 'returned' ? STAGE_LABEL.returned : STAGE_LABEL.approving;
  const third = stage === 'refused' ? STAGE_LABEL.refused : delivery === 'mail' ? '审批通过 Approved' : STAGE_LABEL.ready;
  const reached = { received: 1, approving: 1, returned: 1, ready: 2, refused: 2, picked_up: 4, mailed: 4 }[stage];
  return [STAGE_LABEL.received, middle, third, last].map((label, i) => ({ label, state: i < reached ? 'done' : i === reached ? 'current' : 'todo' }));
}
