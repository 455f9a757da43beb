/**
 * Whether a text says nothing: empty, spaces, or only the invisible characters a paste brings along
 * (zero-width space and joiners, word joiner, BOM) — `trim()` keeps those, and a note of one
 * zero-width space was taken as written (found from outside).
 */
export function isBlank(text: string | null | undefined): boolean {
  return text === null || text === undefined || /^[\s\u200b-\u200d\u2060\ufeff]*$/.test(text);
}
