import type { DomainEvent } from '../shared/decider';

/** What was read: a log, the family timeline, a samordningsmøte, the family register, a family's list of logs. */
export const READ_TARGETS = [
  'stafettlogg',
  'timeline',
  'meeting',
  'family',
  'log_list',
  'meeting_list',
] as const;
export type ReadTarget = (typeof READ_TARGETS)[number];

/**
 * One read of a family's case by someone outside the family, kept as an event in the family's access
 * log (`access-log-<familyId>`) so that it cannot be edited: the hospital journal's access log, which
 * Norwegian families already know. Nothing personal in it: who read (a staff id), as what, when, what.
 */
export interface CaseRecordRead {
  readonly familyId: string;
  /** The child or young person the read was about (a log's or meeting's subject); null for the whole family. */
  readonly subjectId: string | null;
  readonly target: ReadTarget;
  readonly targetId: string;
  readonly reader: {
    readonly subject: string;
    readonly role: string;
    readonly serviceId: string | null;
    readonly municipalityId: string | null;
  };
  /** Was an active consent in force for a log read? null when the read was not of a log. */
  readonly consentActive: boolean | null;
  /** Did the reader's service take part in the log? null when not a log. */
  readonly participating: boolean | null;
  /** Why, where the policy asks for a reason (the archive role). */
  readonly reasonCode: string | null;
  readonly at: string;
}

export type AccessLogEvent = DomainEvent<'CaseRecordRead', CaseRecordRead>;

export const ACCESS_LOG_EVENT_TYPES = ['CaseRecordRead'] as const;

export const accessLogStream = (familyId: string) => `access-log-${familyId}`;
