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
  revision: string;
}

export function archivePackage(
  log: StafettloggView,
  entries: EntryView[],
  generatedAt: string,
): ArchivePackage {
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
    entries,
    measures: log.measures,
    history: log.history,
    revision: log.revision,
  };
}

const escapeHtml = (value: string | number | null | undefined): string =>
  (value === null || value === undefined ? '—' : String(value)).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

const table = (headers: string[], rows: (string | number | null | undefined)[][]): string =>
  rows.length === 0
    ? '<p>Ingen.</p>'
    : `<table><thead><tr>${headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
        .map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;

/** The same package as a document a person can read and print (bokmål); every value is escaped. */
export function archivePackageHtml(pkg: ArchivePackage): string {
  return `<!doctype html>
<html lang="nb">
<head><meta charset="utf-8"><title>Stafettlogg ${escapeHtml(pkg.logId)} – arkivpakke</title>
<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;line-height:1.4}table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}th,td{border:1px solid #999;padding:.3rem;text-align:left;vertical-align:top}</style>
</head>
<body>
<h1>Stafettlogg – arkivpakke</h1>
<dl>
<dt>Kommune</dt><dd>${escapeHtml(pkg.municipalityId)}</dd>
<dt>Logg</dt><dd>${escapeHtml(pkg.logId)}</dd>
<dt>Familie</dt><dd>${escapeHtml(pkg.familyId)}</dd>
<dt>Barnet eller ungdommen</dt><dd>${escapeHtml(pkg.subjectId)}</dd>
<dt>Åpnet</dt><dd>${escapeHtml(pkg.openedAt)}</dd>
<dt>Lukket</dt><dd>${escapeHtml(pkg.closure?.at)} (${escapeHtml(pkg.closure?.reason)})</dd>
<dt>Nivå</dt><dd>${escapeHtml(pkg.level)}</dd>
<dt>Laget</dt><dd>${escapeHtml(pkg.generatedAt)} (format ${pkg.version}, revisjon ${escapeHtml(pkg.revision)})</dd>
</dl>
<h2>Tjenester</h2>
${table(
  ['Tjeneste', 'Med fra', 'Skjult deltaker'],
  pkg.services.map((s) => [s.serviceId, s.joinedAt, s.hidden ? 'ja' : 'nei']),
)}
<h2>Samtykker</h2>
${table(
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
  pkg.consents.map((c) => [
    c.consentId,
    c.status,
    c.scope.services.join(', '),
    c.scope.categories.join(', '),
    c.scope.purpose,
    c.validFrom,
    c.validUntil,
    c.withdrawnAt,
  ]),
)}
<h2>Innføringer</h2>
${table(
  ['Tid', 'Tjeneste', 'Skrevet av', 'Kategori', 'Delt med familien', 'Tekst'],
  pkg.entries.map((e) => [
    e.at,
    e.serviceId,
    `${e.authorKind} ${e.authorId}`,
    e.category,
    e.sharedWithGuardians ? 'ja' : 'nei',
    e.text,
  ]),
)}
<h2>Tiltak</h2>
${table(
  ['Mål', 'Ansvarlig', 'Start', 'Status', 'Evalueringer'],
  pkg.measures.map((m) => [
    m.goal,
    `${m.responsible.serviceId} ${m.responsible.staffId}`,
    m.startDate,
    m.status,
    m.evaluations.map((ev) => `${ev.evaluatedOn}: ${ev.goalAttainment}, ${ev.decision}`).join('; '),
  ]),
)}
<h2>Historikk</h2>
${table(
  ['Tid', 'Hendelse', 'Tjeneste'],
  pkg.history.map((h) => [h.at, h.type, h.serviceId]),
)}
</body>
</html>
`;
}
