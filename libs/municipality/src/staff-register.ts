import { Inject, Injectable } from '@nestjs/common';
import type { StaffRegister, StaffRegistration } from '@bti/access';
import { StreamStates } from '@bti/command-handling';
import { municipalityDecider, municipalityStream } from '@bti/domain';

/**
 * The staff register read from the municipality's own stream (through the stream cache), so a person
 * registered by one request can act in the next, on any node.
 */
@Injectable()
export class MunicipalityStaffRegister implements StaffRegister {
  constructor(@Inject(StreamStates) private readonly streams: StreamStates) {}

  async find(municipalityId: string, subject: string): Promise<StaffRegistration | null> {
    const { state } = await this.streams.load(
      municipalityStream(municipalityId),
      municipalityDecider,
    );
    if (state.status !== 'enrolled') return null;
    const staff = state.staff[subject];
    return staff
      ? {
          staffId: staff.staffId,
          serviceId: staff.serviceId,
          role: staff.role,
          active: staff.active,
        }
      : null;
  }
}
