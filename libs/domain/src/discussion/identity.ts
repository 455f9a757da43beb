/**
 * Finds what would identify a person in free text that must stay anonymous: a Norwegian national
 * identity number (fødselsnummer), a D-number or an H-number — 11 digits whose first six are a
 * date (day + 40 for a D-number, month + 40 for an H-number) and whose last two are the mod-11 check
 * digits — or the name of a registered family member. Pure: the caller supplies the names.
 *
 * It says which rule matched, never what matched: the value must not be echoed back or logged.
 */
export type IdentityRule =
  'national_identity_number' | 'd_number' | 'h_number' | 'family_member_name';

const WEIGHTS_1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const WEIGHTS_2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

function checkDigit(digits: readonly number[], weights: readonly number[]): number | null {
  const sum = weights.reduce((total, weight, i) => total + weight * digits[i], 0);
  const digit = 11 - (sum % 11);
  if (digit === 11) return 0;
  return digit === 10 ? null : digit;
}

function validDayOfMonth(day: number, month: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // The year cannot be told from six digits for certain; 29 February is allowed.
  const days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= days;
}

/** Which kind of identity number these 11 digits are, or null when they are not a valid one. */
export function identityNumberKind(
  value: string,
): Exclude<IdentityRule, 'family_member_name'> | null {
  if (!/^\d{11}$/.test(value)) return null;
  const digits = [...value].map(Number);
  const k1 = checkDigit(digits, WEIGHTS_1);
  if (k1 === null || k1 !== digits[9]) return null;
  const k2 = checkDigit(digits, WEIGHTS_2);
  if (k2 === null || k2 !== digits[10]) return null;
  let day = Number(value.slice(0, 2));
  let month = Number(value.slice(2, 4));
  let kind: Exclude<IdentityRule, 'family_member_name'> = 'national_identity_number';
  if (day > 40) {
    day -= 40;
    kind = 'd_number';
  } else if (month > 40 && month <= 52) {
    month -= 40;
    kind = 'h_number';
  } else if (month > 80 && month <= 92) {
    // Synthetic numbers of the national test registry (Tenor): identity-shaped all the same.
    month -= 80;
  }
  return validDayOfMonth(day, month) ? kind : null;
}

/**
 * Letters of other scripts drawn like Latin ones: a Cyrillic "Ѕ" makes "Ѕigrun" look like the name
 * and read as another word (found from outside).
 */
const LOOKALIKES: Readonly<Record<string, string>> = {
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  Ѕ: 'S',
  І: 'I',
  Ј: 'J',
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  у: 'y',
  х: 'x',
  ѕ: 's',
  і: 'i',
  ј: 'j',
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
  ο: 'o',
  ι: 'i',
};
const LOOKALIKE = new RegExp(`[${Object.keys(LOOKALIKES).join('')}]`, 'gu');

/**
 * A text as it reads, whatever it is made of: compatibility forms folded (full-width letters and
 * digits), characters that show nothing removed (zero-width spaces, soft hyphens, joiners), accents
 * and other marks dropped (but å's ring), look-alike letters of other scripts read as Latin. A name
 * or a number written with any of these passed as another word (found from outside: "Sig\u00adrun",
 * "Sigrun\u0301", "Ｓigrun", "Ѕigrun", "150512\u200b10120"). Names and texts are compared in
 * this form alike, so "José" and "Jose" are one name to the check — it errs towards refusing.
 */
export function comparable(text: string): string {
  return (
    text
      .normalize('NFKD')
      // Every mark but the ring of å (a mark once decomposed): "Åse" stays "Åse".
      .replace(/\p{Cf}|(?!\u030a)\p{M}/gu, '')
      .replace(LOOKALIKE, (letter) => LOOKALIKES[letter])
      .normalize('NFC')
  );
}

/**
 * Eleven digits, written together or with up to two characters that are neither letters nor digits
 * between them: 150512 10120, 15 05 12 10120, 150512/10120, 150512+10120, 150512, 10120 — a list of
 * separators let "+" and ", " through (found from outside). The check digits keep other numbers out.
 */
const NUMBER_CANDIDATE = /(?<!\d)\d(?:[^\p{L}\p{N}]{0,2}\d){10}(?!\d)/gu;

/** A run of letters: a hyphen or an apostrophe ends a word ("Sigrun-jenta", "Jonas' mor"). */
const WORD = /\p{L}+/gu;

function words(text: string): string[] {
  return comparable(text).match(WORD) ?? [];
}

const lower = (value: string) => value.toLocaleLowerCase('nb');

/** The parts of a name that count: its words of two letters or more. */
const nameParts = (name: string) => words(name).filter((part) => part.length >= 2);

/**
 * The key a name is found by: its first given name, lower-cased. A text can name a person only when
 * the person's key is one of its words (`wordKeys`): each way `namesPerson` matches needs the first
 * given name among the text's words. So a register of names can be asked for only the names whose
 * key a text holds, and checking those finds what checking all of them would.
 */
export function nameKey(name: string): string | null {
  const [first] = nameParts(name);
  return first === undefined ? null : lower(first);
}

/**
 * Every word of the text, lower-cased, once — and each word ending in s without it, for the
 * genitive ("Sigruns mor"): the keys of the names it could hold.
 */
export function wordKeys(text: string): string[] {
  const keys = words(text).map(lower);
  return [...new Set([...keys, ...keys.filter(isGenitive).map(withoutGenitive)])];
}

const isGenitive = (word: string) => word.length > 2 && /s$/iu.test(word);
const withoutGenitive = (word: string) => word.slice(0, -1);

/**
 * Whether `text` names this person: their whole name as consecutive words, or their given name and
 * surname anywhere in it (case-insensitive), or their first given name written as a name (with its
 * capital letter). A surname alone does not count: many are common words ("Berg", "Lie", "Dal").
 */
function namesPerson(textWords: readonly string[], name: string): boolean {
  const parts = nameParts(name);
  if (parts.length === 0) return false;
  const lowered = textWords.map(lower);
  const partsLowered = parts.map(lower);
  if (partsLowered.length >= 2) {
    for (let i = 0; i + partsLowered.length <= lowered.length; i++)
      if (partsLowered.every((part, j) => lowered[i + j] === part)) return true;
    const first = partsLowered[0];
    const last = partsLowered[partsLowered.length - 1];
    if (lowered.includes(first) && lowered.includes(last)) return true;
  }
  // The first given name written as a name: as registered, in capitals, or in the genitive.
  const first = parts[0];
  const asName = new Set([first, first.toLocaleUpperCase('nb')]);
  return textWords.some(
    (word) => asName.has(word) || (isGenitive(word) && asName.has(withoutGenitive(word))),
  );
}

export function findIdentity(
  text: string,
  familyMemberNames: Iterable<string>,
): IdentityRule | null {
  for (const [match] of comparable(text).matchAll(NUMBER_CANDIDATE)) {
    const kind = identityNumberKind(match.replace(/\D/gu, ''));
    if (kind) return kind;
  }
  const textWords = words(text);
  for (const name of familyMemberNames)
    if (namesPerson(textWords, name)) return 'family_member_name';
  return null;
}
