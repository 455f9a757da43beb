import { Module } from '@nestjs/common';
import { commandController } from '@bti/http';
import { StafettloggModule } from '@bti/stafettlogg';
import { ConsentQueriesController } from './consent-queries.controller';
import { consentRoutes } from './consent.routes';

/** Consent's endpoints (its commands are handled by the stafettlogg's handler, same stream) and the form. */
@Module({
  imports: [StafettloggModule],
  controllers: [commandController(consentRoutes), ConsentQueriesController],
})
export class ConsentModule {}
