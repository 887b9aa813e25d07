// Refusals of the staff decider, with their HTTP status and stable code.
export class StaffError extends Error {
  override name = 'StaffError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
