// The assist feature's live contract: the private consoles namespace, shared by the server, the
// back office and the clerk's assist panel.
import type { AssistRequest } from './types.ts';

// On their own namespace, CONSOLE_NAMESPACE, which only a clerk, approver or admin token may join
// (handshake `auth.token`); public displays on the default namespace never receive them. They carry
// the visitor's company for the back office, so they must stay off public rooms.
export type { AssistMessage, AssistRequest } from './types.ts';

export const CONSOLE_NAMESPACE = '/consoles';

export interface ConsoleHandshakeAuth {
  /** A clerk, approver or admin bearer token. */
  token: string;
  /** Hall id; the deployment's default hall when absent. */
  hall?: string;
}

export interface AssistLiveEvent {
  /** Seq in the hall's assist stream; increases by one per event. */
  eventId: number;
  hallId: string;
  at: number;
  request: AssistRequest;
}

export type ConsoleServerToClientEvents = {
  /** On connect: the requests this console may see that are still open or in progress. */
  'assist:snapshot': (s: { hallId: string; eventId: number; requests: AssistRequest[]; you: { role: string; name: string } }) => void;
  /** To the approvers of the service, the asking window and admins. */
  'assist:requested': (e: AssistLiveEvent) => void;
  'assist:accepted': (e: AssistLiveEvent) => void;
  /** To the asking window, the approver who accepted, and admins. */
  'assist:message': (e: AssistLiveEvent) => void;
  'assist:answered': (e: AssistLiveEvent) => void;
  'assist:withdrawn': (e: AssistLiveEvent) => void;
};
export type AssistEventName = Exclude<keyof ConsoleServerToClientEvents, 'assist:snapshot'>;
