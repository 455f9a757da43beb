import type { MetricDefinition } from './reads';

/**
 * The catalogue's metrics by theme, in the order a leader asks: are logs used, how early, do batons
 * pass, do measures work, do services work across sectors, do meetings include the family, what the
 * family says, the staff's own look back, consents, the teams. A metric the app does not know yet
 * (added to the catalogue later) is shown under "other", with the API's own words.
 */
export const METRIC_GROUPS = {
  logs: ['logs_opened', 'logs_active', 'logs_closed', 'logs_awaiting_consent', 'logs_inactive'],
  time: [
    'concerns_decided_in_time',
    'days_concern_to_consent',
    'days_concern_to_first_meeting',
    'days_concern_to_first_measure',
    'days_without_stafettholder_at_start',
  ],
  handovers: ['handovers_offered', 'handover_acceptance_days', 'handovers_declined'],
  measures: [
    'measures_planned',
    'measures_started',
    'evaluations_on_time',
    'evaluations_overdue',
    'evaluations_goal_reached',
    'evaluations_goal_partly',
    'evaluations_goal_not_reached',
  ],
  crossSector: ['services_per_log', 'sectors_per_log', 'logs_with_two_or_more_sectors'],
  meetings: [
    'meetings_held',
    'meetings_guardians_present',
    'meetings_guardians_first',
    'meetings_childs_voice_recorded',
  ],
  familyVoice: [
    'meeting_score_coordination',
    'meeting_score_being_heard',
    'meeting_score_usefulness',
    'closing_score_coordination',
    'closing_score_accessibility',
    'closing_score_participation',
  ],
  ettermote: [
    'ettermote_equal_dialogue',
    'ettermote_chair_steering',
    'ettermote_team_support',
    'ettermote_form_and_content',
    'ettermote_childs_voice_heard',
    'ettermote_confidentiality_reminded',
  ],
  consents: ['consents_given', 'consents_withdrawn', 'consents_refused', 'consents_expiring'],
  teams: [
    'anonymous_discussions',
    'discussions_recommending_consent',
    'referrals',
    'referrals_accepted',
    'referrals_declined',
  ],
} as const;

export type MetricGroupId = keyof typeof METRIC_GROUPS | 'other';

/** The catalogue's metrics in their groups (each group in the order above; empty groups left out). */
export function groupsOf<M extends Pick<MetricDefinition, 'id'>>(
  metrics: readonly M[],
): { id: MetricGroupId; metrics: M[] }[] {
  const known = new Set<string>(Object.values(METRIC_GROUPS).flat());
  const groups: { id: MetricGroupId; metrics: M[] }[] = Object.entries(METRIC_GROUPS).map(
    ([id, ids]) => ({
      id: id as MetricGroupId,
      metrics: (ids as readonly string[])
        .map((metricId) => metrics.find((m) => m.id === metricId))
        .filter((m): m is M => m !== undefined),
    }),
  );
  groups.push({ id: 'other', metrics: metrics.filter((m) => !known.has(m.id)) });
  return groups.filter((group) => group.metrics.length > 0);
}

/** The metric the page opens with: logs opened, the first sign of use. */
export const DEFAULT_METRIC = 'logs_opened';
