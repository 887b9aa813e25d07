// The staff feature's streams, named in one place (the lead moves these into the store's stream list).
export const STAFF_STREAMS = {
  /** Deployment-wide: staff accounts and device tokens. ':' cannot occur in a hall id, so it never
   * collides with a hall's own streams (`<hallId>`, `<hallId>/cases`, …). */
  accounts: 'staff:accounts',
  /** Per hall: sign-in and sign-out at windows and desks (attendance, 签到/签退), with the session id. */
  attendance: (hallId: string) => `${hallId}/attendance`,
} as const;

/** The envelope's hallId on the deployment-wide accounts stream. */
export const DEPLOYMENT = '*';
