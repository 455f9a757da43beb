import { randomUUID } from 'node:crypto';
import { addDays, dateOf } from '@bti/domain';
import { ApiClient, expectStatus, type ApiResponse, type ApiTarget } from './api-client';

export interface Scenario {
  municipalityId: string;
  admin: ApiClient;
  kari: ApiClient;
  per: ApiClient;
  mother: ApiClient;
  familyId: string;
  childId: string;
  motherId: string;
}

/**
 * Staff as the register has them: the municipality enrolled (if it was not), each service and person
 * registered, and a signed-in client for each. A token alone no longer makes anyone staff.
 */
export async function registeredStaff(
  t: ApiTarget,
  municipalityId: string,
  staff: readonly { subject: string; serviceId: string; role?: 'staff' | 'coordinator' }[],
): Promise<ApiClient[]> {
  const admin = await ApiClient.as(t, {
    subject: `admin-${municipalityId}`,
    role: 'admin',
    municipalityId,
  });
  const allowed = (res: ApiResponse, code: string) =>
    res.status === 201 || (res.status === 422 && res.body.code === code)
      ? res
      : expectStatus(res, 201);
  allowed(
    await admin.post('/municipalities', {
      municipalityId,
      name: municipalityId,
      county: 'Innlandet',
    }),
    'MUNICIPALITY_ALREADY_ENROLLED',
  );
  for (const serviceId of new Set(staff.map((person) => person.serviceId))) {
    allowed(
      await admin.post(`/municipalities/${municipalityId}/services`, {
        serviceId,
        name: serviceId,
        sector: 'annet',
      }),
      'SERVICE_ALREADY_REGISTERED',
    );
  }
  const clients: ApiClient[] = [];
  for (const person of staff) {
    const role = person.role ?? 'staff';
    allowed(
      await admin.post(`/municipalities/${municipalityId}/staff`, {
        staffId: person.subject,
        serviceId: person.serviceId,
        displayName: person.subject,
        role,
      }),
      'STAFF_ALREADY_REGISTERED',
    );
    clients.push(
      await ApiClient.as(t, {
        subject: person.subject,
        role,
        municipalityId,
        serviceId: person.serviceId,
      }),
    );
  }
  return clients;
}

/** A municipality with helsestasjon and barnehage, their staff, and a family with a child and its mother. */
export async function enrolledFamily(
  t: ApiTarget,
  municipalityId = 'vestre-toten',
): Promise<Scenario> {
  const admin = await ApiClient.as(t, {
    subject: `admin-${municipalityId}`,
    role: 'admin',
    municipalityId,
  });
  const kari = await ApiClient.as(t, {
    subject: 'staff-kari',
    role: 'staff',
    municipalityId,
    serviceId: 'helsestasjon',
  });
  const per = await ApiClient.as(t, {
    subject: 'staff-per',
    role: 'staff',
    municipalityId,
    serviceId: 'barnehage',
  });
  const mother = await ApiClient.as(t, { subject: 'idp|mor', role: 'guardian' });
  expectStatus(
    await admin.post('/municipalities', {
      municipalityId,
      name: municipalityId,
      county: 'Innlandet',
    }),
    201,
  );
  for (const serviceId of ['helsestasjon', 'barnehage']) {
    expectStatus(
      await admin.post(`/municipalities/${municipalityId}/services`, {
        serviceId,
        name: serviceId,
        sector: serviceId,
      }),
      201,
    );
  }
  for (const [staffId, serviceId] of [
    ['staff-kari', 'helsestasjon'],
    ['staff-per', 'barnehage'],
  ]) {
    expectStatus(
      await admin.post(`/municipalities/${municipalityId}/staff`, {
        staffId,
        serviceId,
        displayName: staffId,
        role: 'staff',
      }),
      201,
    );
  }
  const familyId = randomUUID();
  const childId = randomUUID();
  const motherId = randomUUID();
  expectStatus(await kari.post('/families', { familyId }), 201);
  expectStatus(
    await kari.post(`/families/${familyId}/subjects`, {
      subjectId: childId,
      kind: 'child',
      name: 'Ola',
      birthDate: '2020-05-01',
    }),
    201,
  );
  expectStatus(
    await kari.post(`/families/${familyId}/guardians`, {
      guardianId: motherId,
      identitySubject: 'idp|mor',
      parentalResponsibility: true,
      name: 'Mor',
    }),
    201,
  );
  return { municipalityId, admin, kari, per, mother, familyId, childId, motherId };
}

/**
 * Today (UTC) and a year of consent from it, for suites on the machine's clock: dates written into a
 * test age, and the rules refuse a consent that has run out (one valid until 2027-12-31 stops every
 * such suite on 1 January 2028).
 */
export const today = (): string => dateOf(new Date().toISOString());
export const aYearFrom = (validFrom: string): string => addDays(validFrom, 364);

/** A concern decided "involve others" and a log started by helsestasjon, awaiting the consent asked for. */
export async function awaitingLog(
  s: Scenario,
  options: { services?: string[]; categories?: string[] } = {},
): Promise<{ logId: string; consentId: string; concernId: string }> {
  const concernId = randomUUID();
  const logId = randomUUID();
  const consentId = randomUUID();
  const scope = {
    services: options.services ?? ['helsestasjon'],
    categories: options.categories ?? ['health'],
    purpose: 'Samordne hjelp',
  };
  expectStatus(
    await s.kari.post('/concerns', concernAbout(s, { concernId, summary: 'Stille' })),
    201,
  );
  expectStatus(
    await s.kari.post(`/concerns/${concernId}/decision`, {
      outcome: 'involve_others',
      reason: 'Flere tjenester trengs',
    }),
    201,
  );
  expectStatus(await s.kari.post('/stafettlogger', { logId, concernId, consentId, scope }), 201);
  return { logId, consentId, concernId };
}

/** An awaiting log (`awaitingLog`), consent given by the mother, the log opened. */
export async function openedLog(
  s: Scenario,
  options: {
    validFrom: string;
    validUntil: string;
    level: 1 | 2 | 3;
    services?: string[];
    categories?: string[];
  },
): Promise<{ logId: string; consentId: string; concernId: string }> {
  const started = await awaitingLog(s, options);
  expectStatus(
    await s.mother.post(`/stafettlogger/${started.logId}/consents/${started.consentId}/give`, {
      validFrom: options.validFrom,
      validUntil: options.validUntil,
    }),
    201,
  );
  expectStatus(
    await s.kari.post(`/stafettlogger/${started.logId}/open`, { level: options.level }),
    201,
  );
  return started;
}

/** The body of a concern about the scenario's child, with a new concernId unless given. */
export const concernAbout = (s: Scenario, fields: Record<string, unknown> = {}) => ({
  concernId: randomUUID(),
  familyId: s.familyId,
  subjectId: s.childId,
  kind: 'undring',
  summary: 'Sliten om morgenen',
  ...fields,
});

/** A family registered by a staff member: one child and one guardian, with the names given. */
export async function registeredFamily(
  staff: ApiClient,
  family: {
    childName: string;
    birthDate: string;
    guardianName: string;
    guardianSubject: string;
    contact?: string;
  },
): Promise<{ familyId: string; childId: string; guardianId: string }> {
  const familyId = randomUUID();
  const childId = randomUUID();
  const guardianId = randomUUID();
  expectStatus(await staff.post('/families', { familyId }), 201);
  expectStatus(
    await staff.post(`/families/${familyId}/subjects`, {
      subjectId: childId,
      kind: 'child',
      name: family.childName,
      birthDate: family.birthDate,
    }),
    201,
  );
  expectStatus(
    await staff.post(`/families/${familyId}/guardians`, {
      guardianId,
      identitySubject: family.guardianSubject,
      parentalResponsibility: true,
      name: family.guardianName,
      ...(family.contact ? { contact: family.contact } : {}),
    }),
    201,
  );
  return { familyId, childId, guardianId };
}

/** A kompetanseteam 0–6 of helsestasjon and barnehage, as the municipality's admin establishes it. */
export const kompetanseteam = (arenaId: string, overrides: Record<string, unknown> = {}) => ({
  arenaId,
  kind: 'kompetanseteam',
  name: 'Kompetanseteam 0–6',
  mandate: 'Råd til ansatte i barnehage og helsestasjon',
  intakeCriteria: 'Undring der egen tjeneste står fast',
  memberServices: ['helsestasjon', 'barnehage'],
  meetingRhythm: 'Første tirsdag i måneden',
  acceptsCitizenReferrals: false,
  ...overrides,
});
