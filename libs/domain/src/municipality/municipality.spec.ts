import { deciderSpec, SPEC_ACTOR, SPEC_AT } from '../testing/decider-spec';
import {
  DEFAULT_HANDLINGSVEILEDER,
  municipalityDecider,
  NO_MUNICIPALITY_FACTS,
  type MunicipalityEvent,
} from './municipality';

const spec = deciderSpec(municipalityDecider, {
  by: SPEC_ACTOR,
  at: SPEC_AT,
  facts: NO_MUNICIPALITY_FACTS,
});
const enrolled: MunicipalityEvent = {
  type: 'MunicipalityEnrolled',
  data: {
    municipalityId: 'vestre-toten',
    name: 'Vestre Toten',
    county: 'Innlandet',
    handlingsveileder: DEFAULT_HANDLINGSVEILEDER,
  },
};
const helsestasjon: MunicipalityEvent = {
  type: 'ServiceRegistered',
  data: { serviceId: 'helsestasjon', name: 'Helsestasjon', sector: 'helsestasjon', alsoServes: [] },
};
const rules = { ...DEFAULT_HANDLINGSVEILEDER };

describe('municipality decider', () => {
  it('enrols a municipality with the default handlingsveileder (14 days, consent age 16, 60 days)', () => {
    spec
      .given([])
      .when({
        type: 'EnrolMunicipality',
        municipalityId: 'vestre-toten',
        name: 'Vestre Toten',
        county: 'Innlandet',
      })
      .then([enrolled]);
    expect(DEFAULT_HANDLINGSVEILEDER).toMatchObject({
      concernDecisionDeadlineDays: 14,
      consentAge: 16,
      inactivityThresholdDays: 60,
    });
  });

  it('enrols only once', () => {
    spec
      .given([enrolled])
      .when({ type: 'EnrolMunicipality', municipalityId: 'vestre-toten', name: 'x', county: 'y' })
      .thenFails('MUNICIPALITY_ALREADY_ENROLLED');
  });

  it('registers services, including one hosted for other municipalities', () => {
    const hosted = {
      serviceId: 'barnevern',
      name: 'Barnevern',
      sector: 'barnevern' as const,
      alsoServes: ['ostre-toten'],
    };
    spec
      .given([enrolled])
      .when(
        { type: 'RegisterService', service: hosted },
        { facts: { enrolledNeighbours: ['ostre-toten'] } },
      )
      .then([{ type: 'ServiceRegistered', data: hosted }]);
  });

  it('refuses a service also serving a municipality that is not enrolled, or one named twice', () => {
    const hosting = (alsoServes: string[]) => ({
      type: 'RegisterService' as const,
      service: { ...helsestasjon.data, alsoServes },
    });
    const neighbours = { facts: { enrolledNeighbours: ['ostre-toten'] } };
    spec
      .given([enrolled])
      .when(hosting(['ostre-toten', 'ingen-kommune']), neighbours)
      .thenFails('MUNICIPALITY_NOT_ENROLLED');
    spec
      .given([enrolled])
      .when(hosting(['ostre-toten']))
      .thenFails('MUNICIPALITY_NOT_ENROLLED');
    spec
      .given([enrolled])
      .when(hosting(['ostre-toten', 'ostre-toten']), neighbours)
      .thenFails('INVALID_HOSTING');
  });

  it.each([
    [
      'a service before enrolment',
      [],
      { type: 'RegisterService', service: helsestasjon.data },
      'MUNICIPALITY_NOT_ENROLLED',
    ],
    [
      'a service twice',
      [enrolled, helsestasjon],
      { type: 'RegisterService', service: helsestasjon.data },
      'SERVICE_ALREADY_REGISTERED',
    ],
    [
      'a service "also serving" its own municipality',
      [enrolled],
      { type: 'RegisterService', service: { ...helsestasjon.data, alsoServes: ['vestre-toten'] } },
      'INVALID_HOSTING',
    ],
    [
      'staff of an unknown service',
      [enrolled],
      {
        type: 'RegisterStaff',
        staff: { staffId: 's1', serviceId: 'nope', displayName: 'A', role: 'staff' },
      },
      'UNKNOWN_SERVICE',
    ],
    [
      'a consent age of 14',
      [enrolled],
      { type: 'ConfigureHandlingsveileder', rules: { ...rules, consentAge: 14 } },
      'INVALID_CONSENT_AGE',
    ],
    [
      'a deadline of 0 days',
      [enrolled],
      { type: 'ConfigureHandlingsveileder', rules: { ...rules, concernDecisionDeadlineDays: 0 } },
      'INVALID_DEADLINE',
    ],
    [
      'levels without level 0',
      [enrolled],
      {
        type: 'ConfigureHandlingsveileder',
        rules: { ...rules, levels: [{ level: 2, name: 'x' }] },
      },
      'INVALID_LEVELS',
    ],
    [
      'only level 0',
      [enrolled],
      {
        type: 'ConfigureHandlingsveileder',
        rules: { ...rules, levels: [{ level: 0, name: 'x' }] },
      },
      'INVALID_LEVELS',
    ],
    [
      'a level named with a space at its end',
      [enrolled],
      {
        type: 'ConfigureHandlingsveileder',
        rules: {
          ...rules,
          levels: rules.levels.map((l) => (l.level === 1 ? { ...l, name: `${l.name} ` } : l)),
        },
      },
      'INVALID_LEVELS',
    ],
    [
      'a level named with a zero-width space at its start',
      [enrolled],
      {
        type: 'ConfigureHandlingsveileder',
        rules: {
          ...rules,
          levels: rules.levels.map((l) => (l.level === 1 ? { ...l, name: `\u200b${l.name}` } : l)),
        },
      },
      'INVALID_LEVELS',
    ],
    [
      'a level named with nothing but a soft hyphen',
      [enrolled],
      {
        type: 'ConfigureHandlingsveileder',
        rules: {
          ...rules,
          levels: rules.levels.map((l) => (l.level === 1 ? { ...l, name: '\u00ad' } : l)),
        },
      },
      'INVALID_LEVELS',
    ],
    [
      'a level named with a Hangul filler at its end',
      [enrolled],
      {
        type: 'ConfigureHandlingsveileder',
        rules: {
          ...rules,
          levels: rules.levels.map((l) => (l.level === 1 ? { ...l, name: `${l.name}\u3164` } : l)),
        },
      },
      'INVALID_LEVELS',
    ],
    [
      'a level named with a variation selector at its end',
      [enrolled],
      {
        type: 'ConfigureHandlingsveileder',
        rules: {
          ...rules,
          levels: rules.levels.map((l) => (l.level === 1 ? { ...l, name: `${l.name}\ufe0f` } : l)),
        },
      },
      'INVALID_LEVELS',
    ],
    [
      'a level named with a grapheme joiner at its end',
      [enrolled],
      {
        type: 'ConfigureHandlingsveileder',
        rules: {
          ...rules,
          levels: rules.levels.map((l) => (l.level === 1 ? { ...l, name: `${l.name}\u034f` } : l)),
        },
      },
      'INVALID_LEVELS',
    ],
    [
      'a level named with a combining mark at its start',
      [enrolled],
      {
        type: 'ConfigureHandlingsveileder',
        rules: {
          ...rules,
          levels: rules.levels.map((l) => (l.level === 1 ? { ...l, name: `\u0301${l.name}` } : l)),
        },
      },
      'INVALID_LEVELS',
    ],
    [
      'a catalogue entry of an unknown service',
      [enrolled],
      {
        type: 'AddCatalogueEntry',
        entry: {
          entryId: 'c1',
          name: 'x',
          description: 'd',
          targetGroup: 't',
          contact: 'c',
          serviceId: 'nope',
        },
      },
      'UNKNOWN_SERVICE',
    ],
  ] as const)('refuses %s', (_, given, command, code) => {
    spec
      .given([...given])
      .when(command as never)
      .thenFails(code);
  });

  it('registers staff and versions each configuration change', () => {
    spec
      .given([enrolled, helsestasjon])
      .when({
        type: 'RegisterStaff',
        staff: {
          staffId: 's1',
          serviceId: 'helsestasjon',
          displayName: 'Helsesykepleier Kari',
          role: 'staff',
        },
      })
      .then([
        {
          type: 'StaffRegistered',
          data: {
            staffId: 's1',
            serviceId: 'helsestasjon',
            displayName: 'Helsesykepleier Kari',
            role: 'staff',
          },
        },
      ]);
    const { version: _version, ...changed } = {
      ...rules,
      consentAge: 15 as const,
      levels: rules.levels.filter((l) => l.level !== 1),
    };
    spec
      .given([enrolled])
      .when({ type: 'ConfigureHandlingsveileder', rules: changed })
      .then([{ type: 'HandlingsveilederConfigured', data: { ...changed, version: 2 } }]);
  });

  it('refuses the rules in force again, in any order of their levels, with NO_CHANGE', () => {
    const { version: _version, ...inForce } = DEFAULT_HANDLINGSVEILEDER;
    spec
      .given([enrolled])
      .when({ type: 'ConfigureHandlingsveileder', rules: inForce })
      .thenFails('NO_CHANGE');
    spec
      .given([enrolled])
      .when({
        type: 'ConfigureHandlingsveileder',
        rules: { ...inForce, levels: [...inForce.levels].reverse() },
      })
      .thenFails('NO_CHANGE');
    const renamed = {
      ...inForce,
      levels: inForce.levels.map((l) =>
        l.level === 2 ? { ...l, name: 'Nivå 2: samhandling' } : l,
      ),
    };
    const configured = {
      type: 'HandlingsveilederConfigured',
      data: { ...renamed, version: 2 },
    } as const;
    spec
      .given([enrolled])
      .when({ type: 'ConfigureHandlingsveileder', rules: renamed })
      .then([configured]);
    spec
      .given([enrolled, configured])
      .when({ type: 'ConfigureHandlingsveileder', rules: renamed })
      .thenFails('NO_CHANGE');
    spec
      .given([enrolled, configured])
      .when({ type: 'ConfigureHandlingsveileder', rules: inForce })
      .then([{ type: 'HandlingsveilederConfigured', data: { ...inForce, version: 3 } }]);
    // A name ending in a letter written with a combining mark (å as a + ring) is a name as any.
    const decomposed = {
      ...inForce,
      levels: inForce.levels.map((l) => (l.level === 2 ? { ...l, name: 'Niva\u030a' } : l)),
    };
    expect(
      spec
        .given([enrolled])
        .when({ type: 'ConfigureHandlingsveileder', rules: decomposed })
        .events()[0].type,
    ).toBe('HandlingsveilederConfigured');
  });

  it('deactivates and reactivates a person in the staff register, each once', () => {
    const staff = {
      type: 'StaffRegistered',
      data: { staffId: 's1', serviceId: 'helsestasjon', displayName: 'A', role: 'staff' },
    } as const;
    const history = [enrolled, helsestasjon, staff];
    spec
      .given(history)
      .when({ type: 'DeactivateStaff', staffId: 's1' })
      .then([{ type: 'StaffDeactivated', data: { staffId: 's1' } }]);
    const deactivated = [
      ...history,
      { type: 'StaffDeactivated', data: { staffId: 's1' } } as const,
    ];
    const state = spec.given(deactivated).state;
    expect(state.status === 'enrolled' && state.staff.s1.active).toBe(false);
    spec.given(deactivated).when({ type: 'DeactivateStaff', staffId: 's1' }).thenFails('NO_CHANGE');
    spec
      .given(deactivated)
      .when({ type: 'ReactivateStaff', staffId: 's1' })
      .then([{ type: 'StaffReactivated', data: { staffId: 's1' } }]);
    spec.given(history).when({ type: 'ReactivateStaff', staffId: 's1' }).thenFails('NO_CHANGE');
    spec
      .given(history)
      .when({ type: 'DeactivateStaff', staffId: 'nobody' })
      .thenFails('STAFF_NOT_FOUND');
  });
});
