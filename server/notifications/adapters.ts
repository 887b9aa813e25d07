// The notification port and its adapters. A Notifier delivers one message or rejects; retries, the
// send log and the per-phone limits are the sender's (./sender.ts), the same for every adapter.
//
//   log      prints what would be sent through the feature's logger, phone and codes masked (the default).
//   webhook  POST JSON to the hall's URL (its SMS gateway, a WeChat service account bridge), signed:
//              X-OneWindow-Timestamp: <epoch ms>
//              X-OneWindow-Signature: sha256=<hex HMAC-SHA256(NOTIFY_WEBHOOK_SECRET, timestamp + "." + raw body)>
//              X-OneWindow-Message-Id: <id>   (the same on every retry of one message: dedupe on it)
//            To verify: recompute the HMAC over the timestamp header, a ".", and the body bytes as
//            received; compare in constant time; refuse a timestamp more than 5 minutes old.
//   sms      Alibaba Cloud SMS (阿里云短信服务) SendSms, the RPC API most Chinese SMS relays copy:
//            a form POST of PhoneNumbers, SignName, TemplateCode, TemplateParam (a JSON string)
//            with AccessKeyId, Action=SendSms, Version=2017-05-25, Format=JSON, a nonce and a UTC
//            timestamp, signed with HMAC-SHA1 (SignatureVersion 1.0, key = secret + "&") over
//            "POST&%2F&" + the percent-encoded sorted query; the answer { Code: "OK", BizId } is sent.
//            SMS_ACCESS_KEY_ID and SMS_ACCESS_KEY_SECRET come from the environment.
import { createHmac, randomUUID } from 'node:crypto';
import type { Logger } from '../log.ts';
import { maskPhone, type Lang, type TemplateId } from './config.ts';

export interface OutgoingMessage {
  /** The message's id in the send log: the same on each retry. */
  id: string;
  to: string;
  template: TemplateId;
  params: Record<string, string>;
  lang: Lang;
  /** The template rendered with the params, in `lang`. */
  text: string;
  /** The same with the params that identify the visitor or act as a credential masked (config.ts loggableText): what a log may show. */
  logText: string;
  hallId: string;
}

export interface Notifier {
  readonly kind: 'log' | 'webhook' | 'sms';
  /** Resolves once the provider took the message; rejects (with a short reason) when it did not. */
  send(message: OutgoingMessage): Promise<void>;
}

const TIMEOUT_MS = 5000;

export function logNotifier(log: Logger): Notifier {
  return {
    kind: 'log',
    send: async (m) => {
      log.info({ messageId: m.id, to: maskPhone(m.to), template: m.template, lang: m.lang, text: m.logText }, 'notification (log adapter: not sent)');
    },
  };
}

/** The signature header value for a webhook body sent at `timestamp`. */
export function webhookSignature(secret: string, timestamp: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

export function webhookNotifier(url: string, secret: string, clock: () => number = Date.now): Notifier {
  return {
    kind: 'webhook',
    async send(m) {
      const body = JSON.stringify({ id: m.id, hall: m.hallId, to: m.to, template: m.template, lang: m.lang, params: m.params, text: m.text });
      const timestamp = String(clock());
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-onewindow-timestamp': timestamp,
          'x-onewindow-signature': webhookSignature(secret, timestamp, body),
          'x-onewindow-message-id': m.id,
        },
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      await res.arrayBuffer().catch(() => undefined); // drain; the status is the answer
      if (!res.ok) throw new Error(`webhook answered ${res.status}`);
    },
  };
}

/** RFC 3986 encoding as the Alibaba Cloud RPC signature wants it (space %20, * %2A, ~ kept). */
export function percentEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The RPC signature of a parameter set (without Signature). */
export function smsSignature(secret: string, params: Record<string, string>, method = 'POST'): string {
  const query = Object.keys(params)
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k]!)}`)
    .join('&');
  const toSign = `${method}&${percentEncode('/')}&${percentEncode(query)}`;
  return createHmac('sha1', `${secret}&`).update(toSign).digest('base64');
}

export interface SmsSettings {
  url: string;
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  /** The provider's template code per template id; a template without one cannot be sent by SMS. */
  templateCodes: Partial<Record<TemplateId, string>>;
  regionId?: string;
}

export function smsNotifier(cfg: SmsSettings, clock: () => number = Date.now): Notifier {
  return {
    kind: 'sms',
    async send(m) {
      const templateCode = cfg.templateCodes[m.template];
      if (!templateCode) throw new Error(`no SMS template code for "${m.template}"`);
      const params: Record<string, string> = {
        AccessKeyId: cfg.accessKeyId,
        Action: 'SendSms',
        Format: 'JSON',
        RegionId: cfg.regionId ?? 'cn-hangzhou',
        SignatureMethod: 'HMAC-SHA1',
        SignatureNonce: randomUUID(),
        SignatureVersion: '1.0',
        Timestamp: new Date(clock()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        Version: '2017-05-25',
        PhoneNumbers: m.to,
        SignName: cfg.signName,
        TemplateCode: templateCode,
        TemplateParam: JSON.stringify(m.params),
        OutId: m.id,
      };
      const form = new URLSearchParams({ ...params, Signature: smsSignature(cfg.accessKeySecret, params) });
      const res = await fetch(cfg.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const answer = (await res.json().catch(() => ({}))) as { Code?: string; Message?: string };
      if (!res.ok || answer.Code !== 'OK') throw new Error(`SMS API answered ${res.status} ${String(answer.Code ?? '')} ${String(answer.Message ?? '')}`.trim());
    },
  };
}
