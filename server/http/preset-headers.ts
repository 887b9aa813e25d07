// The header lines every answer of the app carries (the request id, helmet's security headers, the
// Content-Security-Policy), written as one ready-made block right after the status line.
//
// Set one by one with res.setHeader (~14 headers an answer), each was validated, stored as a
// [name, value] pair in a null-prototype object that grew as a dictionary, then walked and
// concatenated again into the head: ~4 KB of garbage an answer, the largest part of what the HTTP
// side allocated for a clerk's key press (young collections were ~45% of the server's CPU). The
// block here is a few strings made once per host and two concatenations per request.
//
// The response class is handed to Node's server (server.ts: createServer({ ServerResponse })). Node
// builds every head in OutgoingMessage's _storeHeader(statusLine, headers); the block goes after the
// status line there. That method is Node's own (not documented): start() fails if it is missing,
// and security.ts sets the headers one by one on any other response (a server built without this
// class), so an answer never goes out without them.
import { ServerResponse, validateHeaderName, validateHeaderValue, type IncomingMessage } from 'node:http';

type StoreHeader = (this: ServerResponse, firstLine: string, headers: unknown) => void;
type PresetStoreHeader = (this: PresetHeadersResponse, firstLine: string, headers: unknown) => void;

const nodeStoreHeader = (ServerResponse.prototype as unknown as { _storeHeader?: StoreHeader })._storeHeader;
if (typeof nodeStoreHeader !== 'function') throw new Error("node:http has no OutgoingMessage._storeHeader: preset-headers.ts must write the app's headers another way");

export class PresetHeadersResponse<Request extends IncomingMessage = IncomingMessage> extends ServerResponse<Request> {
  /**
   * Header lines ("Name: value\r\n" each, already validated) written after the status line of the
   * final answer, before the headers set with setHeader. Empty for anything the app does not answer
   * (socket.io's long-polling answers share the server): the prototype's ''. Declared, not a class
   * field: a field made tsx write a constructor `super(...arguments); this.presetLines = ''`, whose
   * spread of `arguments` went through the iterator protocol for every request (0.7 % of an issue,
   * three times Node's own constructor); without one the class has V8's built-in default constructor.
   */
  declare presetLines: string;
}
(PresetHeadersResponse.prototype as { presetLines: string }).presetLines = '';

// A 1xx head (writeHead(103)) is not the answer: the block goes on the final one only.
(PresetHeadersResponse.prototype as unknown as { _storeHeader: PresetStoreHeader })._storeHeader = function (firstLine, headers) {
  const lines = this.statusCode >= 200 ? this.presetLines : '';
  nodeStoreHeader.call(this, lines ? firstLine + lines : firstLine, headers);
};

/** "Name: value\r\n" for the block, checked as setHeader checks a header (throws the same errors). */
export function headerLine(name: string, value: string): string {
  validateHeaderName(name);
  validateHeaderValue(name, value);
  return `${name}: ${value}\r\n`;
}

/**
 * Gives the answer these header lines: as the block on a PresetHeadersResponse (replacing what was
 * given before), else one by one with setHeader (a server built without the class).
 */
export function presetHeaders(res: ServerResponse, lines: string): void {
  if (res instanceof PresetHeadersResponse) {
    res.presetLines = lines;
    return;
  }
  for (const line of lines.split('\r\n')) {
    const colon = line.indexOf(': ');
    if (colon > 0) res.setHeader(line.slice(0, colon), line.slice(colon + 2));
  }
}
