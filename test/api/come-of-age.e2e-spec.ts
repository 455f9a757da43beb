import { randomUUID } from 'node:crypto';
import { expectStatus } from '../support/api-client';
import { enrolledFamily, openedLog, type Scenario } from '../support/scenario';
import { startTestApp, type TestApp } from '../support/test-app';

/** Found from outside: a parent's say over the log ends when the child comes of age, writes too. */
describe('once the child has come of age', () => {
  let t: TestApp;
  let s: Scenario;
  let clock = new Date('2026-10-01T08:00:00.000Z');
  beforeAll(async () => {
    t = await startTestApp({}, () => clock);
    s = await enrolledFamily(t); // the child was born on 1 May 2020
  });
  afterAll(() => t.close());

  it('the log is unknown to the guardians for a write as it is for a read', async () => {
    const { logId, consentId } = await openedLog(s, {
      validFrom: '2026-10-01',
      validUntil: '2028-09-30',
      level: 2,
    });
    const L = `/stafettlogger/${logId}`;
    const voice = () =>
      s.mother.post(`${L}/entries`, {
        entryId: randomUUID(),
        kind: 'guardians_voice',
        category: 'kindergarten_situation',
        sharedWithGuardians: true,
        text: 'Vi opplever at det går bedre',
      });

    clock = new Date('2038-04-30T10:00:00.000Z'); // the day before the 18th birthday
    expectStatus(await s.mother.get(L), 200);
    // A write still reaches the log's rules (the consent has long run out).
    expectStatus(await voice(), 422, 'CONSENT_REQUIRED');

    clock = new Date('2038-05-01T10:00:00.000Z');
    expectStatus(await s.mother.get(L), 404, 'STAFETTLOGG_NOT_FOUND');
    expectStatus(await voice(), 404, 'STAFETTLOGG_NOT_FOUND');
    expectStatus(
      await s.mother.post(`${L}/consents/${consentId}/withdraw`),
      404,
      'STAFETTLOGG_NOT_FOUND',
    );
  });
});
