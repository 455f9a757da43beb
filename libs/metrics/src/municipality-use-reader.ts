import type Database from 'better-sqlite3';
import { addDays, dateOf, monthOf, type Actor } from '@bti/domain';
import { monthsBetween } from './metric-facts';

/** Days ahead in which a consent is "to renew". */
export const CONSENT_RENEWAL_WINDOW_DAYS = 30;

/**
 * One service's use. A count that is `null` is suppressed: at least 1 and fewer than the answer's
 * `suppressedBelow` (the metrics' small-cell threshold). Only an analyst's answer has them; the
 * leaders who run the services (admin, coordinators) get every count exact.
 */
export interface ServiceUse {
  serviceId: string;
  name: string;
  sector: string;
  /** Open logs the service takes part in; null = suppressed (1 to threshold − 1, analysts only). */
  openLogs: number | null;
  /** Open logs where the service holds the baton; null = suppressed (analysts only). */
  logsHeld: number | null;
  /**
   * Measures the service is responsible for, past their evaluation date without one; null =
   * suppressed (analysts only).
   */
  overdueEvaluations: number | null;
  /** Handovers offered to the service, not yet answered; null = suppressed (analysts only). */
  handoversWaiting: number | null;
  /** The service's nivå-0 concerns not decided by their deadline; null = suppressed (analysts only). */
  concernsPastDeadline: number | null;
  /**
   * Given consents of open logs the service takes part in, ending within 30 days; null =
   * suppressed (analysts only).
   */
  consentsToRenew: number | null;
  /** Log events the service made, per month. */
  activityByMonth: {
    month: string;
    /** The service's log events in the month; null = suppressed (analysts only). */
    events: number | null;
  }[];
}

export interface MunicipalityUse {
  municipalityId: string;
  asOf: string;
  /**
   * Counts from 1 up to one below this are suppressed (null) — the metrics' small-cell threshold,
   * for an analyst; null when every count is exact (the municipality's admin and coordinators).
   */
  suppressedBelow: number | null;
  services: ServiceUse[];
}

/** Whose counts are suppressed, or not: `exact` for the leaders who run the services. */
export type UseCounts = 'exact' | 'suppressed';

/**
 * Who sees the use view's counts exact: the municipality's admin and coordinators, who run the
 * services and act on them. Everyone else (an analyst) sees small counts suppressed — aggregates
 * only, as for the metrics (docs/access.md).
 */
export function countsShownTo(actor: Pick<Actor, 'role'>): UseCounts {
  return actor.role === 'admin' || actor.role === 'coordinator' ? 'exact' : 'suppressed';
}

/** A count as published below a threshold: 0 and counts from `below` on as they are, else null. */
export function suppressedCount(count: number | null, below: number): number | null {
  return count === null || (count >= 1 && count < below) ? null : count;
}

/**
 * The use view with every count from 1 to `below` − 1 suppressed (null): the six counts of each
 * service and each month's events. The answer carries no totals, so no hidden count can be worked
 * out by subtraction within it.
 */
export function suppressSmallCounts(use: MunicipalityUse, below: number): MunicipalityUse {
  const hide = (count: number | null) => suppressedCount(count, below);
  return {
    ...use,
    suppressedBelow: below,
    services: use.services.map((service) => ({
      ...service,
      openLogs: hide(service.openLogs),
      logsHeld: hide(service.logsHeld),
      overdueEvaluations: hide(service.overdueEvaluations),
      handoversWaiting: hide(service.handoversWaiting),
      concernsPastDeadline: hide(service.concernsPastDeadline),
      consentsToRenew: hide(service.consentsToRenew),
      activityByMonth: service.activityByMonth.map((month) => ({
        month: month.month,
        events: hide(month.events),
      })),
    })),
  };
}

type Count = { service_id: string; n: number };

/**
 * How each unit of a municipality uses the stafettlogg, for its leaders: counts only, no case
 * content. The stafettlogg failed where leaders could not see use. An analyst's answer has the
 * counts below `minChildren` (the metrics' small-cell threshold) suppressed.
 */
export class MunicipalityUseReader {
  private readonly q;

  constructor(
    private readonly db: Database.Database,
    private readonly minChildren: number,
  ) {
    const count = (sql: string) => db.prepare<unknown[], Count>(sql);
    this.q = {
      services: db.prepare<[string], { service_id: string; name: string; sector: string }>(
        'SELECT service_id, name, sector FROM metric_services WHERE municipality_id = ? ORDER BY service_id',
      ),
      openLogs: count(
        `SELECT s.service_id, count(*) AS n FROM metric_logs l JOIN metric_log_services s USING (log_id)
         WHERE l.municipality_id = ? AND l.opened_at IS NOT NULL AND l.closed_at IS NULL GROUP BY s.service_id`,
      ),
      held: count(
        `SELECT holder_service AS service_id, count(*) AS n FROM metric_logs
         WHERE municipality_id = ? AND opened_at IS NOT NULL AND closed_at IS NULL GROUP BY holder_service`,
      ),
      overdue: count(
        `SELECT m.responsible_service AS service_id, count(DISTINCT m.log_id || '/' || m.measure_id) AS n
         FROM metric_evaluation_dues d JOIN metric_measures m USING (log_id, measure_id)
         JOIN metric_logs l USING (log_id)
         WHERE l.municipality_id = ? AND l.closed_at IS NULL AND m.ended_on IS NULL
           AND d.evaluated_on IS NULL AND d.due_on < ? GROUP BY m.responsible_service`,
      ),
      handovers: count(
        `SELECT h.to_service AS service_id, count(*) AS n FROM metric_handovers h JOIN metric_logs l USING (log_id)
         WHERE l.municipality_id = ? AND l.closed_at IS NULL AND h.answered_at IS NULL GROUP BY h.to_service`,
      ),
      concerns: count(
        `SELECT service_id, count(*) AS n FROM metric_concerns
         WHERE municipality_id = ? AND decided_at IS NULL AND decision_deadline < ? GROUP BY service_id`,
      ),
      consents: count(
        `SELECT s.service_id, count(DISTINCT c.log_id || '/' || c.consent_id) AS n FROM metric_consents c
         JOIN metric_logs l USING (log_id) JOIN metric_log_services s USING (log_id)
         WHERE l.municipality_id = ? AND l.closed_at IS NULL AND c.given_at IS NOT NULL
           AND c.withdrawn_at IS NULL AND c.valid_until >= ? AND c.valid_until <= ? GROUP BY s.service_id`,
      ),
      activity: db.prepare<[string, string], { service_id: string; month: string; events: number }>(
        `SELECT service_id, month, events FROM metric_service_activity
         WHERE municipality_id = ? AND month >= ? ORDER BY service_id, month`,
      ),
    };
  }

  use(municipalityId: string, months: number, now: Date, counts: UseCounts): MunicipalityUse {
    const today = dateOf(now.toISOString());
    const current = monthOf(today);
    const first = monthOf(addDays(`${current}-01`, -31 * (months - 1)));
    const window = monthsBetween(first, current).slice(-months);
    const byService = (rows: Count[]) => new Map(rows.map((row) => [row.service_id, row.n]));
    const open = byService(this.q.openLogs.all(municipalityId));
    const held = byService(this.q.held.all(municipalityId));
    const overdue = byService(this.q.overdue.all(municipalityId, today));
    const handovers = byService(this.q.handovers.all(municipalityId));
    const concerns = byService(this.q.concerns.all(municipalityId, today));
    const consents = byService(
      this.q.consents.all(municipalityId, today, addDays(today, CONSENT_RENEWAL_WINDOW_DAYS)),
    );
    const activity = new Map<string, Map<string, number>>();
    for (const row of this.q.activity.all(municipalityId, window[0])) {
      const months = activity.get(row.service_id) ?? new Map<string, number>();
      months.set(row.month, row.events);
      activity.set(row.service_id, months);
    }
    const use: MunicipalityUse = {
      municipalityId,
      asOf: now.toISOString(),
      suppressedBelow: null,
      services: this.q.services.all(municipalityId).map((service) => ({
        serviceId: service.service_id,
        name: service.name,
        sector: service.sector,
        openLogs: open.get(service.service_id) ?? 0,
        logsHeld: held.get(service.service_id) ?? 0,
        overdueEvaluations: overdue.get(service.service_id) ?? 0,
        handoversWaiting: handovers.get(service.service_id) ?? 0,
        concernsPastDeadline: concerns.get(service.service_id) ?? 0,
        consentsToRenew: consents.get(service.service_id) ?? 0,
        activityByMonth: window.map((month) => ({
          month,
          events: activity.get(service.service_id)?.get(month) ?? 0,
        })),
      })),
    };
    return counts === 'exact' ? use : suppressSmallCounts(use, this.minChildren);
  }
}
