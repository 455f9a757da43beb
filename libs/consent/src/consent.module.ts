import { Module } from '@nestjs/common';
import { commandController } from '@bti/http';
import { consentRoutes } from './consent.routes';

/** Consent's endpoints; its commands are handled by the stafettlogg's handler (same stream). */
@Module({ controllers: [commandController(consentRoutes)] })
export class ConsentModule {}
