import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteKeyStore } from './personal-data/key-store';
import { PositionTokens } from './position-tokens';

describe('position tokens', () => {
  const tokens = PositionTokens.ephemeral();

  it('opens what it sealed, at every size of position, and seals one position one way', () => {
    for (const position of [0n, 1n, 17n, 1_767_144n, 2n ** 53n + 1n, 2n ** 64n - 1n]) {
      const token = tokens.seal(position);
      expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(tokens.open(token)).toBe(position);
      expect(tokens.seal(position)).toBe(token);
    }
  });

  it('gives neighbouring positions tokens with nothing in common to count by', () => {
    const [a, b] = [tokens.seal(1000n), tokens.seal(1001n)];
    const common = [...a].filter((c, i) => b[i] === c).length;
    expect(common).toBeLessThan(8);
  });

  it('opens nothing it did not seal: a number, another key’s token, a changed one, another shape', () => {
    const token = tokens.seal(42n);
    const changed = (token[0] === 'A' ? 'B' : 'A') + token.slice(1);
    // The same 16 bytes written with the unused last 4 bits set: not the token that was given.
    const alias = token.slice(0, 21) + String.fromCharCode(token.charCodeAt(21) + 1);
    for (const stranger of [
      '42',
      PositionTokens.ephemeral().seal(42n),
      changed,
      alias,
      `${token}=`,
      token.slice(1),
      '',
      'A'.repeat(22),
    ])
      expect(tokens.open(stranger)).toBeNull();
  });

  it('is one key for every node sharing the key store, kept across restarts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bti-position-key-'));
    try {
      const path = join(dir, 'keys.sqlite');
      const first = new SqliteKeyStore(path);
      const second = new SqliteKeyStore(path);
      const key = first.installationKey('position-tokens');
      expect(second.installationKey('position-tokens')).toEqual(key);
      expect(first.installationKey('another')).not.toEqual(key);
      first.close();
      second.close();
      const again = new SqliteKeyStore(path);
      const sealed = new PositionTokens(key).seal(7n);
      expect(new PositionTokens(again.installationKey('position-tokens')).open(sealed)).toBe(7n);
      again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
