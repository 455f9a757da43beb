import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Every way the code could have written a value down: UTF-8 (JSON and SQLite text), UTF-16, base64, hex, \u escapes. */
export function encodings(value: string): Buffer[] {
  const utf8 = Buffer.from(value, 'utf8');
  const escaped = value.replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return [
    utf8,
    Buffer.from(value, 'utf16le'),
    Buffer.from(utf8.toString('base64')),
    Buffer.from(utf8.toString('base64url')),
    Buffer.from(utf8.toString('hex')),
    Buffer.from(escaped),
  ];
}

/**
 * The folder's files as they are now, copied by another process. Opened and closed by this one, a
 * file its SQLite connections hold would lose their POSIX locks (SQLite's documented pitfall), and a
 * build child opening the store next could take the WAL index for its own and reset it under them:
 * this process then dies of SIGBUS.
 */
function copiedElsewhere(dir: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'bti-erasure-scan-'));
  const copied = spawnSync(
    process.execPath,
    [
      '-e',
      `const fs = require('fs'), path = require('path');
       const [from, to] = process.argv.slice(1);
       for (const name of fs.readdirSync(from)) fs.copyFileSync(path.join(from, name), path.join(to, name));`,
      dir,
      copy,
    ],
    { encoding: 'utf8' },
  );
  if (copied.status !== 0) throw new Error(`copying ${dir} failed: ${copied.stderr}`);
  return copy;
}

/** Which values (by index) occur, in any encoding, in any file of the folder. */
export function valuesInFiles(dir: string, values: readonly (string | Buffer)[]): string[] {
  const found: string[] = [];
  const copy = copiedElsewhere(dir);
  const files = readdirSync(copy).map((name) => ({ name, bytes: readFileSync(join(copy, name)) }));
  rmSync(copy, { recursive: true, force: true });
  values.forEach((value, index) => {
    const forms = typeof value === 'string' ? encodings(value) : [value];
    for (const file of files)
      if (forms.some((form) => file.bytes.includes(form))) found.push(`${index}@${file.name}`);
  });
  return found;
}
