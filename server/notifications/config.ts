// A hall's notification settings (the `notifications:` block of a hall file). Optional: a hall
// without it sends nothing. Secrets (the webhook's HMAC key, the SMS access key) come from the
// environment, never from this file: NOTIFY_WEBHOOK_SECRET, SMS_ACCESS_KEY_ID, SMS_ACCESS_KEY_SECRET.
import { z } from 'zod';

export const TEMPLATE_IDS = ['nearTurn', 'bookingConfirmed', 'bookingReminder', 'verificationCode', 'followUpDue', 'applicationReady'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];
export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];

const text = z.object({ zh: z.string().min(1), en: z.string().min(1) });

/** Texts with {placeholders}: {hall} always; {number} {ahead} {window} {service} {code} {date} {time} {case} {due} {receipt} per template. */
export const DEFAULT_TEMPLATES: Record<TemplateId, { zh: string; en: string }> = {
  nearTurn: {
    zh: '【{hall}】您的 {number} 号前面还有 {ahead} 位，请回到大厅留意 {window} 号窗口叫号。',
    en: '{hall}: {ahead} people before your number {number}. Please come back and watch window {window}.',
  },
  bookingConfirmed: {
    zh: '【{hall}】您已预约 {date} {time} 的{service}，预约码 {code}，请按时到大厅签到。',
    en: '{hall}: your booking for {service} on {date} at {time} is confirmed. Booking code {code}.',
  },
  bookingReminder: {
    zh: '【{hall}】提醒：您预约的{service}将于 {date} {time} 开始，预约码 {code}。',
    en: '{hall}: reminder, your {service} booking starts {date} at {time}. Booking code {code}.',
  },
  verificationCode: {
    zh: '【{hall}】您预约 {date} {time} 的验证码为 {code}，{minutes} 分钟内有效。',
    en: '{hall}: your booking verification code is {code}, valid for {minutes} minutes.',
  },
  followUpDue: {
    zh: '【{hall}】差评回访到期：{case}，请于 {due} 前联系办事人。',
    en: '{hall}: follow-up of a bad rating is due: {case}, contact the visitor by {due}.',
  },
  applicationReady: {
    zh: '【{hall}】您的办件 {receipt}（{service}）已有办理结果，请凭受理回执到出件窗口领取。',
    en: '{hall}: the result of your application {receipt} ({service}) is ready. Please collect it at the pickup window with your receipt.',
  },
};

const phone = z.string().regex(/^\+?\d{6,15}$/, 'a phone number is 6-15 digits');

export const notificationsSchema = z
  .object({
    /** log: print what would be sent (default); webhook: signed JSON POST; sms: an SMS provider's HTTP API. */
    adapter: z.enum(['log', 'webhook', 'sms']).default('log'),
    /** For `webhook`: where the signed JSON goes (the hall's SMS gateway or WeChat bridge). */
    webhookUrl: z.url().optional(),
    /** For `sms`: the provider's endpoint (see server/notifications/adapters.ts for the request shape). */
    smsUrl: z.url().optional(),
    /** For `sms`: the registered signature (签名) shown in 【】 at the start of each message. */
    signName: z.string().min(1).max(20).default('一窗受理'),
    /** For `sms`: the provider's template code per template (SMS_123456789). */
    smsTemplateCodes: z.partialRecord(z.enum(TEMPLATE_IDS), z.string().min(1)).default({}),
    /** Language of visitor messages. */
    lang: z.enum(LANGS).default('zh'),
    /** Texts per template and language; the built-in ones where absent. */
    templates: z.partialRecord(z.enum(TEMPLATE_IDS), text).default({}),
    /** A visitor who left a phone number is told when this many people (or fewer) are before them. */
    nearTurnAhead: z.number().int().min(0).max(50).default(3),
    /** Messages one phone may get, per rolling hour and per rolling day; more are dropped (and logged). */
    perPhonePerHour: z.number().int().min(1).default(5),
    perPhonePerDay: z.number().int().min(1).default(10),
    /** A booking reminder goes out this many minutes before its slot. */
    reminderMinutesBefore: z.number().int().min(1).max(24 * 60).default(30),
    /** Send the booking verification code (appointments.confirmation: sms) through this port. */
    verificationCode: z.boolean().default(false),
    /** Staff phones for staff messages (a bad rating's follow-up due). */
    staffPhones: z.array(phone).default([]),
    /** Attempts per message before it is given up (backoff 1 s, 5 s, 30 s, 2 min, 10 min). */
    maxAttempts: z.number().int().min(1).max(10).default(5),
  })
  .superRefine((n, ctx) => {
    if (n.adapter === 'webhook' && !n.webhookUrl) ctx.addIssue({ code: 'custom', path: ['webhookUrl'], message: 'the webhook adapter needs webhookUrl' });
    if (n.adapter === 'sms' && !n.smsUrl) ctx.addIssue({ code: 'custom', path: ['smsUrl'], message: 'the sms adapter needs smsUrl' });
  });
export type NotificationsConfig = z.infer<typeof notificationsSchema>;

/** The text of a template in a language: the hall file's, or the built-in one. */
export function templateText(cfg: NotificationsConfig, template: TemplateId, lang: Lang): string {
  return cfg.templates[template]?.[lang] ?? DEFAULT_TEMPLATES[template][lang];
}

/** Fills {name} placeholders; an unknown one stays as written, so a typo shows in the log. */
export function render(text: string, params: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (all, name: string) => (Object.hasOwn(params, name) ? params[name]! : all));
}

/** 13812345678 → 138****5678; short numbers keep only their last two digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length >= 11) return `${digits.slice(0, digits.length - 8)}****${digits.slice(-4)}`;
  return `${'*'.repeat(Math.max(0, digits.length - 2))}${digits.slice(-2)}`;
}

/** Every run of 7 or more digits (a phone number, maybe after +) masked as maskPhone does: for text a provider wrote, which may name the number it refused. */
export function maskPhonesIn(text: string): string {
  return text.replace(/\+?\d{7,}/g, (digits) => maskPhone(digits));
}

/**
 * Parameters a log line may show as they are: the hall, the queue number and its place, the window,
 * the service, the slot's date and time, a validity or a deadline. The others (a booking code or
 * verification code, an application receipt, a rating's case, whatever a later template adds) let
 * someone act for the visitor or find them: a log shows them as "***".
 */
const LOGGABLE_PARAMS = new Set(['hall', 'number', 'ahead', 'window', 'service', 'date', 'time', 'minutes', 'due']);

/** The text of a message as a log may show it: `template` rendered with the params not in LOGGABLE_PARAMS masked. */
export function loggableText(template: string, params: Record<string, string>): string {
  const shown: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) shown[name] = LOGGABLE_PARAMS.has(name) ? value : '***';
  return maskPhonesIn(render(template, shown));
}
