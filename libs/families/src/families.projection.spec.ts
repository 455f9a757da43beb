import { projectionSpec } from '@bti/read-models/testing';
import { FAMILIES, familyProjection, type FamilyView } from './families.projection';

const family = (type: string, data: object) => ({ stream: 'family-f1', type, data });

describe('the family register read model', () => {
  const spec = projectionSpec(familyProjection);

  it('shows the family as its readers see it, births and sign-ins included', () => {
    const store = spec.given([
      family('FamilyRegistered', { familyId: 'f1', municipalityId: 'vestre-toten' }),
      family('SubjectAdded', {
        subjectId: 'p1',
        kind: 'pregnancy',
        identitySubject: null,
        personal: { name: 'Baby', birthDate: null, expectedBirthDate: '2026-05-01' },
      }),
      family('GuardianAdded', {
        guardianId: 'g1',
        identitySubject: 'idp|mor',
        parentalResponsibility: true,
        personal: { name: 'Mor', contact: null },
      }),
      family('ChildBorn', {
        subjectId: 'p1',
        personal: { name: 'Nora', birthDate: '2026-04-28', expectedBirthDate: '2026-05-01' },
      }),
      family('SubjectIdentityLinked', { subjectId: 'p1', identitySubject: 'idp|nora' }),
    ]);
    expect(store.getDocument<FamilyView>(FAMILIES, 'f1')).toEqual({
      familyId: 'f1',
      municipalityId: 'vestre-toten',
      subjects: {
        p1: {
          subjectId: 'p1',
          kind: 'child',
          identitySubject: 'idp|nora',
          personal: { name: 'Nora', birthDate: '2026-04-28', expectedBirthDate: '2026-05-01' },
        },
      },
      guardians: {
        g1: {
          guardianId: 'g1',
          identitySubject: 'idp|mor',
          parentalResponsibility: true,
          personal: { name: 'Mor', contact: null },
        },
      },
      revision: '4',
    });
    expect(store.findDocuments(FAMILIES, { municipalityId: 'vestre-toten' }).items).toHaveLength(1);
    expect(() => store.findDocuments(FAMILIES, { familyId: 'f1' })).toThrow(/no indexed field/);
  });
});
