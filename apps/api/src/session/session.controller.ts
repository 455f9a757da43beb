import { ApiAnswer, ReadQueryDto } from '@bti/http';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AllowRoles, CurrentActor } from '@bti/access';
import { ROLES, type Actor } from '@bti/domain';

@ApiTags('session')
@ApiBearerAuth()
@Controller('me')
export class SessionController {
  @Get()
  @AllowRoles(...ROLES)
  @ApiOperation({
    summary: 'Who the bearer token says you are: subject, role, municipality, service',
  })
  @ApiAnswer('Actor', {
    example: {
      subject: 'staff-17',
      role: 'staff',
      municipalityId: 'vestre-toten',
      serviceId: 'helsestasjon',
    },
  })
  @ApiUnauthorizedResponse({ description: 'No token, or a token that is expired or not ours' })
  // The query is taken only to be validated: the token is read, no read model, so a minPosition has
  // nothing to wait for; any other parameter is refused, as on every read.
  me(@CurrentActor() actor: Actor, @Query() _query: ReadQueryDto): Actor {
    return actor;
  }
}
