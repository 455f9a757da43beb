import { Inject, Injectable } from '@nestjs/common';
import { readIsRecorded, type AccessRecorder, type ReadToRecord } from '@bti/access';
import { accessLogStream, type Actor, type CaseRecordRead } from '@bti/domain';
import { EVENT_STORE, recordedFact, type EventStore, type JsonObject } from '@bti/event-store';
import { CLOCK, type Clock } from '@bti/http';

/**
 * Appends each read by someone outside the family to the family's access log and waits until it is
 * on disk: the caller answers only after that, so no read goes unrecorded. Reads of one family by
 * several people at once never conflict: the access log only ever grows.
 */
@Injectable()
export class EventStoreAccessRecorder implements AccessRecorder {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async recordRead(actor: Actor, read: ReadToRecord): Promise<void> {
    if (!readIsRecorded(actor)) return;
    const at = this.clock().toISOString();
    const data: CaseRecordRead = {
      ...read,
      reasonCode: read.reasonCode ?? null,
      reader: {
        subject: actor.subject,
        role: actor.role,
        serviceId: actor.serviceId,
        municipalityId: actor.municipalityId,
      },
      at,
    };
    await this.store.append(
      accessLogStream(read.familyId),
      [recordedFact('CaseRecordRead', data as unknown as JsonObject, actor, at)],
      'any',
    );
  }
}
