import type Database from 'better-sqlite3';
import { addDays, dateOf, monthOf } from '@bti/domain';
import { monthsBetween } from './metric-facts';

/** Days ahead in which a consent is "to renew". */
export const CONSENT_RENEWAL_WINDOW_DAYS = 30;

/** One service's use: exact counts, for the municipality's admin and coordinators. */
export interface ServiceUse {
  serviceId: string;
  name: string;
  sector: string;
  /** Open logs the service takes part in. */
  openLogs: number;
  /** Open logs where the service holds the baton. */
  logsHeld: number;
  /** Measures the service is responsible for, past their evaluation date without one. */
  overdueEvaluations: number;
  /** Handovers offered to the service, not yet answered. */
  handoversWaiting: number;
  /** The service's nivå-0 concerns not decided by their deadline. */
  concernsPastDeadline: number;
  /** Given consents of open logs the service takes part in, ending within 30 days. */
  consentsToRenew: number;
  /** Log events the service made, per month. */
  activityByMonth: {
    month: string;
    /** The service's log events in the month. */
    events: number;
  }[];
}

export interface MunicipalityUse {
  municipalityId: string;
  asOf: string;
  services: ServiceUse[];
}

type Count = { service_id: string; n: number };

/**
 * How each unit of a municipality uses the stafettlogg, for those who run the services (its admin
 * and coordinators): exact counts, no case content. The stafettlogg failed where leaders could not
 * see use.
 *
 * Analysts do not get this view: they read the metric tables only, whose one suppression pattern is
 * decided over the whole cube. A second publication of the same counts with its own, independent
 * suppression let a hidden table cell be worked out by subtraction (found from outside: a county
 * cell minus the published municipalities minus a count shown here). Two publications with
 * independent suppression cannot both be safe.
 */
export class MunicipalityUseReader {
  private readonly q;

  constructor(private readonly db: Database.Database) {
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

  use(municipalityId: string, months: number, now: Date): MunicipalityUse {
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
    return {
      municipalityId,
      asOf: now.toISOString(),
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
  }
}
