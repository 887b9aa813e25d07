// Staff accounts, device tokens and attendance: the nouns, commands and events of the staff streams.
import type { Role } from '../config/schema.ts';
import type { StreamEvent } from '../engine/stream-engine.ts';
import type { StreamTypes } from '../store/streams.ts';

/** Roles a person may hold (kiosks and displays are devices, not people). */
export const STAFF_ROLES = ['admin', 'triage', 'clerk', 'approver', 'manager'] as const satisfies readonly Role[];
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface Account {
  id: string;
  /** 工号: what a person types to sign in, unique in the deployment. */
  staffNumber: string;
  name: string;
  /** An image URL (or data: URL) shown on the window display and the console. */
  photo?: string;
  roles: StaffRole[];
  /** Halls the person works in; empty for every hall (admins, managers of a district). */
  halls: string[];
  /** For approvers: the services they answer; every service when absent. */
  services?: string[];
  /** argon2id PHC string; never leaves the server. */
  passwordHash: string;
  passwordChangedAt: number;
  disabled: boolean;
  /** Locked after too many failed sign-ins, until an admin unlocks it. */
  locked: boolean;
  failures: number;
  createdAt: number;
  /** Seeded by demo mode (refused in production). */
  demo?: boolean;
}

export const DEVICE_ROLES = ['kiosk', 'display', 'triage', 'clerk', 'approver', 'admin'] as const satisfies readonly Role[];
export type DeviceRole = (typeof DEVICE_ROLES)[number];

export interface DeviceToken {
  id: string;
  /** The device's name: kiosk-1, wall-east, led-bridge, voice-agent. */
  name: string;
  role: DeviceRole;
  hall?: string;
  /** The desk whose printer prints its tickets. */
  desk?: string;
  windows?: string[];
  /** sha-256 (hex) of the token: the token itself is printed once and never stored. */
  hash: string;
  createdAt: number;
  revokedAt?: number;
}

export interface AccountsState {
  accounts: Record<string, Account>;
  /** staffNumber → account id. */
  byNumber: Record<string, string>;
  devices: Record<string, DeviceToken>;
  /** token hash → device id. */
  byHash: Record<string, string>;
  lastAt: number;
}

export type AccountFields = Pick<Account, 'staffNumber' | 'name' | 'roles' | 'halls'> & Partial<Pick<Account, 'photo' | 'services' | 'demo'>>;

export type AccountCommand =
  | ({ type: 'add'; passwordHash: string } & AccountFields)
  | { type: 'edit'; id: string; changes: Partial<Omit<AccountFields, 'staffNumber' | 'demo'>> }
  | { type: 'setPassword'; id: string; passwordHash: string }
  | { type: 'disable'; id: string }
  | { type: 'enable'; id: string }
  /** A failed sign-in; locks the account at `lockAfter` failures in a row. */
  | { type: 'failSignIn'; id: string; lockAfter: number }
  /** A good sign-in clears the failure count. */
  | { type: 'succeedSignIn'; id: string }
  | { type: 'unlock'; id: string }
  | ({ type: 'addDevice' } & Omit<DeviceToken, 'id' | 'createdAt' | 'revokedAt'>)
  | { type: 'revokeDevice'; id: string };

type E<T extends string, D> = StreamEvent<T, D>;
export type AccountEvent =
  | E<'staff:added', { account: Omit<Account, 'disabled' | 'locked' | 'failures' | 'passwordChangedAt'> }>
  | E<'staff:changed', { id: string; changes: Partial<Omit<AccountFields, 'staffNumber' | 'demo'>> }>
  | E<'staff:password-changed', { id: string; passwordHash: string }>
  | E<'staff:disabled', { id: string }>
  | E<'staff:enabled', { id: string }>
  | E<'staff:sign-in-failed', { id: string }>
  | E<'staff:sign-in-succeeded', { id: string }>
  | E<'staff:locked', { id: string; failures: number }>
  | E<'staff:unlocked', { id: string }>
  | E<'device:added', { device: Omit<DeviceToken, 'revokedAt'> }>
  | E<'device:revoked', { id: string }>;

/** Why a session ended. */
export type SignOutReason = 'person' | 'end_of_day' | 'admin' | 'replaced' | 'disabled';

export interface Session {
  id: string;
  staffId: string;
  staffNumber: string;
  name: string;
  /** The window signed in at; none for a desk or an office sign-in. */
  windowId?: string;
  serviceDay: string;
  signedInAt: number;
  expiresAt: number;
  signedOutAt?: number;
  reason?: SignOutReason;
}

export interface AttendanceState {
  /** Sessions by id: open ones and those ended (kept so a signed token of an ended session is refused). */
  sessions: Record<string, Session>;
  /** windowId → id of the session open there. */
  atWindow: Record<string, string>;
  lastAt: number;
}

export type AttendanceCommand =
  | { type: 'signIn'; session: Omit<Session, 'signedOutAt' | 'reason'> }
  | { type: 'signOut'; sessionId: string; reason: SignOutReason }
  /** Ends every session of a person (account disabled, signed out by an admin). */
  | { type: 'signOutPerson'; staffId: string; reason: SignOutReason }
  /** Ends the sessions of days before `serviceDay` (the hall's new day started). */
  | { type: 'endDay'; serviceDay: string };

export type AttendanceEvent =
  | E<'staff:signed-in', { session: Omit<Session, 'signedOutAt' | 'reason'> }>
  | E<'staff:signed-out', { sessionId: string; staffId: string; windowId?: string; reason: SignOutReason }>;

declare module '../store/streams.ts' {
  interface FeatureStreamTypes {
    staffAccounts: StreamTypes<AccountEvent, AccountsState>;
    attendance: StreamTypes<AttendanceEvent, AttendanceState>;
  }
}
