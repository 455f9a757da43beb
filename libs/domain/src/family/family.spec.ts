import { DomainRuleViolation } from '../shared/domain-rule-violation';
import { deciderSpec, SPEC_ACTOR } from '../testing/decider-spec';
import { familyDecider, type FamilyEvent, type Subject } from './family';

const spec = deciderSpec(familyDecider, {
  by: SPEC_ACTOR,
  at: '2026-03-01T10:00:00.000Z',
  facts: { municipality: { municipalityId: 'vestre-toten' } },
});
const registered: FamilyEvent = {
  type: 'FamilyRegistered',
  data: { familyId: 'f1', municipalityId: 'vestre-toten' },
};
const child = (birthDate: string, kind: Subject['kind'] = 'child'): Subject => ({
  subjectId: 'c1',
  kind,
  identitySubject: null,
  personal: { name: 'Ola', birthDate, expectedBirthDate: null },
});
const pregnancy: Subject = {
  subjectId: 'p1',
  kind: 'pregnancy',
  identitySubject: null,
  personal: { name: 'Baby', birthDate: null, expectedBirthDate: '2026-06-01' },
};

/** The code and details a command is refused with: what a client gets besides the message. */
function refusal(decide: () => unknown): { code: string; details: unknown } {
  try {
    decide();
  } catch (error) {
    if (error instanceof DomainRuleViolation) return { code: error.code, details: error.details };
    throw error;
  }
  throw new Error('The command was not refused');
}

describe('family decider', () => {
  it('registers a family in the registering staff member’s municipality', () => {
    spec.given([]).when({ type: 'RegisterFamily', familyId: 'f1' }).then([registered]);
    spec
      .given([])
      .when({ type: 'RegisterFamily', familyId: 'f1' }, { facts: { municipality: null } })
      .thenFails('MUNICIPALITY_NOT_ENROLLED');
  });

  it('refuses a taken family id with the same answer whichever municipality holds it', () => {
    spec
      .given([registered])
      .when({ type: 'RegisterFamily', familyId: 'f1' })
      .thenFails('FAMILY_ID_TAKEN');
    spec
      .given([registered])
      .when(
        { type: 'RegisterFamily', familyId: 'f1' },
        { facts: { municipality: { municipalityId: 'siljan' } } },
      )
      .thenFails('FAMILY_ID_TAKEN');
  });

  it('adds a child, a young person and a pregnancy', () => {
    spec
      .given([registered])
      .when({ type: 'AddSubject', subject: child('2018-04-02') })
      .then([{ type: 'SubjectAdded', data: child('2018-04-02') }]);
    spec
      .given([registered])
      .when({ type: 'AddSubject', subject: child('2004-01-01', 'youth') })
      .then([{ type: 'SubjectAdded', data: child('2004-01-01', 'youth') }]);
    spec
      .given([registered])
      .when({ type: 'AddSubject', subject: pregnancy })
      .then([{ type: 'SubjectAdded', data: pregnancy }]);
  });

  it.each([
    ['a subject of 25', child('2001-02-28', 'youth'), 'SUBJECT_TOO_OLD'],
    ['a "child" of 18', child('2008-01-01'), 'INVALID_SUBJECT'],
    ['a birth date in the future', child('2026-05-01'), 'INVALID_SUBJECT'],
    [
      'a child without a birth date',
      { ...child('2018-01-01'), personal: { name: 'x', birthDate: null, expectedBirthDate: null } },
      'INVALID_SUBJECT',
    ],
    [
      'a pregnancy without an expected date',
      { ...pregnancy, personal: { name: 'x', birthDate: null, expectedBirthDate: null } },
      'INVALID_SUBJECT',
    ],
    [
      'a pregnancy expected years ago',
      { ...pregnancy, personal: { name: 'x', birthDate: null, expectedBirthDate: '2020-01-01' } },
      'INVALID_SUBJECT',
    ],
    ['a "youth" of 5', child('2020-06-01', 'youth'), 'INVALID_SUBJECT'],
    ['a "youth" of 12, a day short of 13', child('2013-03-02', 'youth'), 'INVALID_SUBJECT'],
    [
      'a child with an expected birth date as well',
      {
        ...child('2018-01-01'),
        personal: { ...child('2018-01-01').personal, expectedBirthDate: '2018-01-10' },
      },
      'INVALID_SUBJECT',
    ],
    [
      'a young person with an expected birth date as well',
      {
        ...child('2010-01-01', 'youth'),
        personal: { ...child('2010-01-01').personal, expectedBirthDate: '2010-01-10' },
      },
      'INVALID_SUBJECT',
    ],
    [
      'a pregnancy expected years ahead',
      { ...pregnancy, personal: { name: 'x', birthDate: null, expectedBirthDate: '2030-01-01' } },
      'INVALID_SUBJECT',
    ],
  ])('refuses %s', (_, subject, code) => {
    spec.given([registered]).when({ type: 'AddSubject', subject }).thenFails(code);
  });

  it('takes a young person from 13, and says how old the one refused is', () => {
    spec
      .given([registered])
      .when({ type: 'AddSubject', subject: child('2013-03-01', 'youth') })
      .then([{ type: 'SubjectAdded', data: child('2013-03-01', 'youth') }]);
    expect(
      refusal(() =>
        spec
          .given([registered])
          .when({ type: 'AddSubject', subject: child('2020-06-01', 'youth') })
          .events(),
      ),
    ).toEqual({
      code: 'INVALID_SUBJECT',
      details: { age: 5 },
    });
  });

  it('turns a pregnancy into a child at birth', () => {
    spec
      .given([registered, { type: 'SubjectAdded', data: pregnancy }])
      .when({ type: 'RecordBirth', subjectId: 'p1', name: 'Nora', birthDate: '2026-02-20' })
      .then([
        {
          type: 'ChildBorn',
          data: {
            subjectId: 'p1',
            personal: { name: 'Nora', birthDate: '2026-02-20', expectedBirthDate: '2026-06-01' },
          },
        },
      ]);
    const born = familyDecider.evolve(
      familyDecider.evolve(familyDecider.evolve(familyDecider.initialState(), registered), {
        type: 'SubjectAdded',
        data: pregnancy,
      }),
      {
        type: 'ChildBorn',
        data: {
          subjectId: 'p1',
          personal: { name: 'Nora', birthDate: '2026-02-20', expectedBirthDate: null },
        },
      },
    );
    expect(born.status === 'registered' && born.subjects.p1.kind).toBe('child');
    // The child born keeps the date it was expected, though a child added as born may not have one.
    const recorded = spec
      .given([registered, { type: 'SubjectAdded', data: pregnancy }])
      .when({ type: 'RecordBirth', subjectId: 'p1', name: 'Nora', birthDate: '2026-02-20' })
      .events();
    const bornChild = recorded.reduce(
      familyDecider.evolve,
      familyDecider.evolve(familyDecider.evolve(familyDecider.initialState(), registered), {
        type: 'SubjectAdded',
        data: pregnancy,
      }),
    );
    expect(bornChild.status === 'registered' && bornChild.subjects.p1).toMatchObject({
      kind: 'child',
      personal: { birthDate: '2026-02-20', expectedBirthDate: '2026-06-01' },
    });
    spec
      .given([registered, { type: 'SubjectAdded', data: child('2018-01-01') }])
      .when({ type: 'RecordBirth', subjectId: 'c1', name: 'x', birthDate: '2026-01-01' })
      .thenFails('NOT_A_PREGNANCY');
    // A birth in 1950 made a newborn of 76 (found from outside).
    spec
      .given([registered, { type: 'SubjectAdded', data: pregnancy }])
      .when({ type: 'RecordBirth', subjectId: 'p1', name: 'x', birthDate: '1950-01-01' })
      .thenFails('INVALID_SUBJECT');
  });

  it('adds guardians with and without parental responsibility, each person once', () => {
    const mother = {
      guardianId: 'g1',
      identitySubject: 'idp|mor',
      parentalResponsibility: true,
      personal: { name: 'Mor', contact: null },
    };
    spec
      .given([registered])
      .when({ type: 'AddGuardian', guardian: mother })
      .then([{ type: 'GuardianAdded', data: mother }]);
    spec
      .given([registered, { type: 'GuardianAdded', data: mother }])
      .when({ type: 'AddGuardian', guardian: { ...mother, guardianId: 'g2' } })
      .thenFails('GUARDIAN_EXISTS');
    spec.given([]).when({ type: 'AddGuardian', guardian: mother }).thenFails('FAMILY_NOT_FOUND');
    // One id, one person: a guardian of a child's id, or a child of a guardian's (found from outside).
    const aChild = { type: 'SubjectAdded', data: child('2018-01-01') } as const;
    spec
      .given([registered, aChild])
      .when({ type: 'AddGuardian', guardian: { ...mother, guardianId: aChild.data.subjectId } })
      .thenFails('GUARDIAN_EXISTS');
    spec
      .given([registered, { type: 'GuardianAdded', data: mother }])
      .when({ type: 'AddSubject', subject: { ...child('2018-01-01'), subjectId: 'g1' } })
      .thenFails('SUBJECT_EXISTS');
  });

  it('links a sign-in from 13, never to a pregnancy, and says how old the one refused is', () => {
    const aged = (birthDate: string, kind: Subject['kind'] = 'child') =>
      ({ type: 'SubjectAdded', data: child(birthDate, kind) }) as const;
    const link = {
      type: 'LinkSubjectIdentity',
      subjectId: 'c1',
      identitySubject: 'idp|ola',
    } as const;
    spec
      .given([registered, aged('2013-03-01')])
      .when(link)
      .then([
        { type: 'SubjectIdentityLinked', data: { subjectId: 'c1', identitySubject: 'idp|ola' } },
      ]);
    spec
      .given([registered, aged('2013-03-02')])
      .when(link)
      .thenFails('BELOW_SIGN_IN_AGE');
    expect(
      refusal(() =>
        spec
          .given([registered, aged('2023-01-01')])
          .when(link)
          .events(),
      ),
    ).toEqual({ code: 'BELOW_SIGN_IN_AGE', details: { age: 3 } });
    // Added with a sign-in as with one linked later.
    spec
      .given([registered])
      .when({
        type: 'AddSubject',
        subject: { ...child('2023-01-01'), identitySubject: 'idp|ola' },
      })
      .thenFails('BELOW_SIGN_IN_AGE');
    spec
      .given([registered])
      .when({
        type: 'AddSubject',
        subject: { ...child('2012-01-01', 'youth'), identitySubject: 'idp|ola' },
      })
      .then([
        {
          type: 'SubjectAdded',
          data: { ...child('2012-01-01', 'youth'), identitySubject: 'idp|ola' },
        },
      ]);
    spec
      .given([registered])
      .when({ type: 'AddSubject', subject: { ...pregnancy, identitySubject: 'idp|baby' } })
      .thenFails('INVALID_SUBJECT');
  });

  it('links a young person’s sign-in, once, and never one that belongs to someone else in the family', () => {
    const youth = { type: 'SubjectAdded', data: child('2010-01-01', 'youth') } as const;
    const mother = {
      type: 'GuardianAdded',
      data: {
        guardianId: 'g1',
        identitySubject: 'idp|mor',
        parentalResponsibility: true,
        personal: { name: 'Mor', contact: null },
      },
    } as const;
    spec
      .given([registered, youth])
      .when({ type: 'LinkSubjectIdentity', subjectId: 'c1', identitySubject: 'idp|ola' })
      .then([
        { type: 'SubjectIdentityLinked', data: { subjectId: 'c1', identitySubject: 'idp|ola' } },
      ]);
    spec
      .given([registered, youth, mother])
      .when({ type: 'LinkSubjectIdentity', subjectId: 'c1', identitySubject: 'idp|mor' })
      .thenFails('IDENTITY_IN_USE');
    // Nor when a member is added with it: a young person as the mother, or a guardian as the child.
    const linked = {
      type: 'SubjectIdentityLinked',
      data: { subjectId: 'c1', identitySubject: 'idp|ola' },
    } as const;
    spec
      .given([registered, youth, mother])
      .when({
        type: 'AddSubject',
        subject: { ...child('2009-01-01', 'youth'), subjectId: 'c2', identitySubject: 'idp|mor' },
      })
      .thenFails('IDENTITY_IN_USE');
    spec
      .given([registered, youth, linked])
      .when({
        type: 'AddGuardian',
        guardian: { ...mother.data, guardianId: 'g2', identitySubject: 'idp|ola' },
      })
      .thenFails('IDENTITY_IN_USE');
    spec
      .given([registered, { type: 'SubjectAdded', data: pregnancy }])
      .when({ type: 'LinkSubjectIdentity', subjectId: 'p1', identitySubject: 'idp|x' })
      .thenFails('INVALID_SUBJECT');
    spec
      .given([registered])
      .when({ type: 'LinkSubjectIdentity', subjectId: 'nope', identitySubject: 'idp|x' })
      .thenFails('SUBJECT_NOT_FOUND');
  });
});
