import type { Actor, Role } from '@bti/domain';
import { mayKnowLog, type LogFacts, type LogFamilyFacts } from './log-visibility';
import {
  installationScope,
  mayAdministerMunicipality,
  mayKnowConcern,
  mayKnowFamily,
  mayKnowMunicipality,
  mayLeadMunicipality,
} from './register-visibility';

const actor = (
  role: Role,
  municipalityId: string | null = null,
  serviceId: string | null = null,
  subject = 's',
): Actor => ({ subject, role, municipalityId, serviceId });

describe('who may know a log that awaits consent', () => {
  const log: LogFacts = {
    municipalityId: 'vestre-toten',
    subjectId: 'c1',
    status: 'awaiting_consent',
    services: [],
    consents: [
      {
        consentId: 'c',
        status: 'requested',
        scope: { services: ['helsestasjon', 'barnehage'], categories: ['health'] },
        validFrom: null,
        validUntil: null,
      },
    ],
    consentAge: 16,
  };
  const family: LogFamilyFacts = {
    guardians: [
      { guardianId: 'mor', identitySubject: 'idp|mor', parentalResponsibility: true },
      { guardianId: 'far', identitySubject: 'idp|far', parentalResponsibility: false },
    ],
    subject: { identitySubject: 'idp|ola', birthDate: '2009-01-01' },
  };
  it.each([
    ['a service named in the consent request', actor('staff', 'vestre-toten', 'barnehage'), true],
    ['a service not named', actor('staff', 'vestre-toten', 'nav'), false],
    ['a namesake service in another municipality', actor('staff', 'siljan', 'barnehage'), false],
    ['staff without a municipality', actor('staff', null, 'barnehage'), false],
    ['staff without a service', actor('staff', 'vestre-toten', null), false],
    [
      'a guardian of the family with parental responsibility',
      actor('guardian', null, null, 'idp|mor'),
      true,
    ],
    [
      'a parent without parental responsibility no service has let read',
      actor('guardian', null, null, 'idp|far'),
      false,
    ],
    ['someone else', actor('guardian', null, null, 'idp|x'), false],
    ['the young person', actor('youth', null, null, 'idp|ola'), true],
    ['another young person', actor('youth', null, null, 'idp|x'), false],
    ['an analyst', actor('analyst', 'vestre-toten'), false],
  ])('%s: %s', (_, who, expected) => {
    expect(mayKnowLog(who, log, family)).toBe(expected);
  });

  it('lets a parent without parental responsibility know the log once a service has let them read it', () => {
    const father = actor('guardian', null, null, 'idp|far');
    expect(mayKnowLog(father, { ...log, readGrants: ['idp|far'] }, family)).toBe(true);
    expect(mayKnowLog(father, { ...log, readGrants: ['idp|other'] }, family)).toBe(false);
  });
});

describe('who may know a concern, a family, a municipality', () => {
  const concern = { municipalityId: 'vestre-toten', serviceId: 'barnehage' };
  it.each([
    ['the service that noted it', actor('staff', 'vestre-toten', 'barnehage'), true],
    ['a coordinator of that service', actor('coordinator', 'vestre-toten', 'barnehage'), true],
    ['another service of the municipality', actor('staff', 'vestre-toten', 'skole'), false],
    ['the same service id in another municipality', actor('staff', 'siljan', 'barnehage'), false],
    ['a guardian', actor('guardian'), false],
    ['the municipality admin', actor('admin', 'vestre-toten'), false],
  ])('a concern: %s → %s', (_, who, expected) => {
    expect(mayKnowConcern(who, concern)).toBe(expected);
  });

  const family = {
    municipalityId: 'vestre-toten',
    guardians: [{ identitySubject: 'idp|mor' }],
    youthSignIns: ['idp|ola'],
  };
  it.each([
    ['staff of its municipality', actor('staff', 'vestre-toten', 'skole'), true],
    ['staff of another municipality', actor('staff', 'siljan', 'skole'), false],
    ['one of its guardians', actor('guardian', null, null, 'idp|mor'), true],
    ['another guardian', actor('guardian', null, null, 'idp|x'), false],
    [
      'a young person of the family signed in as themselves',
      actor('youth', null, null, 'idp|ola'),
      true,
    ],
    ['another young person', actor('youth', null, null, 'idp|x'), false],
    ['an analyst', actor('analyst', 'vestre-toten'), false],
    ['the admin', actor('admin', 'vestre-toten'), false],
  ])('a family: %s → %s', (_, who, expected) => {
    expect(mayKnowFamily(who, family)).toBe(expected);
  });

  it.each([
    ['its admin', actor('admin', 'vestre-toten'), true, true],
    ['its staff', actor('staff', 'vestre-toten', 'skole'), true, false],
    ['another municipality’s admin', actor('admin', 'siljan'), false, false],
    ['an analyst', actor('analyst', 'vestre-toten'), false, false],
    ['the operator', actor('operator'), false, false],
  ])('a municipality: %s may know %s, administer %s', (_, who, know, administer) => {
    expect(mayKnowMunicipality(who, 'vestre-toten')).toBe(know);
    expect(mayAdministerMunicipality(who, 'vestre-toten')).toBe(administer);
  });

  it.each([
    ['its admin', actor('admin', 'vestre-toten'), true],
    ['its coordinator', actor('coordinator', 'vestre-toten', 'helsestasjon'), true],
    ['its analyst', actor('analyst', 'vestre-toten'), false],
    ['its staff', actor('staff', 'vestre-toten', 'skole'), false],
    ['an analyst of another municipality', actor('analyst', 'siljan'), false],
    ['an analyst of no municipality', actor('analyst'), false],
    ['a guardian', actor('guardian'), false],
  ])('the use of its units: %s → %s', (_, who, expected) => {
    expect(mayLeadMunicipality(who, 'vestre-toten')).toBe(expected);
  });

  it('gives the operator the whole installation and an admin only their municipality', () => {
    expect(installationScope(actor('operator'))).toEqual({ kind: 'all' });
    expect(installationScope(actor('admin', 'siljan'))).toEqual({
      kind: 'municipality',
      municipalityId: 'siljan',
    });
    expect(installationScope(actor('staff', 'siljan', 'skole'))).toBeNull();
  });
});
