import { DEFAULT_HANDLINGSVEILEDER } from '@bti/domain';
import { projectionSpec } from '@bti/read-models/testing';
import {
  MUNICIPALITIES,
  municipalityProjection,
  type MunicipalityView,
} from './municipality.projection';

const event = (type: string, data: object) => ({ stream: 'municipality-vt', type, data });

describe('the municipality read model', () => {
  const spec = projectionSpec(municipalityProjection);

  it('shows services, the staff register with who is active, rules and catalogue', () => {
    const store = spec.given([
      event('MunicipalityEnrolled', {
        municipalityId: 'vt',
        name: 'Vestre Toten',
        county: 'Innlandet',
        handlingsveileder: DEFAULT_HANDLINGSVEILEDER,
      }),
      event('ServiceRegistered', {
        serviceId: 'hs',
        name: 'HS',
        sector: 'helsestasjon',
        alsoServes: [],
      }),
      event('StaffRegistered', {
        staffId: 'kari',
        serviceId: 'hs',
        displayName: 'Kari',
        role: 'staff',
      }),
      event('StaffRegistered', {
        staffId: 'per',
        serviceId: 'hs',
        displayName: 'Per',
        role: 'coordinator',
      }),
      event('StaffDeactivated', { staffId: 'per' }),
      event('HandlingsveilederConfigured', {
        ...DEFAULT_HANDLINGSVEILEDER,
        version: 2,
        consentAge: 15,
      }),
      event('CatalogueEntryAdded', {
        entryId: 'icdp',
        name: 'ICDP',
        description: 'd',
        targetGroup: 't',
        contact: 'c',
        serviceId: 'hs',
      }),
    ]);
    const view = store.getDocument<MunicipalityView>(MUNICIPALITIES, 'vt');
    expect(view).toMatchObject({
      municipalityId: 'vt',
      handlingsveileder: { version: 2, consentAge: 15 },
      staff: { kari: { active: true }, per: { active: false, role: 'coordinator' } },
      catalogue: { icdp: { serviceId: 'hs' } },
      revision: '6',
    });
    expect(Object.keys(view?.services ?? {})).toEqual(['hs']);
  });
});
