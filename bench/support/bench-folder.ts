import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A temporary folder for a bench's stores, removed when the bench's process exits — also when it is
 * stopped halfway (Ctrl-C, or its output piped into `head`): a copied 100,000-child log is gigabytes.
 */
export function benchFolder(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
