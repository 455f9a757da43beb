import { projectionSpec } from '@bti/read-models/testing';
import { CONCERNS, concernProjection, type ConcernView } from './concerns.projection';

const concern = (id: string, type: string, data: object) => ({
  stream: `concern-${id}`,
  type,
  data,
});
const noted = (id: string, serviceId: string) =>
  concern(id, 'ConcernNoted', {
    concernId: id,
    municipalityId: 'vt',
    familyId: 'f1',
    subjectId: 'c1',
    serviceId,
    kind: 'undring',
    notedBy: 's',
    notedAt: '2026-03-02T08:00:00.000Z',
    decisionDeadline: '2026-03-16',
    personal: { summary: 'Trøtt' },
  });

describe('the concerns read model', () => {
  const spec = projectionSpec(concernProjection);

  it('shows the noting service its concern with talks and decision, filtered on indexed columns', () => {
    const store = spec.given([
      noted('k1', 'barnehage'),
      noted('k2', 'skole'),
      concern('k1', 'ConcernTalkRecorded', {
        with: 'guardians',
        heldOn: '2026-03-03',
        recordedBy: 's',
        personal: { summary: 'x' },
      }),
      concern('k1', 'ConcernDecided', {
        outcome: 'involve_others',
        decidedBy: 's',
        decidedAt: '2026-03-10T08:00:00.000Z',
        late: false,
        personal: { reason: 'r', lateReason: null },
      }),
    ]);
    expect(store.getDocument<ConcernView>(CONCERNS, 'k1')).toMatchObject({
      summary: 'Trøtt',
      status: 'decided',
      outcome: 'involve_others',
      talks: [{ with: 'guardians', heldOn: '2026-03-03' }],
      revision: '2',
    });
    const barnehage = store.findDocuments<ConcernView>(CONCERNS, {
      municipalityId: 'vt',
      serviceId: 'barnehage',
      status: 'decided',
    });
    expect(barnehage.items.map((i) => i.id)).toEqual(['k1']);
    expect(
      store.findDocuments(CONCERNS, { serviceId: 'skole', status: 'open' }).items.map((i) => i.id),
    ).toEqual(['k2']);
  });
});
