// The card-reader bridge protocol (README.md here): what the reader's local driver service sends the
// browser over ws://127.0.0.1:<port>. One file for the fake reader and the pages.

export const DEFAULT_CARD_READER_PORT = 47810;

/** A second-generation resident ID card as the reader reads it (dates YYYY-MM-DD). */
export interface IdCard {
  name: string;
  sex: '男' | '女';
  birthDate: string;
  idNumber: string;
  address: string;
  authority: string;
  validFrom: string;
  /** YYYY-MM-DD, or 长期 for a card valid for life. */
  validTo: string;
}

export type ReaderMessage =
  | ({ type: 'card' } & IdCard)
  | { type: 'removed' }
  | { type: 'status'; reader: 'ready' | 'no-reader' };

/** A message from the bridge, or undefined when it is not one (a page ignores what it does not know). */
export function parseReaderMessage(text: string): ReaderMessage | undefined {
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!m || typeof m !== 'object') return undefined;
  const o = m as Record<string, unknown>;
  if (o.type === 'removed') return { type: 'removed' };
  if (o.type === 'status' && (o.reader === 'ready' || o.reader === 'no-reader')) return { type: 'status', reader: o.reader };
  const fields = ['name', 'sex', 'birthDate', 'idNumber', 'address', 'authority', 'validFrom', 'validTo'] as const;
  if (o.type === 'card' && fields.every((f) => typeof o[f] === 'string')) return o as ReaderMessage;
  return undefined;
}
