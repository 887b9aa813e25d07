// The five national 好差评 levels, best first. A rating is "good" (好评) in the top three: the
// national scheme counts 非常满意, 满意 and 基本满意 as 好评 and the last two as 差评, and so does the
// satisfaction rate here: good / all.
export const LEVELS = ['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied'] as const;
export type Level = (typeof LEVELS)[number];

export const LEVEL_LABELS: Record<Level, { zh: string; en: string }> = {
  very_satisfied: { zh: '非常满意', en: 'Very satisfied' },
  satisfied: { zh: '满意', en: 'Satisfied' },
  basically_satisfied: { zh: '基本满意', en: 'Basically satisfied' },
  dissatisfied: { zh: '不满意', en: 'Dissatisfied' },
  very_dissatisfied: { zh: '非常不满意', en: 'Very dissatisfied' },
};

/** 差评: opens a follow-up case. */
export function isBad(level: Level): boolean {
  return level === 'dissatisfied' || level === 'very_dissatisfied';
}
