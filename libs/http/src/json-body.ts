import type { FastifyInstance, FastifyRequest } from 'fastify';

/** The most nested a command body may be: the deepest DTO is four levels; 32 leaves room, not recursion. */
export const MAX_BODY_DEPTH = 32;

/** Keys that would reach an object's prototype, refused like any other field the DTO does not have. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A body refused before it reaches validation: wrong media type, not JSON, too deep. */
export class BodyRefused extends Error {
  constructor(
    readonly statusCode: 400 | 415,
    readonly code: string,
    message: string,
    readonly fields?: { field: string; reasons: string[] }[],
  ) {
    super(message);
    this.name = 'BodyRefused';
  }
}

/**
 * The nesting depth of a JSON text, counted without parsing it, so a body built to exhaust the stack
 * is refused before anything recursive touches it. Brackets inside strings do not count.
 */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
  }
  return deepest;
}

/**
 * Control characters other than tab and line breaks, and halves of a surrogate pair: JSON can carry
 * them (`\u0000`, `\ud800`), but no one writes them in a name or a note, and a lone surrogate
 * was stored as U+FFFD — the text read back was not the text sent (found from outside).
 */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const NOT_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Every field of a body that no DTO may take: a prototype key, or a string that is not text. */
function unreadableFields(
  value: unknown,
  path: string,
  found: { field: string; reasons: string[] }[],
): void {
  if (typeof value === 'string') {
    if (NOT_TEXT.test(value) || LONE_SURROGATE.test(value))
      found.push({
        field: path,
        reasons: [`${path} must be text without control characters or broken Unicode`],
      });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => unreadableFields(item, `${path}[${index}]`, found));
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      const field = path ? `${path}.${key}` : key;
      if (PROTOTYPE_KEYS.has(key))
        found.push({ field, reasons: [`property ${field} should not exist`] });
      else unreadableFields((value as Record<string, unknown>)[key], field, found);
    }
  }
}

/** `application/json` with no charset or UTF-8 (every charset given, if twice): the only body accepted. */
function charsetIsUtf8(contentType: string | undefined): boolean {
  const charsets = [...(contentType ?? '').matchAll(/;\s*charset\s*=\s*"?([^";\s]*)"?/gi)];
  return charsets.every((charset) => /^utf-?8$/i.test(charset[1]));
}

/** Decodes strictly: bytes that are not UTF-8 are an error, not replacement characters. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Commands accept JSON in UTF-8 and nothing else: every other media type is a 415, so a form post
 * cannot create a concern. The JSON is checked for depth before it is parsed and for prototype keys
 * after, each a 400 that names the problem; the validation pipe then sees only plain, shallow data.
 */
export function acceptJsonBodiesOnly(fastify: FastifyInstance, bodyLimit: number): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    'application/json',
    // As bytes: read as a string, a body of other bytes than UTF-8 (gzip, Latin-1) no longer
    // matched its Content-Length and was refused as a bare BAD_REQUEST before any check here.
    { parseAs: 'buffer', bodyLimit },
    (
      request: FastifyRequest,
      text: string | Buffer,
      done: (error: Error | null, body?: unknown) => void,
    ) => {
      // A body said to be compressed is read as it is by nothing here: refused as its coding is not
      // understood (RFC 9110 §15.5.16), not parsed as if plain, and not gunzipped into a bomb.
      const coding = request.headers['content-encoding'];
      if (coding !== undefined && !/^\s*identity\s*$/i.test(coding)) {
        done(
          new BodyRefused(
            415,
            'UNSUPPORTED_MEDIA_TYPE',
            'Send the body uncompressed, without Content-Encoding',
          ),
        );
        return;
      }
      if (!charsetIsUtf8(request.headers['content-type'])) {
        done(
          new BodyRefused(
            415,
            'UNSUPPORTED_MEDIA_TYPE',
            'Send the body as application/json in UTF-8',
          ),
        );
        return;
      }
      let json: string;
      try {
        json = typeof text === 'string' ? text : utf8.decode(text);
      } catch {
        done(new BodyRefused(400, 'INVALID_JSON', 'The body is not valid JSON in UTF-8'));
        return;
      }
      if (json.trim() === '') {
        done(null, undefined);
        return;
      }
      if (jsonDepth(json) > MAX_BODY_DEPTH) {
        done(
          new BodyRefused(
            400,
            'BODY_TOO_DEEP',
            `The body nests deeper than ${MAX_BODY_DEPTH} levels`,
          ),
        );
        return;
      }
      let body: unknown;
      try {
        body = JSON.parse(json);
      } catch {
        done(new BodyRefused(400, 'INVALID_JSON', 'The body is not valid JSON'));
        return;
      }
      const found: { field: string; reasons: string[] }[] = [];
      unreadableFields(body, '', found);
      if (found.length > 0) {
        done(
          new BodyRefused(400, 'VALIDATION_FAILED', 'Some fields are missing or invalid', found),
        );
        return;
      }
      done(null, body);
    },
  );
  // Any other media type with a body: Fastify raises FST_ERR_CTP_INVALID_MEDIA_TYPE (415), which
  // the error filter answers in the shape of every other error.
}
