import type { GivenEvent } from '@bti/read-models/testing';
import { projectionSpec } from '@bti/read-models/testing';
import { AccessLogReadModel, accessLogProjection } from './access-log.read-model';

const FAMILY = 'f-1';

const read = (
  reader: string,
  familyId: string,
  overrides: Record<string, unknown> = {},
  at = '2026-03-20T10:00:00.000Z',
): GivenEvent => ({
  stream: `access-log-${familyId}`,
  type: 'CaseRecordRead',
  data: {
    familyId,
    subjectId: 'child',
    target: 'stafettlogg',
    targetId: 'log-1',
    reader: { subject: reader, role: 'staff', serviceId: 'helsestasjon', municipalityId: 'vt' },
    consentActive: true,
    participating: true,
    reasonCode: null,
    at,
    ...overrides,
  },
});

describe('the access-log read model', () => {
  const spec = projectionSpec(accessLogProjection);
  const history: GivenEvent[] = [
    {
      stream: 'municipality-vt',
      type: 'ServiceRegistered',
      data: { serviceId: 'helsestasjon', name: 'Helsestasjonen', sector: 'health', alsoServes: [] },
    },
    {
      stream: 'municipality-vt',
      type: 'StaffRegistered',
      data: { staffId: 'kari', serviceId: 'helsestasjon', displayName: 'Kari Lie', role: 'staff' },
    },
    {
      stream: `family-${FAMILY}`,
      type: 'GuardianAdded',
      data: {
        guardianId: 'g',
        identitySubject: 'idp|mor',
        parentalResponsibility: true,
        personal: { name: null, contact: null },
      },
    },
    {
      stream: `family-${FAMILY}`,
      type: 'SubjectAdded',
      data: { subjectId: 'child', kind: 'youth', identitySubject: null, personal: {} },
    },
    {
      stream: `family-${FAMILY}`,
      type: 'SubjectIdentityLinked',
      data: { subjectId: 'child', identitySubject: 'idp|ung' },
    },
    read('kari', FAMILY),
    read('kari', FAMILY, { consentActive: false, participating: false }),
    read('kari', FAMILY, { subjectId: 'sibling', targetId: 'log-2' }),
    read('kari', FAMILY, { subjectId: null, target: 'timeline', targetId: FAMILY }),
    ...Array.from({ length: 21 }, (_, i) =>
      read('per', `other-${i}`, { subjectId: null, target: 'timeline' }),
    ),
    read('per', 'other-0', { subjectId: null, target: 'timeline' }),
    read('per', 'other-next-day', { subjectId: null }, '2026-03-21T08:00:00.000Z'),
  ];

  it('keeps the reads per family newest first, and a young person’s own and the family’s', () => {
    const model = new AccessLogReadModel(spec.given(history).db);
    const all = model.reads(FAMILY, null, {});
    expect(all.items.map((item) => [item.target, item.subjectId])).toEqual([
      ['timeline', null],
      ['stafettlogg', 'sibling'],
      ['stafettlogg', 'child'],
      ['stafettlogg', 'child'],
    ]);
    expect(all.items[0].reader).toEqual({
      role: 'staff',
      serviceId: 'helsestasjon',
      serviceName: 'Helsestasjonen',
      name: 'Kari Lie',
    });
    const own = model.reads(FAMILY, 'child', {});
    expect(own.items.map((item) => item.subjectId)).toEqual(['child', 'child']);
    expect(model.members(FAMILY)).toEqual(
      expect.arrayContaining([
        {
          kind: 'guardian',
          identitySubject: 'idp|mor',
          subjectId: null,
          parentalResponsibility: true,
        },
        {
          kind: 'subject',
          identitySubject: 'idp|ung',
          subjectId: 'child',
          parentalResponsibility: false,
        },
      ]),
    );
  });

  it('flags reads without consent, by non-participants, and the 21st family of a day', () => {
    const model = new AccessLogReadModel(spec.given(history).db);
    const anomalies = model.anomalies('vt', { limit: 500 }).items;
    expect(anomalies.map((a) => [a.kind, a.familyId, a.reader.subject])).toEqual([
      ['MANY_FAMILIES_IN_A_DAY', 'other-20', 'per'],
      ['READ_BY_NON_PARTICIPANT', FAMILY, 'kari'],
      ['READ_WITHOUT_ACTIVE_CONSENT', FAMILY, 'kari'],
    ]);
    const paged = model.anomalies('vt', { limit: 1 });
    expect(paged.items).toHaveLength(1);
    expect(model.anomalies('vt', { limit: 1, after: paged.nextCursor ?? '' }).items).toHaveLength(
      2,
    );
  });

  it('counts a reader’s families per day in Oslo, not in UTC', () => {
    // 23:30 UTC on 19 March is 00:30 on the 20th in Oslo (CET); 23:30 UTC on the 20th is the 21st.
    const model = new AccessLogReadModel(
      spec.given([
        ...Array.from({ length: 20 }, (_, i) =>
          read('lise', `early-${i}`, { subjectId: null }, '2026-03-19T23:30:00.000Z'),
        ),
        read('lise', 'same-oslo-day', { subjectId: null }, '2026-03-20T10:00:00.000Z'),
        ...Array.from({ length: 20 }, (_, i) =>
          read('ola', `evening-${i}`, { subjectId: null }, '2026-03-20T22:30:00.000Z'),
        ),
        read('ola', 'next-oslo-day', { subjectId: null }, '2026-03-20T23:30:00.000Z'),
      ]).db,
    );
    expect(
      model.anomalies('vt', { limit: 500 }).items.map((a) => [a.familyId, a.reader.subject]),
    ).toEqual([['same-oslo-day', 'lise']]);
  });

  it('builds the same tables in one batch as in batches of one', () => {
    expect(spec.given(history, 1).dumpProjection(accessLogProjection)).toEqual(
      spec.given(history).dumpProjection(accessLogProjection),
    );
  });
});
