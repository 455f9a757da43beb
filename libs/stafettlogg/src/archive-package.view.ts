import { erasable, htmlDocument, htmlFacts, htmlTable } from '@bti/http';
import type { EntryView, StafettloggView } from './stafettlogg.view';

/** The archive package's format; an archive system that takes it in can tell versions apart. */
export const ARCHIVE_PACKAGE_VERSION = 1;

/**
 * A closed stafettlogg as the municipality's archive system takes it in: the whole record, every
 * entry, consent, measure and evaluation, with who did what for which service and when. Made from the
 * closed log, which no longer changes, so the package is the same whenever it is made.
 */
export interface ArchivePackage {
  format: 'bti-stafettlogg-archive';
  version: number;
  generatedAt: string;
  municipalityId: string;
  logId: string;
  familyId: string;
  subjectId: string;
  openedAt: string | null;
  closure: StafettloggView['closure'];
  level: StafettloggView['level'];
  services: StafettloggView['services'];
  consents: StafettloggView['consents'];
  entries: EntryView[];
  measures: StafettloggView['measures'];
  history: StafettloggView['history'];
  revision: string | null;
}

/**
 * The package of a log read whole (`logWithFamily(logId, 'whole')`): every entry and its whole
 * history.
 */
export function archivePackage(log: StafettloggView, generatedAt: string): ArchivePackage {
  return {
    format: 'bti-stafettlogg-archive',
    version: ARCHIVE_PACKAGE_VERSION,
    generatedAt,
    municipalityId: log.municipalityId,
    logId: log.logId,
    familyId: log.familyId,
    subjectId: log.subjectId,
    openedAt: log.openedAt,
    closure: log.closure,
    level: log.level,
    services: log.services,
    consents: log.consents,
    entries: log.entries,
    measures: log.measures,
    history: log.history,
    revision: log.revision,
  };
}

/** The same package as a document a person can read and print (bokmål); every value is escaped. */
export function archivePackageHtml(pkg: ArchivePackage): string {
  return htmlDocument(
    'nb',
    `Stafettlogg ${pkg.logId} – arkivpakke`,
    `${htmlFacts([
      ['Kommune', pkg.municipalityId],
      ['Logg', pkg.logId],
      ['Familie', pkg.familyId],
      ['Barnet eller ungdommen', pkg.subjectId],
      ['Åpnet', pkg.openedAt],
      ['Lukket', pkg.closure ? `${pkg.closure.at} (${pkg.closure.reason})` : null],
      ['Nivå', pkg.level],
      ['Laget', `${pkg.generatedAt} (format ${pkg.version}, revisjon ${pkg.revision})`],
    ])}
<h2>Tjenester</h2>
${htmlTable(
  ['Tjeneste', 'Med fra', 'Skjult deltaker'],
  pkg.services.map((s) => [s.serviceId, s.joinedAt, s.hidden ? 'ja' : 'nei']),
)}
<h2>Samtykker</h2>
${consentTable(pkg.consents)}
<h2>Innføringer</h2>
${entryTable(pkg.entries)}
<h2>Tiltak</h2>
${measureTable(pkg.measures)}
<h2>Historikk</h2>
${htmlTable(
  ['Tid', 'Hendelse', 'Tjeneste'],
  pkg.history.map((h) => [h.at, h.type, h.serviceId]),
)}`,
  );
}

/** The log's consents as a table: what each covered, and when it was in force. */
export function consentTable(consents: StafettloggView['consents']): string {
  return htmlTable(
    [
      'Samtykke',
      'Status',
      'Tjenester',
      'Kategorier',
      'Formål',
      'Gyldig fra',
      'Gyldig til',
      'Trukket',
    ],
    consents.map((c) => [
      c.consentId,
      c.status,
      c.scope.services.join(', '),
      c.scope.categories.join(', '),
      erasable(c.scope.purpose),
      c.validFrom,
      c.validUntil,
      c.withdrawnAt,
    ]),
  );
}

export function entryTable(entries: readonly EntryView[]): string {
  return htmlTable(
    ['Tid', 'Tjeneste', 'Skrevet av', 'Kategori', 'Delt med familien', 'Tekst'],
    entries.map((e) => [
      e.at,
      e.serviceId,
      `${e.authorKind} ${e.authorId}`,
      e.category,
      e.sharedWithGuardians ? 'ja' : 'nei',
      erasable(e.text),
    ]),
  );
}

export function measureTable(measures: StafettloggView['measures']): string {
  return htmlTable(
    ['Mål', 'Ansvarlig', 'Start', 'Status', 'Evalueringer'],
    measures.map((m) => [
      erasable(m.goal),
      `${m.responsible.serviceId} ${m.responsible.staffId}`,
      m.startDate,
      m.status,
      m.evaluations
        .map((ev) => `${ev.evaluatedOn}: ${ev.goalAttainment}, ${ev.decision}`)
        .join('; '),
    ]),
  );
}
