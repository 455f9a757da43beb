import { ApiAnswer } from '@bti/http';
import { Controller, Get } from '@nestjs/common';
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
  me(@CurrentActor() actor: Actor): Actor {
    return actor;
  }
}
