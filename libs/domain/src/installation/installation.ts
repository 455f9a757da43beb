import type { DomainEvent } from '../shared/decider';

/**
 * What the operator does to the installation as a whole, kept as events like everything else: who
 * rebuilt which read model, and when. (A municipality's admin acts through commands, which are events
 * already.)
 */
export type InstallationEvent = DomainEvent<
  'ReadModelRebuildRequested',
  { projection: string; at: string }
>;

export const INSTALLATION_EVENT_TYPES = ['ReadModelRebuildRequested'] as const;

/** The one stream of the installation's own audit trail. */
export const INSTALLATION_STREAM = 'installation';
