// The confirmation step of a public booking, pluggable: `none` confirms at once; `sms` holds the
// place pending and sends a 6-digit code through an SMS gateway adapter; the visitor confirms with
// POST /api/appointments/:code/confirm. A deployment may hand its own BookingConfirmation to the
// plug-in (another gateway's API); the hall file's `confirmation:` block picks the built-in ones.
import type { AppointmentsConfig } from './config.ts';
import type { Booking } from './types.ts';

export interface BookingConfirmation {
  /** 'none': the booking is confirmed when made; 'sms': it is held until the code comes back. */
  readonly kind: 'none' | 'sms';
  /** Delivers the code for a pending booking to its phone; rejects when it could not. */
  send(message: { phone: string; code: string; text: string; booking: Pick<Booking, 'code' | 'date' | 'time'> }): Promise<void>;
}

export const confirmAtOnce: BookingConfirmation = {
  kind: 'none',
  send: async () => {},
};

/**
 * The SMS gateway adapter: a JSON POST { phone, code, text } to the gateway's URL; any 2xx is sent.
 * Most SMS providers' HTTP APIs take this shape through a small relay that holds their credentials.
 */
export function smsGateway(url: string, timeoutMs = 5000): BookingConfirmation {
  return {
    kind: 'sms',
    async send({ phone, code, text }) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ phone, code, text }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`);
    },
  };
}

export function confirmationFor(cfg: AppointmentsConfig): BookingConfirmation {
  return cfg.confirmation.type === 'sms' ? smsGateway(cfg.confirmation.gatewayUrl) : confirmAtOnce;
}

/** The SMS text: the code, what it is for, and how long it holds the place. */
export function confirmationText(code: string, b: Pick<Booking, 'date' | 'time'>, holdMinutes: number): string {
  return `【一窗受理】您预约 ${b.date} ${b.time} 的验证码为 ${code}，${holdMinutes} 分钟内有效。Your booking code is ${code}.`;
}
