import { Global, Module } from '@nestjs/common';
import { ACCESS_RECORDER, FAMILY_MEMBER_NAMES, LOG_CONSENTS, type LogConsents } from '@bti/access';
import { EventStoreAccessRecorder } from '@bti/access-log';
import { RegisteredFamilyMemberNames } from '@bti/families';
import { STAFETTLOGGER, StafettloggModule, StafettloggReadModel } from '@bti/stafettlogg';

/** Ports one context serves to another, wired here so that no context imports another. */
@Global()
@Module({
  imports: [StafettloggModule],
  providers: [
    { provide: FAMILY_MEMBER_NAMES, useClass: RegisteredFamilyMemberNames },
    { provide: ACCESS_RECORDER, useClass: EventStoreAccessRecorder },
    {
      provide: LOG_CONSENTS,
      inject: [StafettloggReadModel],
      useFactory: (logs: StafettloggReadModel): LogConsents => ({
        readModels: [STAFETTLOGGER],
        consentsOf: (logId) => logs.policyView(logId)?.consents ?? [],
      }),
    },
  ],
  exports: [FAMILY_MEMBER_NAMES, ACCESS_RECORDER, LOG_CONSENTS],
})
export class PortsModule {}
