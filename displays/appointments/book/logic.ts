// What the booking page shows, as plain functions (tested without a DOM).
export interface SlotView {
  start: number;
  end: number;
  time: string;
  available: number;
  /** Local date, on slots the server offers after a refusal. */
  date?: string;
}

export interface DayChoice {
  date: string;
  label: string;
}

const WEEKDAY_ZH = ['日', '一', '二', '三', '四', '五', '六'];

/** The next `count` local dates from `today` (YYYY-MM-DD), labelled "11月30日 周一". */
export function dayChoices(today: string, count: number): DayChoice[] {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return Array.from({ length: count }, (_, i) => {
    const dt = new Date(Date.UTC(y, m - 1, d + i));
    const date = dt.toISOString().slice(0, 10);
    const label = `${dt.getUTCMonth() + 1}月${dt.getUTCDate()}日 周${WEEKDAY_ZH[dt.getUTCDay()]}${i === 0 ? '（今天）' : ''}`;
    return { date, label };
  });
}

/** "余 3" / "已满": what a slot button says. */
export function slotLabel(s: SlotView): string {
  return s.available > 0 ? `${s.time} · 余${s.available}` : `${s.time} · 已满`;
}

/** Morning and afternoon groups, so a phone screen shows two short rows instead of one long list. */
export function groupSlots(slots: SlotView[]): { label: string; slots: SlotView[] }[] {
  const am = slots.filter((s) => s.time < '12:00');
  const pm = slots.filter((s) => s.time >= '12:00');
  return [
    { label: '上午 Morning', slots: am },
    { label: '下午 Afternoon', slots: pm },
  ].filter((g) => g.slots.length > 0);
}

const REFUSALS: Record<string, string> = {
  slot_full: '该时段已约满，请选择以下空闲时段 / This slot is full; free slots below',
  hour_full: '该小时预约已满（每小时限额），请选择以下空闲时段 / This hour is fully booked; free slots below',
  phone_daily_limit: '同一手机号当天预约已达上限 / This phone already holds the most bookings allowed that day',
  slot_past: '该时段已开始，请另选 / That slot has started',
  slot_invalid: '该时段不可预约 / That slot cannot be booked',
  invalid_request: '请检查姓名和手机号 / Please check your name and phone number',
  phone_invalid: '请填写中国大陆手机号（11位，1开头）/ A mainland China mobile number, 11 digits',
  rate_limited: '操作过于频繁，请稍后再试 / Too many requests from this network; please try again later',
  address_daily_cap: '同一网络当天预约已达上限 / This network already holds the most bookings allowed today',
  confirm_code_wrong: '验证码不正确，请核对短信 / That code is not right; please check the SMS',
  confirm_attempts_exceeded: '验证码错误次数过多，名额已释放，请重新预约 / Too many wrong codes; the place was released, please book again',
  hold_expired: '验证码已过期，名额已释放，请重新预约 / The code has expired and the place was released; please book again',
  booking_not_pending: '该预约无需验证 / This booking is not waiting for a code',
  sms_failed: '短信发送失败，请稍后再试 / The SMS could not be sent; please try again later',
};

export function refusalText(code: string, fallback: string): string {
  return REFUSALS[code] ?? fallback;
}

/** A mainland China mobile number (optionally +86), as the server takes for public bookings. */
export function validPhone(p: string): boolean {
  return /^(?:\+?86)?1[3-9]\d{9}$/.test(p.trim().replace(/[\s-]/g, ''));
}
