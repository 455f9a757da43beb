/**
 * The answers of the reads the analyst persona uses, by the names its pages know them by: each is
 * the schema the API's OpenAPI description gives (generated from the server's own types into
 * shared/api/openapi.d.ts).
 */
import type { Schemas } from '../../shared/api/reads';

export type AreaLevel = Schemas['AreaLevel'];
export type PeriodLevel = Schemas['PeriodLevel'];
export type Breakdown = Schemas['Breakdown'];
export type MetricKind = Schemas['MetricKind'];
/** `GET /metrics`: every metric with its definition, the definitions' version and the threshold. */
export type MetricCatalogue = Schemas['MetricCatalogue'];
/**
 * One cell of a metric table. A suppressed cell is `value: null, suppressed: true`: it is shown as
 * "<threshold>" and never as a number, whatever `value` holds.
 */
export type MetricCell = Schemas['PublishedCell'];
/** `GET /metrics/:id`: one metric's table, a cell per area, period and category. */
export type MetricTable = Schemas['MetricTable'];
/** One metric as the catalogue defines it: the plain-language definition is its formula. */
export type MetricDefinition = MetricTable['metric'];
/** One service of a municipality and how it uses the stafettlogg: exact counts, no case content. */
export type ServiceUse = Schemas['ServiceUse'];
/** `GET /municipalities/:id/use?months=`: use per service, for its admin and coordinators. */
export type MunicipalityUse = Schemas['MunicipalityUse'];
/** One initiative of the programme register, with the children it reached (suppressed when few). */
export type InitiativeFigures = Schemas['InitiativeFigures'];
/** `GET /metrics/initiatives?municipalityId=`: per initiative, and the grants per year and scheme. */
export type InitiativeMetrics = Schemas['InitiativeMetrics'];
/** `GET /admin/event-types`: how many events of each type the log holds, per municipality. */
export type EventTypeCount = Schemas['EventTypeCount'];
