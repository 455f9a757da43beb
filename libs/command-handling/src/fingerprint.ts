import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level, so the same data always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort()
      .map(
        (key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`,
      );
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * What a command asked for: its stream, its type and payload, and who sent it — not when, so a retry
 * of the same change matches and the same commandId carrying another change does not.
 */
export function commandFingerprint(
  stream: string,
  command: object,
  actor: { subject: string; role: string },
): string {
  return createHash('sha256')
    .update(canonicalJson({ stream, command, actor: { subject: actor.subject, role: actor.role } }))
    .digest('base64url');
}
