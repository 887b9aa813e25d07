// How a display's live connection behaves when the server is away or refuses it (restarting,
// overloaded: a node at its critical load refuses new connections): it tries again by itself, soon
// at first, then at most every few seconds, so a hall of displays does not hammer a node that is
// struggling and comes back within seconds once it can take them. Shared by the pages
// (hall-controller.ts) and the test that checks a refused display comes back.
export const DISPLAY_CONNECTION = {
  // WebSocket first (calls show sooner); fall back to long-polling behind proxies that block it.
  transports: ['websocket', 'polling'],
  tryAllTransports: true,
  reconnectionDelay: 300,
  reconnectionDelayMax: 3_000,
} as const;
