import type { Given } from '../../shared/decider';
import { ensure } from '../codes';
import type { AddEntry, StafettloggFacts } from '../commands';
import { activeConsents } from '../consent';
import type { StafettloggEvent } from '../events';
import { assertOpen, assertServiceMayAct, assertText, logActor } from '../guards';
import type { KnownStafettlogg } from '../state';
import { familyAuthorOf } from '../evolve';

/**
 * Staff write inside the consent's services and categories; the guardians write their own voice and
 * the young person theirs, always shared with the family. A correction is a new entry that points at
 * the original, written by the same service (or, for the family, by the same member).
 */
export function addEntry(
  command: AddEntry,
  state: KnownStafettlogg,
  given: Given<StafettloggFacts>,
): StafettloggEvent[] {
  const actor = logActor(given, state);
  assertOpen(state);
  assertText(command.text, 'TEXT_REQUIRED', 'An entry needs text');
  let serviceId: string | null = null;
  if (actor.kind === 'staff') {
    assertServiceMayAct(state, actor.serviceId, given.at, command.category);
    ensure(
      command.kind !== 'guardians_voice',
      'INVALID_ENTRY_KIND',
      'The guardians write their own voice',
    );
    serviceId = actor.serviceId;
  } else {
    // Being let read the log is not a voice in it: that is for the parents with parental responsibility.
    ensure(
      actor.kind !== 'guardian' || actor.parentalResponsibility,
      'CONSENT_GIVER_NOT_AUTHORISED',
      'Only a parent with parental responsibility writes the family’s voice',
    );
    const active = activeConsents(Object.values(state.consents), given.at);
    ensure(active.length > 0, 'CONSENT_REQUIRED', 'There is no active consent for this log');
    // Words in a category no consent covers would reach no service: the family is told, not ignored.
    ensure(
      active.some((consent) => consent.scope.categories.includes(command.category)),
      'OUTSIDE_CONSENT_SCOPE',
      'No active consent covers this information category, so no service would read it',
      { category: command.category },
    );
    const own = actor.kind === 'guardian' ? 'guardians_voice' : 'childs_voice';
    ensure(command.kind === own, 'INVALID_ENTRY_KIND', `You add entries of kind ${own}`);
    ensure(
      command.sharedWithGuardians,
      'INVALID_ENTRY_KIND',
      'The family’s own entries are shared with the family',
    );
  }
  if (command.correctsEntryId !== null) {
    const original = state.entries.get(command.correctsEntryId);
    const author = familyAuthorOf(actor);
    // The family corrects only what its member wrote themselves; any other entry is, to them, not
    // there — the same answer as an id of nothing, so a hidden entry's id is no oracle (found from
    // outside: a mother could "correct" her child's own words, kept from her).
    ensure(
      original && (author === null || original.familyAuthor === author),
      'ENTRY_NOT_FOUND',
      'The entry to correct is not in this log',
    );
    ensure(
      original.serviceId === serviceId,
      'CORRECTION_BY_OTHER_SERVICE',
      'An entry is corrected by the service that wrote it',
    );
    // Read by those who read the original and no others: shared with the family, an internal
    // entry's correction told them of it (and its id); in another category, words a consent or the
    // young person kept from a reader reached them (found from outside).
    ensure(
      original.category === command.category &&
        original.sharedWithGuardians === command.sharedWithGuardians,
      'CORRECTION_CHANGES_READERS',
      'A correction keeps the original’s category and whether the family sees it',
      { category: original.category, sharedWithGuardians: original.sharedWithGuardians },
    );
  }
  ensure(
    !state.entries.has(command.entryId),
    'ENTRY_EXISTS',
    'An entry with this id exists already',
  );
  return [
    {
      type: 'EntryAdded',
      data: {
        entryId: command.entryId,
        kind: command.kind,
        author: actor,
        serviceId,
        category: command.category,
        sharedWithGuardians: command.sharedWithGuardians,
        correctsEntryId: command.correctsEntryId,
        at: given.at,
        personal: { text: command.text },
      },
    },
  ];
}
