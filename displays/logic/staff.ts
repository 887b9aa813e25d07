// How screens show the person at a window, as halls do: name and staff number (工号).
import type { WindowStaffEvent } from '../../server/realtime/contract.ts';

export type StaffOnDuty = NonNullable<WindowStaffEvent['staff']>;

/** "张伟 工号1001". */
export function staffLine(s: StaffOnDuty): string {
  return `${s.name} 工号${s.staffNumber}`;
}
