import { ensure } from './decider';

/**
 * What shows nothing on a screen: white space of every kind; format characters (zero-width space
 * and joiners, word joiner, BOM, soft hyphen, direction marks, invisible operators, tag characters,
 * the Mongolian vowel separator, musical-notation format marks); marks with nothing to mark (the
 * combining grapheme joiner, Khmer inherent vowels among them); the Braille blank and the Hangul
 * fillers (the last two apart: side by side they would be read as one syllable).
 */
const SHOWS_NOTHING = /^[\s\p{Z}\p{Cf}\p{M}\u2800\u3164\u1160\uffa0\u115f]*$/u;

/**
 * Whether a text says nothing: empty, or only characters that show nothing — `trim()` keeps most of
 * them, and a note of one zero-width space, a soft hyphen or a Hangul filler was taken as written,
 * as a name, a summary or a sign-in (found from outside).
 */
export function isBlank(text: string | null | undefined): boolean {
  return text === null || text === undefined || SHOWS_NOTHING.test(text);
}

/**
 * A text that may be left out says something when it is given: one of blanks or invisible characters
 * was stored as written (found from outside), where a left-out one is null. Every context that takes
 * such a text answers with its TEXT_REQUIRED.
 */
export function assertTextIfGiven(value: string | null, field: string): void {
  ensure(
    value === null || !isBlank(value),
    'TEXT_REQUIRED',
    `${field} may be left out, not blank`,
    {
      field,
    },
  );
}
