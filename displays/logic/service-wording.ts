// Pure wording for the service parts of the display pages: knowledge-base materials, the
// one-time notice, check-in results and wait estimates. Tested in test/displays/ without a DOM.

export interface KbText {
  zh: string;
  en: string;
}

export interface KbMaterial {
  zh: string;
  en: string;
  copies?: number;
  original?: boolean;
  note?: KbText;
}

/** GET /api/kb/:serviceId */
export interface KbEntry {
  service: string;
  title: KbText;
  guide: KbText;
  steps: KbText[];
  materials: KbMaterial[];
  fees: KbText;
  timeLimit?: KbText;
  faqs?: { q: KbText; a: KbText }[];
}

/** GET /api/kb/search?q= */
export interface KbSearchResult {
  service: string;
  score: number;
  title: KbText;
  matches: { field: string; text: string }[];
}

/** "原件 · 复印件 2 份" / "original · 2 copies": what form of a material to bring. */
export function materialForm(m: KbMaterial): KbText {
  const zh: string[] = [];
  const en: string[] = [];
  if (m.original) {
    zh.push('原件');
    en.push('original');
  }
  if (m.copies) {
    zh.push(`复印件 ${m.copies} 份`);
    en.push(`${m.copies} ${m.copies === 1 ? 'copy' : 'copies'}`);
  }
  return { zh: zh.join(' · '), en: en.join(' · ') };
}

/** The body of POST /api/windows/:id/notice, or the reason it cannot be sent yet. */
export function noticeRequest(missing: string[], notes: string): { body: { missing: string[]; notes?: string } } | { error: string } {
  const list = [...new Set(missing.map((m) => m.trim()).filter(Boolean))];
  if (list.length === 0) return { error: '请勾选缺少的材料 · Tick at least one missing material' };
  const n = notes.trim();
  return { body: { missing: list, ...(n ? { notes: n.slice(0, 500) } : {}) } };
}

export type NoticePrintResult = { queued: true; printer: string; jobId: string } | { queued: false; reason: string; message: string };

/** What the clerk sees after the notice was made. */
export function noticeResultText(print: NoticePrintResult | undefined): string {
  if (print?.queued) return `告知单已送打印机 ${print.printer} · Notice sent to printer ${print.printer}`;
  return '告知单已生成（未打印），可打开链接给访客 · Notice ready (not printed): open the link';
}

/** "约 12 分钟" / "about 12 min"; under one minute is "即到" / "now". */
export function waitText(minutes: number | null | undefined): KbText | undefined {
  if (minutes === undefined || minutes === null || !Number.isFinite(minutes)) return undefined;
  const m = Math.max(0, Math.round(minutes));
  if (m < 1) return { zh: '即到', en: 'now' };
  return { zh: `约 ${m} 分钟`, en: `about ${m} min` };
}

/** The check-in answer's lane and arrival as a line for the visitor. */
export function checkInLaneText(lane: string, arrival: string | undefined): KbText {
  if (lane === 'appointment') return { zh: '预约通道，优先办理', en: 'Appointment lane: served first' };
  if (arrival === 'early') return { zh: '未到签到时间，已取普通号', en: 'Early for your slot: a normal number' };
  if (arrival === 'late') return { zh: '已过签到时间，已取普通号', en: 'Late for your slot: a normal number' };
  return { zh: '普通号', en: 'Normal number' };
}

/**
 * Adds a key of the touch keypad to what was typed (digits and letters, at most 20): `⌫` deletes
 * one, `clear` empties (not "C", which is a letter of booking codes).
 */
export function keypadInput(current: string, key: string): string {
  if (key === '⌫' || key === 'Backspace') return current.slice(0, -1);
  if (key === 'clear') return '';
  if (!/^[0-9A-Za-z]$/.test(key) || current.length >= 20) return current;
  return current + key.toUpperCase();
}
