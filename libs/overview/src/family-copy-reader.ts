import { accessLogScope, meetingReadAccess } from '@bti/access';
import type { AccessLogItem, AccessLogReadModel } from '@bti/access-log';
import { notFound, personalReadsBlank, type Actor } from '@bti/domain';
import type { ErasureMarks } from '@bti/event-store';
import { FAMILIES, registerAsSeenBy, type FamilyView } from '@bti/families';
import { erasable, escapeHtml, htmlDocument, htmlFacts, htmlTable } from '@bti/http';
import { meetingFor, type MeetingsReadModel, type MeetingView } from '@bti/meetings';
import { everyPage, oneReadOn, type SqliteReadModelStore } from '@bti/read-models';
import {
  consentTable,
  entryTable,
  measureTable,
  viewFor,
  type StafettloggReadModel,
  type StafettloggView,
} from '@bti/stafettlogg';

/**
 * Everything the product holds about a child that the family member asking may see (GDPR art. 15):
 * the family register, each log whole (every entry they may read), the samordningsmøter and who has
 * looked at the case — each part filtered by the one visibility policy, exactly as the API shows it.
 */
export interface FamilyCopy {
  about: string;
  generatedAt: string;
  familyId: string;
  family: Pick<FamilyView, 'familyId' | 'municipalityId' | 'subjects'> &
    Partial<Pick<FamilyView, 'guardians'>>;
  logs: StafettloggView[];
  meetings: MeetingView[];
  accessLog: AccessLogItem[];
}

const PAGE = { limit: 500 };

export class FamilyCopyReader {
  constructor(
    private readonly store: SqliteReadModelStore,
    private readonly logs: StafettloggReadModel,
    private readonly meetings: MeetingsReadModel,
    private readonly accessLog: AccessLogReadModel,
  ) {}

  /** The family's copy of its case, read as one snapshot. */
  copy(actor: Actor, familyId: string, now: Date): FamilyCopy {
    return oneReadOn(this.store.db)(() => this.read(actor, familyId, now));
  }

  private read(actor: Actor, familyId: string, now: Date): FamilyCopy {
    const scope = accessLogScope(actor, this.accessLog.members(familyId));
    const register = this.store.getDocument<FamilyView>(FAMILIES, familyId);
    if (!scope || !register) throw notFound('FAMILY_NOT_FOUND');
    const ownSubject = 'all' in scope ? null : scope.subjectId;
    // As the register's own read shows it to them: no one else's sign-in, no revision.
    const seen = registerAsSeenBy(actor, register);
    const at = now.toISOString();
    return {
      about:
        'Alt tjenesten har om barnet som du har rett til å se (personvernforordningen artikkel 15).',
      generatedAt: at,
      familyId,
      // A young person gets their own part of the register; a guardian the family's.
      family: ownSubject
        ? {
            familyId,
            municipalityId: register.municipalityId,
            subjects: { [ownSubject]: seen.subjects[ownSubject] },
          }
        : {
            familyId,
            municipalityId: register.municipalityId,
            subjects: seen.subjects,
            guardians: seen.guardians,
          },
      logs: everyPage((after) => {
        const page = this.logs.logsOfFamily(familyId, { ...PAGE, after }, 'whole');
        return { items: page.views, nextCursor: page.nextCursor };
      }).flatMap((whole) => {
        const family = this.logs.familyFacts(familyId, whole.subjectId);
        const visible = viewFor(actor, whole, family, now);
        return visible ? [visible] : [];
      }),
      meetings: everyPage((after) => {
        const page = this.meetings.meetingsOfFamily(familyId, { ...PAGE, after });
        return { items: page.views, nextCursor: page.nextCursor };
      }).flatMap((view) => {
        const access = this.meetings.accessFacts(view);
        const reader = meetingReadAccess(actor, access, this.meetings.familyFacts(view), at);
        return reader.kind === 'family' ? [meetingFor(reader, view, access)] : [];
      }),
      accessLog: everyPage((after) =>
        this.accessLog.reads(familyId, ownSubject, { ...PAGE, after }),
      ),
    };
  }
}

/** The same copy as a document to read and keep (bokmål); every value is escaped. */
export function familyCopyHtml(copy: FamilyCopy): string {
  // A value the family never gave shows as a dash; one erased says so.
  const shown = (personal: ErasureMarks, value: string | null) =>
    personalReadsBlank(personal) ? erasable(null) : value;
  const people = [
    ...Object.values(copy.family.subjects).map((s) => [
      'barn/ungdom',
      erasable(s.personal.name),
      shown(s.personal, s.personal.birthDate ?? s.personal.expectedBirthDate),
    ]),
    ...Object.values(copy.family.guardians ?? {}).map((g) => [
      g.parentalResponsibility ? 'foresatt' : 'forelder uten foreldreansvar',
      erasable(g.personal.name),
      shown(g.personal, g.personal.contact),
    ]),
  ];
  const logs = copy.logs
    .map(
      (log) => `<h2>Stafettlogg ${escapeHtml(log.logId)}</h2>
${htmlFacts([
  ['Status', log.status],
  ['Nivå', log.level],
  ['Stafettholder', log.stafettholder ? `${log.stafettholder.serviceId}` : null],
  ['Tjenester', log.services.map((s) => s.serviceId).join(', ')],
])}
<h3>Samtykker</h3>
${consentTable(log.consents)}
<h3>Innføringer</h3>
${entryTable(log.entries)}
<h3>Tiltak</h3>
${measureTable(log.measures)}`,
    )
    .join('\n');
  return htmlDocument(
    'nb',
    'Innsyn: det vi har om barnet',
    `<p>${escapeHtml(copy.about)}</p>
${htmlFacts([['Laget', copy.generatedAt]])}
<h2>Familien</h2>
${htmlTable(['Hvem', 'Navn', 'Født / kontakt'], people)}
${logs}
<h2>Samordningsmøter</h2>
${htmlTable(
  ['Tid', 'Status', 'Vedtak'],
  copy.meetings.map((m) => [m.startsAt, m.status, m.decisions.length]),
)}
<h2>Hvem har sett på saken</h2>
${htmlTable(
  ['Tid', 'Hva', 'Hvem', 'Tjeneste'],
  copy.accessLog.map((r) => [r.at, r.target, r.reader.name ?? r.reader.role, r.reader.serviceName]),
)}`,
  );
}
