import { Global, Module } from '@nestjs/common';
import { FAMILY_MEMBER_NAMES } from '@bti/access';
import { RegisteredFamilyMemberNames } from '@bti/families';

/** Ports one context serves to another, wired here so that no context imports another. */
@Global()
@Module({
  providers: [{ provide: FAMILY_MEMBER_NAMES, useClass: RegisteredFamilyMemberNames }],
  exports: [FAMILY_MEMBER_NAMES],
})
export class PortsModule {}
