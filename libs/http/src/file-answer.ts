import type { FastifyReply } from 'fastify';

const CONTENT_TYPES = {
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  ics: 'text/calendar; charset=utf-8',
} as const;

/**
 * Answers with a document to keep: its type and file name, downloaded (`attachment`) or shown in the
 * browser (`inline`). Set on the success path only, so that a refusal still goes out as JSON.
 */
export function answerAsFile(
  reply: FastifyReply,
  baseName: string,
  kind: keyof typeof CONTENT_TYPES,
  disposition: 'attachment' | 'inline' = 'attachment',
): void {
  void reply.header('Content-Type', CONTENT_TYPES[kind]);
  void reply.header('Content-Disposition', `${disposition}; filename="${baseName}.${kind}"`);
}
