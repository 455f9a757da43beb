import { createHash } from 'node:crypto';

const NAMESPACE = Buffer.from('6b4c1d52a7e94f0c9a1e2d3c4b5a6978', 'hex');

/**
 * A name-based UUID (RFC 9562 version 5) under this product's namespace. The same parts always give
 * the same id: event ids derived from a commandId, and the commandId a saga derives from the event
 * that caused it, so a retry or a replay after a crash writes nothing new.
 */
export function deterministicUuid(...parts: string[]): string {
  const hash = createHash('sha1').update(NAMESPACE).update(parts.join('\u0000')).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
