// Applications (办件) on the applications stream (streams.applications, server/store/streams.ts):
// received at a window (收件), approved, returned for correction (补正) or refused in the back office,
// then picked up at the pickup window (出件) or mailed free of charge (免费邮寄).
import type { Visitor } from '../domain/types.ts';
import type { StreamEvent } from '../engine/stream-engine.ts';
import type { StreamTypes } from '../store/streams.ts';

/**
 * received: with the back office; returned: waiting for the visitor's corrections; approved: the
 * result is ready; refused: not granted (with a reason); picked_up / mailed: the result went out.
 */
export type ApplicationStatus = 'received' | 'returned' | 'approved' | 'refused' | 'picked_up' | 'mailed';
export const OPEN_STATUSES: readonly ApplicationStatus[] = ['received', 'returned'];

export interface Material {
  zh: string;
  en: string;
  copies?: number;
  original?: boolean;
}

/** How the result reaches the visitor, chosen at the window. */
export type Delivery = { type: 'pickup' } | { type: 'mail'; address: string };

/** One step of the record: who did what, when. */
export interface Step {
  type: 'received' | 'returned' | 'resubmitted' | 'approved' | 'refused' | 'picked_up' | 'mailed';
  at: number;
  by: string;
  note?: string;
}

export interface Application {
  id: string;
  /** Hall code + local date + 4 digits: printed on the receipt, the key of /a/<receipt>. */
  receipt: string;
  serviceId: string;
  windowId?: string;
  ticketId?: string;
  ticketNumber?: string;
  /** The ticket came through the green channel (绿色通道). */
  green?: boolean;
  materials: Material[];
  company?: string;
  /** Personal data for the record and the handover; never on public screens, events or logs. */
  visitor?: Visitor;
  delivery: Delivery;
  /** Local day of receipt and the promised day (承诺时限), both YYYY-MM-DD. */
  receivedDay: string;
  workingDays: number;
  promisedDate: string;
  status: ApplicationStatus;
  receivedAt: number;
  receivedBy: string;
  /** What is missing when returned for correction (补正). */
  missing?: Material[];
  returnNote?: string;
  refusalReason?: string;
  /** When approved or refused (办结), and its local day. */
  decidedAt?: number;
  decidedDay?: string;
  courier?: string;
  trackingNumber?: string;
  handedOverAt?: number;
  /** The last number the kiosk gave for collecting this result (a scan repeats it while it waits). */
  pickupTicket?: { ticketId: string; number: string };
  steps: Step[];
}

export type NewApplication = Omit<Application, 'status' | 'steps'>;

export type ApplicationEvent =
  | StreamEvent<'application:received', { application: NewApplication }>
  | StreamEvent<'application:returned', { applicationId: string; missing: Material[]; note?: string; by: string }>
  | StreamEvent<'application:resubmitted', { applicationId: string; materials: Material[]; by: string }>
  | StreamEvent<'application:approved', { applicationId: string; day: string; note?: string; by: string }>
  | StreamEvent<'application:refused', { applicationId: string; day: string; reason: string; by: string }>
  | StreamEvent<'application:mailed', { applicationId: string; courier: string; trackingNumber: string; by: string }>
  | StreamEvent<'application:picked-up', { applicationId: string; by: string }>
  | StreamEvent<'application:pickup-ticket-issued', { applicationId: string; ticketId: string; number: string }>
  | StreamEvent<'consultation:logged', { consultation: Consultation }>;

/** A phone consultation (电话咨询) the triage desk logged with one key: which service, how long. */
export interface Consultation {
  serviceId: string;
  minutes: number;
  /** Local day it was logged (YYYY-MM-DD). */
  day: string;
  at: number;
  by: string;
}

type Register = Omit<NewApplication, 'id' | 'receipt' | 'receivedAt' | 'receivedBy'> & { type: 'register'; hallCode: string; by: string };

export type ApplicationCommand =
  | Register
  | { type: 'return'; applicationId: string; missing: Material[]; note?: string; by: string }
  | { type: 'resubmit'; applicationId: string; materials: Material[]; by: string }
  | { type: 'approve'; applicationId: string; day: string; note?: string; by: string }
  | { type: 'refuse'; applicationId: string; day: string; reason: string; by: string }
  | { type: 'mail'; applicationId: string; courier: string; trackingNumber: string; by: string }
  | { type: 'pickUp'; applicationId: string; by: string }
  | { type: 'recordPickupTicket'; applicationId: string; ticketId: string; number: string }
  | { type: 'logConsultation'; serviceId: string; minutes: number; day: string; by: string };

export interface ApplicationState {
  applications: Record<string, Application>;
  /** Receipt → application id. */
  byReceipt: Record<string, string>;
  /** Last receipt sequence per local day, so receipt numbers never repeat in a hall. */
  lastNumber: Record<string, number>;
  /** Phone consultations in the order logged (absent in snapshots taken before they existed). */
  consultations?: Consultation[];
}

declare module '../store/streams.ts' {
  interface FeatureStreamTypes {
    applications: StreamTypes<ApplicationEvent, ApplicationState>;
  }
}
