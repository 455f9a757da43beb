import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_CODES_BY_CONTEXT } from '@bti/domain';

const WEB = join(__dirname, '../../apps/web/src');
const LANGUAGES = ['nb', 'nn', 'en'];

type Messages = { [key: string]: string | Messages };

const read = (path: string): Messages => JSON.parse(readFileSync(path, 'utf8')) as Messages;

/** Every key of a message file, as dotted paths, with the interpolations each string asks for. */
function keys(messages: Messages, prefix = ''): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string')
      found.set(path, [...value.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort());
    else for (const [k, v] of keys(value, path)) found.set(k, v);
  }
  return found;
}

/** The message sets: shared/messages/{nb,nn,en}.json, errors.*.json, and each persona's. */
function messageSets(): { name: string; files: Record<string, string> }[] {
  const shared = join(WEB, 'shared/messages');
  const sets = [
    {
      name: 'shared',
      files: Object.fromEntries(LANGUAGES.map((l) => [l, join(shared, `${l}.json`)])),
    },
    {
      name: 'errors',
      files: Object.fromEntries(LANGUAGES.map((l) => [l, join(shared, `errors.${l}.json`)])),
    },
  ];
  for (const persona of readdirSync(join(WEB, 'personas'), { withFileTypes: true })) {
    if (!persona.isDirectory()) continue;
    const folder = join(WEB, 'personas', persona.name, 'messages');
    sets.push({
      name: persona.name,
      files: Object.fromEntries(LANGUAGES.map((l) => [l, join(folder, `${l}.json`)])),
    });
  }
  return sets;
}

describe('the web app’s words', () => {
  it.each(messageSets().map((set) => [set.name, set.files] as const))(
    '%s: bokmål, nynorsk and English have the same keys, each with the same placeholders, none empty',
    (_name, files) => {
      const [nb, ...others] = LANGUAGES.map((l) => keys(read(files[l])));
      for (const other of others) expect(Object.fromEntries(other)).toEqual(Object.fromEntries(nb));
      for (const l of LANGUAGES)
        for (const [key, value] of Object.entries(flat(read(files[l]))))
          expect({ key, empty: value.trim() === '' }).toEqual({ key, empty: false });
    },
  );

  it('says every code the API answers with in plain words', () => {
    const codes = read(join(WEB, 'shared/messages/errors.nb.json')).codes as Messages;
    const http = [
      'APPEND_TOO_LARGE',
      'BAD_REQUEST',
      'BODY_TOO_DEEP',
      'BODY_TOO_LARGE',
      'COMMAND_ID_REUSED',
      'FAMILY_ERASED',
      'INTERNAL',
      'INVALID_APPEND',
      'INVALID_JSON',
      'INVALID_TOKEN',
      'LOG_RESTRICTED',
      'NOT_FOUND',
      'NOT_YOUR_MUNICIPALITY',
      'NO_ACCESS_POLICY',
      'RATE_LIMITED',
      'READ_MODEL_BEHIND',
      'READ_MODELS_REBUILDING',
      'ROLE_NOT_ALLOWED',
      'SIGN_IN_UNAVAILABLE',
      'STAFF_NOT_REGISTERED',
      'STREAM_DELETED',
      'STREAM_NOT_FOUND',
      'UNAUTHENTICATED',
      'UNSUPPORTED_MEDIA_TYPE',
      'VALIDATION_FAILED',
      'WRONG_EXPECTED_REVISION',
      'DEMO_PERSON_NOT_FOUND',
      'DEMO_ROLE_MISMATCH',
    ];
    const domain = Object.values(RULE_CODES_BY_CONTEXT).flat();
    expect([...new Set([...http, ...domain])].filter((code) => !(code in codes))).toEqual([]);
  });
});

function flat(messages: Messages, prefix = ''): Record<string, string> {
  return Object.fromEntries(
    Object.entries(messages).flatMap(([key, value]) => {
      const path = prefix ? `${prefix}.${key}` : key;
      return typeof value === 'string' ? [[path, value]] : Object.entries(flat(value, path));
    }),
  );
}
