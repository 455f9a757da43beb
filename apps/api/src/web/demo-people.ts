import { Inject, Injectable } from '@nestjs/common';
import type { Role } from '@bti/domain';
import { FAMILIES, signedInGuardians, type FamilyView } from '@bti/families';
import { MUNICIPALITIES, type MunicipalityView } from '@bti/municipality';
import { everyPage, READ_MODEL_STORE, type SqliteReadModelStore } from '@bti/read-models';
import type { DemoMunicipalityDto, DemoPersonDto } from './web.dto';

/** The demo municipality of `apps/api/src/demo/demo-seed.ts`: listed first, every family shown. */
const MAIN_DEMO = 'vestre-toten';
/** How many generated families of each municipality the picker offers (any of them can sign in). */
const FAMILIES_SHOWN = 4;

/** Leaders the seeds act as: the municipality's admin, and an analyst of its figures. */
const leaders = (m: MunicipalityView): DemoPersonDto[] => [
  person(`admin-${m.municipalityId}`, 'admin', `Administrator, ${m.name}`, m.municipalityId),
  person(`analyst-${m.municipalityId}`, 'analyst', `Analytiker, ${m.name}`, m.municipalityId),
];

function person(
  subject: string,
  role: Role,
  name: string,
  municipalityId: string | null,
  service: { serviceId: string; serviceName: string } | null = null,
  children: string[] = [],
): DemoPersonDto {
  return {
    subject,
    role,
    name,
    municipalityId,
    serviceId: service?.serviceId ?? null,
    serviceName: service?.serviceName ?? null,
    children,
  };
}

/**
 * The people of the seeded municipalities, to sign in as during development: each municipality's
 * staff register (staff and coordinators), its admin and an analyst, and the guardians and young
 * people of its families — read from the read models, so what is offered is what the seed wrote.
 */
@Injectable()
export class DemoPeople {
  constructor(@Inject(READ_MODEL_STORE) private readonly store: SqliteReadModelStore) {}

  municipalities(): DemoMunicipalityDto[] {
    const municipalities = this.allMunicipalities().sort((a, b) =>
      a.municipalityId === MAIN_DEMO
        ? -1
        : b.municipalityId === MAIN_DEMO
          ? 1
          : a.name.localeCompare(b.name, 'nb'),
    );
    return municipalities.map((m) => ({
      municipalityId: m.municipalityId,
      name: m.name,
      county: m.county,
      people: [...this.families(m), ...this.staff(m), ...leaders(m)],
    }));
  }

  /** The person with this subject, as the seeds made them; null for anyone else. */
  find(subject: string): DemoPersonDto[] {
    const found: DemoPersonDto[] = [];
    for (const m of this.allMunicipalities()) {
      found.push(...this.staff(m).filter((p) => p.subject === subject));
      found.push(...leaders(m).filter((p) => p.subject === subject));
    }
    if (subject.startsWith('idp|')) {
      const families = everyPage((after) =>
        this.store.listDocuments<FamilyView>(FAMILIES, { after, limit: 500 }),
      );
      for (const { document } of families) found.push(...familyPeople(document, subject));
    }
    return found;
  }

  private allMunicipalities(): MunicipalityView[] {
    return everyPage((after) =>
      this.store.listDocuments<MunicipalityView>(MUNICIPALITIES, { after, limit: 500 }),
    ).map((item) => item.document);
  }

  private staff(m: MunicipalityView): DemoPersonDto[] {
    return Object.values(m.staff)
      .filter((s) => s.active)
      .sort((a, b) => a.staffId.localeCompare(b.staffId))
      .map((s) =>
        person(s.staffId, s.role, s.displayName, m.municipalityId, {
          serviceId: s.serviceId,
          serviceName: m.services[s.serviceId]?.name ?? s.serviceId,
        }),
      );
  }

  /**
   * The families to offer: the demo seed's own (`idp|demo-…`, the story the README tells) first, then
   * the first few generated ones by their number, so the list is the same on every start.
   */
  private families(m: MunicipalityView): DemoPersonDto[] {
    const families = everyPage((after) =>
      this.store.findDocuments<FamilyView>(
        FAMILIES,
        { municipalityId: m.municipalityId },
        { after, limit: 500 },
      ),
    ).map(({ document }) => familyPeople(document));
    const order = (people: DemoPersonDto[]) =>
      Math.min(
        ...people.map((p) => (p.subject.startsWith('idp|demo-') ? -1 : numberOf(p.subject))),
      );
    const sorted = families
      .filter((people) => people.length > 0)
      .sort((a, b) => order(a) - order(b));
    const seeded = sorted.filter((people) => order(people) < 0);
    const generated = sorted.filter((people) => order(people) >= 0).slice(0, FAMILIES_SHOWN);
    return [...seeded, ...generated].flat();
  }
}

/** The generated families' number: `idp|trondheim-12-foresatt` is 12. */
function numberOf(subject: string): number {
  const match = /-(\d+)-(foresatt|ungdom)$/.exec(subject);
  return match ? Number(match[1]) : Number.MAX_SAFE_INTEGER;
}

/** A family's guardians and young people who can sign in (all, or the one with this subject). */
function familyPeople(family: FamilyView, subject?: string): DemoPersonDto[] {
  if (family.erasedAt) return [];
  const subjects = Object.values(family.subjects);
  const names = subjects.map((s) => s.personal?.name).filter((n): n is string => Boolean(n));
  const guardians = signedInGuardians(family)
    .filter((g) => !subject || g.identitySubject === subject)
    .map((g) =>
      person(
        g.identitySubject,
        'guardian',
        g.personal?.name ?? g.identitySubject,
        null,
        null,
        names,
      ),
    );
  const youth = subjects
    .filter((s) => s.identitySubject && (!subject || s.identitySubject === subject))
    .map((s) =>
      person(s.identitySubject as string, 'youth', s.personal?.name ?? '', null, null, [
        s.personal?.name ?? '',
      ]),
    );
  return [...guardians, ...youth];
}
