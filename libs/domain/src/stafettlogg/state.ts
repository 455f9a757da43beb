import type { AppendOnlyIndex } from '../shared/append-only-index';
import type { BtiLevel } from '../municipality/municipality';
import type { ConsentRecord, InformationCategory } from './consent';
import type { LogRules, StaffRef } from './events';

export interface MeasureState {
  readonly status: 'planned' | 'started' | 'ended';
  readonly responsible: StaffRef;
  readonly startDate: string;
  /** The next evaluation; null once the measure has ended. */
  readonly evaluationDate: string | null;
}

interface LogIdentity {
  readonly logId: string;
  readonly concernId: string;
  readonly familyId: string;
  readonly subjectId: string;
  readonly municipalityId: string;
  readonly consents: Readonly<Record<string, ConsentRecord>>;
  /** Parents without parental responsibility a service has let read the log: guardianId → sign-in. */
  readonly readGrants?: Readonly<Record<string, string>>;
  /** From the consent age: what the young person keeps from their guardians (besides health). */
  readonly keptFromGuardians?: readonly InformationCategory[];
}

export interface NoLog {
  readonly status: 'none';
}

/** Started from a concern, waiting for the consent that lets it open. */
export interface AwaitingConsent extends LogIdentity {
  readonly status: 'awaiting_consent';
  /** The service that started the log and asked for the first consent. */
  readonly initiatedBy: StaffRef;
}

/** What an opened log has, whether open now or closed. */
interface OpenedLog extends LogIdentity {
  readonly level: BtiLevel;
  readonly stafettholder: StaffRef;
  readonly samordningsansvar: string | null;
  readonly services: Readonly<Record<string, { readonly hidden: boolean }>>;
  /** Only grows; each entry's service decides who may correct it. */
  /**
   * Each entry's service, or for the family's own entries who in the family wrote it (`guardian:<id>`,
   * `youth:<subjectId>`): a correction is by the same service, or the same family member.
   */
  readonly entries: AppendOnlyIndex<{
    readonly serviceId: string | null;
    readonly familyAuthor: string | null;
    readonly category: InformationCategory;
    readonly sharedWithGuardians: boolean;
  }>;
  readonly measures: Readonly<Record<string, MeasureState>>;
  readonly rules: LogRules;
}

export interface OpenLog extends OpenedLog {
  readonly status: 'open';
  /** Offered the baton, not yet accepted: the old stafettholder holds it until then. */
  readonly pendingHandover: StaffRef | null;
}

export interface ClosedLog extends OpenedLog {
  readonly status: 'closed';
}

export type StafettloggState = NoLog | AwaitingConsent | OpenLog | ClosedLog;
export type KnownStafettlogg = Exclude<StafettloggState, NoLog>;
