import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_AUDIENCE, DEV_ISSUER, DevIssuer } from './dev-issuer';
import { InvalidToken, JoseTokenVerifier } from './token-verifier';

describe('JoseTokenVerifier', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bti-verifier-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('remembers a verified token for a minute, and never past its expiry', async () => {
    const issuer = await DevIssuer.open(join(dir, 'key.json'), 'test');
    const token = await issuer.issue({ subject: 'idp|mor', role: 'guardian', ttlSeconds: 45 });
    let now = Date.now();
    const verifier = JoseTokenVerifier.forLocalKeys(
      [issuer.publicJwk],
      DEV_ISSUER,
      DEV_AUDIENCE,
      () => now,
    );
    await expect(verifier.verify(token)).resolves.toMatchObject({ subject: 'idp|mor' });
    now += 40_000; // still inside its life: answered as before
    await expect(verifier.verify(token)).resolves.toMatchObject({ subject: 'idp|mor' });
    now += 40_000; // past its expiry and the clock tolerance: refused, not remembered
    await expect(verifier.verify(token)).rejects.toThrow(InvalidToken);
  });
});
