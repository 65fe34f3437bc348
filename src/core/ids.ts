import { createHash, randomUUID } from 'node:crypto';

/** Namespace for ids derived from client-supplied command ids (RFC 4122 name-based, SHA-1). */
const NAMESPACE = Buffer.from('6f2c1d0a9b8e4c7d8a5f3e2d1c0b9a87', 'hex');

export function uuidFromName(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest();
  const b = Buffer.from(hash.subarray(0, 16));
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The i-th event a command writes: the same command always yields the same ids, so a retry cannot write twice. */
export function eventIdFor(commandId: string, index: number): string {
  return uuidFromName(`event:${commandId}:${index}`);
}

export function newId(): string {
  return randomUUID();
}
