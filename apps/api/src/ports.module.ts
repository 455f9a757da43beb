import { Global, Module } from '@nestjs/common';
import { ACCESS_RECORDER, FAMILY_MEMBER_NAMES } from '@bti/access';
import { EventStoreAccessRecorder } from '@bti/access-log';
import { RegisteredFamilyMemberNames } from '@bti/families';

/** Ports one context serves to another, wired here so that no context imports another. */
@Global()
@Module({
  providers: [
    { provide: FAMILY_MEMBER_NAMES, useClass: RegisteredFamilyMemberNames },
    { provide: ACCESS_RECORDER, useClass: EventStoreAccessRecorder },
  ],
  exports: [FAMILY_MEMBER_NAMES, ACCESS_RECORDER],
})
export class PortsModule {}
