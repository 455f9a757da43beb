import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isUUID } from 'class-validator';
import { headerCount } from '@bti/access';
import { listedFields } from './validation';

/** The most nested a command body may be: the deepest DTO is four levels; 32 leaves room, not recursion. */
export const MAX_BODY_DEPTH = 32;

/** More fields than any DTO has by far: a body of thousands is refused before it is validated. */
export const MAX_FIELDS_PER_OBJECT = 200;

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

/** A field holding one id (`commandId`, `familyId`, `id`) or a list of them (`logIds`). */
const ID_FIELD = /(?:^id|Id)$/;
const IDS_FIELD = /Ids$/;

const lowerIfUuid = (value: unknown) =>
  typeof value === 'string' && isUUID(value) ? value.toLowerCase() : value;

/**
 * Each value of a body in one form: text in Unicode NFC (a name typed on a Mac comes decomposed,
 * and the same name in two forms was two names), and a UUID in an id field in lower case (a UUID
 * has no case, but one written in capitals made a second concern, or a second child, with the
 * "same" id — found from outside).
 */
export function canonicalValue(key: string, value: unknown): unknown {
  if (typeof value === 'string') {
    const text = value.normalize('NFC');
    return ID_FIELD.test(key) ? lowerIfUuid(text) : text;
  }
  if (Array.isArray(value) && IDS_FIELD.test(key)) return value.map(lowerIfUuid);
  return value;
}

/** An object being read (with the keys it has had) or an array (with the item it is at). */
interface Frame {
  readonly keys: Set<string> | null;
  key: string;
  expectKey: boolean;
  index: number;
}

const fieldOf = (frames: readonly Frame[], key: string) =>
  frames
    .slice(0, -1)
    .reduce(
      (path, frame) =>
        frame.keys ? (path ? `${path}.${frame.key}` : frame.key) : `${path}[${frame.index}]`,
      '',
    ) + (frames.length > 1 ? `.${key}` : key);

/**
 * The fields of a valid JSON text that give a key twice in one object. JSON.parse keeps the last, so
 * `"commandId"` twice was one command to this service and maybe another to a proxy reading the
 * first (found from outside); a key is compared as it reads, escapes decoded.
 */
export function duplicateKeys(text: string): string[] {
  const found: string[] = [];
  const frames: Frame[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      let end = i + 1;
      while (text.charCodeAt(end) !== 0x22) end += text.charCodeAt(end) === 0x5c /* \ */ ? 2 : 1;
      const frame = frames[frames.length - 1];
      if (frame?.keys && frame.expectKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (frame.keys.has(key)) found.push(fieldOf(frames, key).replace(/^\./, ''));
        frame.keys.add(key);
        frame.key = key;
        frame.expectKey = false;
      }
      i = end;
    } else if (c === 0x7b /* { */)
      frames.push({ keys: new Set(), key: '', expectKey: true, index: 0 });
    else if (c === 0x5b /* [ */) frames.push({ keys: null, key: '', expectKey: false, index: 0 });
    else if (c === 0x7d /* } */ || c === 0x5d /* ] */) frames.pop();
    else if (c === 0x2c /* , */) {
      const frame = frames[frames.length - 1];
      if (frame?.keys) frame.expectKey = true;
      else if (frame) frame.index += 1;
    }
  }
  return found;
}

/**
 * Control characters (C0 other than tab and line breaks, DEL, C1) and halves of a surrogate pair:
 * JSON can carry them (`\u0000`, `\ud800`), but no one writes them in a name or a note, and a lone
 * surrogate was stored as U+FFFD — the text read back was not the text sent (found from outside).
 */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const NOT_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

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
    const keys = Object.keys(value);
    if (keys.length > MAX_FIELDS_PER_OBJECT) {
      // Every one would be validated and listed: seconds of work for one request.
      found.push({
        field: path || 'body',
        reasons: [`${path || 'the body'} has more than ${MAX_FIELDS_PER_OBJECT} fields`],
      });
      return;
    }
    for (const key of keys) {
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
      // Node keeps the first of two Content-Type headers; a proxy may act on the second: a body
      // whose type is told twice is not read as either (found from outside).
      if (headerCount(request.raw.rawHeaders, 'content-type') > 1) {
        done(new BodyRefused(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send one Content-Type header'));
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
        body = JSON.parse(json, canonicalValue);
      } catch {
        done(new BodyRefused(400, 'INVALID_JSON', 'The body is not valid JSON'));
        return;
      }
      if (body === null || typeof body !== 'object' || Array.isArray(body)) {
        done(new BodyRefused(400, 'INVALID_JSON', 'The body must be a JSON object'));
        return;
      }
      const found = duplicateKeys(json).map((field) => ({
        field,
        reasons: [`${field} must be given once`],
      }));
      unreadableFields(body, '', found);
      if (found.length > 0) {
        const { message, fields } = listedFields(found);
        done(new BodyRefused(400, 'VALIDATION_FAILED', message, fields));
        return;
      }
      done(null, body);
    },
  );
  // Any other media type with a body: Fastify raises FST_ERR_CTP_INVALID_MEDIA_TYPE (415), which
  // the error filter answers in the shape of every other error.
}
