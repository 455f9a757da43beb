import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFINITIONS_VERSION, METRICS } from '@bti/metrics';
import { GeneratedSection } from './generated-section';

/** Run from the project's root (as `npm run cli` does). */
export const METRICS_DOC = join(process.cwd(), 'docs', 'metrics.md');
const SECTION = new GeneratedSection('metric-definitions');

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** Every metric of the catalogue as a table row: id, what, kind, unit, formula, source events. */
export function metricDefinitionsTable(): string {
  const rows = METRICS.map(
    (m) =>
      `| \`${m.id}\` | ${cell(m.title)} | ${m.kind}${m.stock ? ' (at month end)' : ''} | ${cell(m.unit)} | ${cell(m.formula)} | ${m.sources.map((s) => `\`${s}\``).join(', ')} |`,
  );
  return [
    `Definitions version \`${DEFINITIONS_VERSION}\`.`,
    '',
    '| metric | what | kind | unit | formula | source events |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

export function metricsDocWithDefinitions(doc: string): string {
  return SECTION.write(doc, metricDefinitionsTable());
}

/** The metric ids docs/metrics.md lists, read back from its generated section. */
export function metricIdsInDoc(doc: string): string[] {
  return [...SECTION.read(doc).matchAll(/^\| `([a-z0-9_]+)` +\|/gm)].map((m) => m[1]);
}

export function writeMetricDefinitions(): void {
  writeFileSync(METRICS_DOC, metricsDocWithDefinitions(readFileSync(METRICS_DOC, 'utf8')));
  process.stdout.write(`metric definitions written to ${METRICS_DOC}\n`);
}
