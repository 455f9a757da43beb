import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { ROLES, type Role } from '@bti/domain';

export class OidcSignInDto {
  @ApiProperty({ example: 'https://idporten.no' })
  issuer!: string;

  @ApiProperty({ example: 'bti-web' })
  clientId!: string;

  @ApiProperty({
    description: 'The audience the API accepts; asked for as the token resource',
    example: 'bti-api',
  })
  audience!: string;

  @ApiProperty({ example: 'openid profile' })
  scope!: string;

  @ApiProperty({ example: 'https://idporten.no/authorize' })
  authorizationEndpoint!: string;

  @ApiProperty({ example: 'https://idporten.no/token' })
  tokenEndpoint!: string;

  @ApiProperty({ type: String, nullable: true, example: 'https://idporten.no/endsession' })
  endSessionEndpoint!: string | null;
}

export class WebConfigDto {
  @ApiProperty({
    type: OidcSignInDto,
    nullable: true,
    description: 'Sign-in through the OpenID Connect provider; null when none is configured',
  })
  oidc!: OidcSignInDto | null;

  @ApiProperty({
    description:
      'Whether the demo-person sign-in (GET /dev/people, POST /dev/sign-in) is there: development and test without OIDC only',
    example: false,
  })
  devSignIn!: boolean;
}

export class DemoPersonDto {
  @ApiProperty({ example: 'staff-kari' })
  subject!: string;

  @ApiProperty({ enum: ROLES, example: 'staff' })
  role!: Role;

  @ApiProperty({ example: 'Kari (helsesykepleier)' })
  name!: string;

  @ApiProperty({ type: String, nullable: true, example: 'vestre-toten' })
  municipalityId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'helsestasjon-raufoss' })
  serviceId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Helsestasjon Raufoss' })
  serviceName!: string | null;

  @ApiProperty({
    type: [String],
    description: 'For a guardian or young person: the children (or themself) they sign in about',
    example: ['Ola Nordmann'],
  })
  children!: string[];
}

export class DemoMunicipalityDto {
  @ApiProperty({ example: 'vestre-toten' })
  municipalityId!: string;

  @ApiProperty({ example: 'Vestre Toten kommune' })
  name!: string;

  @ApiProperty({ example: 'Innlandet' })
  county!: string;

  @ApiProperty({
    type: [DemoPersonDto],
    example: [
      {
        subject: 'staff-kari',
        role: 'staff',
        name: 'Kari (helsesykepleier)',
        municipalityId: 'vestre-toten',
        serviceId: 'helsestasjon-raufoss',
        serviceName: 'Helsestasjon Raufoss',
        children: [],
      },
    ],
  })
  people!: DemoPersonDto[];
}

export class DemoPeopleDto {
  @ApiProperty({
    type: [DemoMunicipalityDto],
    example: [
      {
        municipalityId: 'vestre-toten',
        name: 'Vestre Toten kommune',
        county: 'Innlandet',
        people: [],
      },
    ],
  })
  municipalities!: DemoMunicipalityDto[];
}

export class DevSignInDto {
  @ApiProperty({ example: 'idp|demo-mor', description: 'A demo person’s sign-in subject' })
  @IsString()
  @Length(1, 200)
  subject!: string;

  @ApiProperty({ enum: ROLES, example: 'guardian', description: 'The role to sign in with' })
  @IsIn(ROLES)
  role!: Role;
}

export class DevSessionDto {
  @ApiProperty({
    description: 'A development bearer token (8 hours)',
    example: 'eyJhbGciOiJFUzI1NiJ9…',
  })
  token!: string;

  @ApiProperty({ example: '2026-03-17T16:00:00.000Z' })
  expiresAt!: string;

  @ApiProperty({ type: DemoPersonDto })
  person!: DemoPersonDto;
}
