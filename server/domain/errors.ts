// Refusals from the domain. Each code is stable: clients switch on it. HTTP status lives in http/errors.ts.
export const DOMAIN_ERRORS = {
  unknown_service: 'no such service in this hall',
  unknown_window: 'no such window in this hall',
  unknown_ticket: 'no such ticket today',
  lane_not_offered: 'this hall does not offer that lane',
  lane_not_allowed: 'this lane cannot be issued this way',
  service_not_at_window: 'this window does not serve that service',
  lane_not_at_window: 'this window does not take that lane',
  window_paused: 'the window is paused',
  window_closed: 'the window is closed',
  window_already_open: 'the window is already open',
  window_already_paused: 'the window is already paused',
  window_not_paused: 'the window is not paused',
  window_already_closed: 'the window is already closed',
  no_current_ticket: 'the window has no current ticket',
  ticket_not_waiting: 'the ticket is not waiting',
  ticket_not_called: 'the ticket has not been called (or was already started)',
  ticket_not_no_show: 'only a no-show ticket can be reactivated',
  grace_period_over: 'the no-show grace period is over',
  ticket_closed: 'the ticket is already closed',
  transfer_target_missing: 'a transfer names a service or a window',
  daily_numbers_exhausted: 'this service has issued 999 numbers today',
  just_called: 'the current ticket was called moments ago; press next again once the visitor had time to come',
  on_site_cap_reached: 'the hall has issued its walk-in numbers for this hour',
} as const;

export type DomainErrorCode = keyof typeof DOMAIN_ERRORS;

export class DomainError extends Error {
  override name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string = DOMAIN_ERRORS[code],
  ) {
    super(message);
  }
}
