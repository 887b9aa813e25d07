// The text LED bar frame (documented in README.md):
//
//   STX  ADDR  CMD  LEN_HI LEN_LO  PAYLOAD...  SUM  ETX
//   0x02 1 B   1 B  2 B, big-endian payload length  XOR of ADDR..PAYLOAD  0x03
//
// CMD 0x31 SHOW: payload = MODE (0x00 steady, 0x01 flash) then GBK text, lines split by 0x0A.
// CMD 0x30 CLEAR: no payload.  CMD 0x06 ACK (controller → bridge): no payload.
// The length field, not a scan for ETX, delimits the payload, so any GBK byte may appear in it.
import iconv from 'iconv-lite';

export const STX = 0x02;
export const ETX = 0x03;
export const CMD = { SHOW: 0x31, CLEAR: 0x30, ACK: 0x06 } as const;
export type LedMode = 'steady' | 'flash';

export interface LedFrame {
  address: number;
  command: number;
  payload: Buffer;
}

export function checksum(bytes: Buffer): number {
  let x = 0;
  for (const b of bytes) x ^= b;
  return x;
}

export function encodeFrame(f: LedFrame): Buffer {
  if (f.payload.length > 0xffff) throw new Error('LED frame payload too long');
  const body = Buffer.concat([Buffer.from([f.address & 0xff, f.command & 0xff, f.payload.length >> 8, f.payload.length & 0xff]), f.payload]);
  return Buffer.concat([Buffer.from([STX]), body, Buffer.from([checksum(body), ETX])]);
}

export function showFrame(address: number, lines: string[], mode: LedMode = 'steady'): Buffer {
  const text = iconv.encode(lines.join('\n'), 'gbk');
  return encodeFrame({ address, command: CMD.SHOW, payload: Buffer.concat([Buffer.from([mode === 'flash' ? 1 : 0]), text]) });
}

export function clearFrame(address: number): Buffer {
  return encodeFrame({ address, command: CMD.CLEAR, payload: Buffer.alloc(0) });
}

export type DecodeResult = { frame: LedFrame; used: number } | { error: string; used: number } | undefined;

/** Decodes the first frame in buf; undefined when more bytes are needed. Garbage before STX is skipped. */
export function decodeFrame(buf: Buffer): DecodeResult {
  const start = buf.indexOf(STX);
  if (start < 0) return buf.length ? { error: 'no STX', used: buf.length } : undefined;
  if (start > 0) return { error: `${start} bytes before STX`, used: start };
  if (buf.length < 5) return undefined;
  const len = (buf[3]! << 8) | buf[4]!;
  const total = 1 + 4 + len + 2;
  if (buf.length < total) return undefined;
  const body = buf.subarray(1, 5 + len);
  if (buf[total - 1] !== ETX) return { error: 'missing ETX', used: 1 };
  if (checksum(body) !== buf[total - 2]) return { error: 'bad checksum', used: total };
  return { frame: { address: buf[1]!, command: buf[2]!, payload: Buffer.from(buf.subarray(5, 5 + len)) }, used: total };
}

export function decodeShow(payload: Buffer): { mode: LedMode; lines: string[] } {
  return { mode: payload[0] === 1 ? 'flash' : 'steady', lines: iconv.decode(payload.subarray(1), 'gbk').split('\n') };
}
