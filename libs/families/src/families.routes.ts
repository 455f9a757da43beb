import { COMMAND_ROLES } from '@bti/access';
import { route, type CommandRouteTable } from '@bti/http';
import type { FamilyCommand } from '@bti/domain';
import {
  AddGuardianDto,
  AddSubjectDto,
  EraseFamilyDto,
  LinkSubjectIdentityDto,
  RecordBirthDto,
  RegisterFamilyDto,
} from './families.dto';
import { DispatchToFamily } from './families.slice';

const family = ({ familyId }: Record<string, string>) => familyId;

export const familyRoutes: CommandRouteTable<FamilyCommand> = {
  name: 'FamilyCommandsController',
  prefix: 'families',
  tag: 'families',
  roles: COMMAND_ROLES.family,
  params: { familyId: 'uuid', subjectId: 'uuid' },
  dispatch: (familyId, command, envelope) => new DispatchToFamily(familyId, command, envelope),
  routes: [
    route({
      type: 'RegisterFamily',
      path: '',
      body: RegisterFamilyDto,
      summary: 'Register a family in your municipality',
      target: (_, b) => b.familyId,
      command: (b) => ({ type: 'RegisterFamily', familyId: b.familyId }),
    }),
    route({
      type: 'AddSubject',
      path: ':familyId/subjects',
      body: AddSubjectDto,
      summary: 'Add a child (under 18), a young person (13 to 24) or a pregnancy',
      target: family,
      command: (b) => ({
        type: 'AddSubject',
        subject: {
          subjectId: b.subjectId,
          kind: b.kind,
          identitySubject: b.identitySubject ?? null,
          personal: {
            name: b.name,
            birthDate: b.birthDate ?? null,
            expectedBirthDate: b.expectedBirthDate ?? null,
          },
        },
      }),
    }),
    route({
      type: 'RecordBirth',
      path: ':familyId/subjects/:subjectId/birth',
      body: RecordBirthDto,
      summary: 'Record the birth: the pregnancy becomes a child',
      target: family,
      command: (b, p) => ({
        type: 'RecordBirth',
        subjectId: p.subjectId,
        name: b.name,
        birthDate: b.birthDate,
      }),
    }),
    route({
      type: 'LinkSubjectIdentity',
      path: ':familyId/subjects/:subjectId/identity',
      body: LinkSubjectIdentityDto,
      summary:
        'Link a young person’s sign-in (from 13), so they can consent and read their own log',
      target: family,
      command: (b, p) => ({
        type: 'LinkSubjectIdentity',
        subjectId: p.subjectId,
        identitySubject: b.identitySubject,
      }),
    }),
    route({
      type: 'AddGuardian',
      path: ':familyId/guardians',
      body: AddGuardianDto,
      summary: 'Add a guardian, with or without parental responsibility',
      target: family,
      command: (b) => ({
        type: 'AddGuardian',
        guardian: {
          guardianId: b.guardianId,
          identitySubject: b.identitySubject,
          parentalResponsibility: b.parentalResponsibility,
          personal: { name: b.name, contact: b.contact ?? null },
        },
      }),
    }),
    route({
      type: 'EraseFamily',
      path: ':familyId/erasure',
      body: EraseFamilyDto,
      summary:
        'Erase the family’s personal data (crypto-shredding): its key is deleted and the read models rebuilt without it',
      target: family,
      command: (b) => ({ type: 'EraseFamily', reasonCode: b.reasonCode }),
    }),
  ],
};
