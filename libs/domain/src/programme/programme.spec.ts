import { deciderSpec } from '../testing/decider-spec';
import { facts as logFacts } from '../testing/stafettlogg-fixtures';
import { programmeDecider, type ProgrammeCommand, type ProgrammeEvent } from './programme';

const admin = {
  subject: 'admin-vt',
  role: 'admin',
  municipalityId: 'vestre-toten',
  serviceId: null,
} as const;
const spec = deciderSpec(programmeDecider, {
  by: admin,
  at: '2026-03-20T10:00:00.000Z',
  facts: { municipality: logFacts.municipality },
});
const register: ProgrammeCommand = {
  type: 'RegisterInitiative',
  initiativeId: 'familiekoordinator',
  name: 'Familiekoordinator',
  purpose: 'Én kontaktperson for familier med sammensatte behov',
  targetGroup: 'Familier med barn 0–18 med tjenester fra flere sektorer',
  serviceIds: ['helsestasjon', 'nav'],
  sectors: ['helsestasjon', 'nav'],
  evaluationMethod: 'Brukerundersøkelse og tidsbruk før/etter',
  status: 'planned',
};
const allocate = (amountNok: number, allocationId = 'a1'): ProgrammeCommand => ({
  type: 'AllocateGrant',
  allocationId,
  year: 2026,
  scheme: 'kap-765-post-60',
  amountNok,
});
const commit = (amountNok: number, commitmentId = 'c1'): ProgrammeCommand => ({
  type: 'CommitFunds',
  commitmentId,
  initiativeId: 'familiekoordinator',
  year: 2026,
  scheme: 'kap-765-post-60',
  amountNok,
});
const history = (...commands: ProgrammeCommand[]) =>
  commands.reduce<ProgrammeEvent[]>(
    (events, command) => [...events, ...spec.given(events).when(command).events()],
    [],
  );

describe('the programme register', () => {
  it('registers an initiative with its purpose, target group, services, sectors and evaluation method', () => {
    expect(history(register)[0]).toMatchObject({
      type: 'InitiativeRegistered',
      data: {
        initiativeId: 'familiekoordinator',
        municipalityId: 'vestre-toten',
        status: 'planned',
      },
    });
  });

  it.each([
    ['its id is taken', [register], register, 'INITIATIVE_EXISTS'],
    ['a service is unknown', [], { ...register, serviceIds: ['x'] }, 'UNKNOWN_SERVICE'],
    ['a sector is unknown', [], { ...register, sectors: ['x'] }, 'UNKNOWN_SECTOR'],
    ['it has no purpose', [], { ...register, purpose: '' }, 'TEXT_REQUIRED'],
    ['it starts as ended', [], { ...register, status: 'ended' }, 'INVALID_STATUS_CHANGE'],
  ] as const)('refuses an initiative when %s', (_, given, command, code) => {
    spec
      .given(history(...(given as readonly ProgrammeCommand[])))
      .when(command as ProgrammeCommand)
      .thenFails(code);
  });

  it('moves an initiative forward only: planned → piloting → in operation → ended', () => {
    const piloting = history(register, {
      type: 'ChangeInitiativeStatus',
      initiativeId: 'familiekoordinator',
      status: 'piloting',
      note: null,
    });
    expect(piloting[1]).toMatchObject({ data: { from: 'planned', to: 'piloting' } });
    spec
      .given(piloting)
      .when({
        type: 'ChangeInitiativeStatus',
        initiativeId: 'familiekoordinator',
        status: 'planned',
        note: null,
      })
      .thenFails('INVALID_STATUS_CHANGE');
    spec
      .given(piloting)
      .when({ type: 'ChangeInitiativeStatus', initiativeId: 'x', status: 'ended', note: null })
      .thenFails('INITIATIVE_NOT_FOUND');
  });

  it('keeps evaluation reports as references, published in the past', () => {
    const report = {
      type: 'AddEvaluationReport',
      initiativeId: 'familiekoordinator',
      reportId: 'r1',
      title: 'Evaluering av familiekoordinator 2025',
      reference: 'https://example.org/rapport.pdf',
      publishedOn: '2025-12-01',
    } as const;
    const added = history(register, report);
    expect(added[1].type).toBe('InitiativeEvaluationReportAdded');
    spec.given(added).when(report).thenFails('REPORT_EXISTS');
    spec
      .given(history(register))
      .when({ ...report, publishedOn: '2027-01-01' })
      .thenFails('INVALID_DATE');
  });

  it('commits funds to an initiative only from what is allocated and left, per year and scheme', () => {
    const funded = history(register, allocate(1_000_000), commit(600_000));
    expect(funded.map((e) => e.type)).toEqual([
      'InitiativeRegistered',
      'GrantAllocated',
      'FundsCommitted',
    ]);
    spec.given(funded).when(commit(500_000, 'c2')).thenFails('FUNDS_EXCEEDED');
    spec.given(funded).when(commit(100, 'c1')).thenFails('COMMITMENT_EXISTS');
    spec
      .given(funded)
      .when({
        ...(commit(1, 'c3') as Extract<ProgrammeCommand, { type: 'CommitFunds' }>),
        scheme: 'kap-231-post-63',
      })
      .thenFails('NOT_ALLOCATED');
    spec.given(history(register)).when(allocate(0)).thenFails('INVALID_AMOUNT');
    spec.given(history(register)).when(allocate(1.5)).thenFails('INVALID_AMOUNT');
    spec
      .given(history(register))
      .when({
        ...(allocate(1) as Extract<ProgrammeCommand, { type: 'AllocateGrant' }>),
        year: 1999,
      })
      .thenFails('INVALID_YEAR');
    spec
      .given(history(allocate(5)))
      .when(allocate(5))
      .thenFails('ALLOCATION_EXISTS');
    const supplemented = history(register, allocate(1_000_000), allocate(500_000, 'a2'));
    expect(spec.given(supplemented).when(commit(1_500_000)).events()).toHaveLength(1);
  });

  it('marks the baseline (nullpunkt) once', () => {
    const marked = history({ type: 'MarkBaseline', date: '2026-01-01', note: 'Go-live' });
    spec
      .given(marked)
      .when({ type: 'MarkBaseline', date: '2026-02-01', note: null })
      .thenFails('BASELINE_EXISTS');
    spec
      .given([])
      .when({ type: 'MarkBaseline', date: '2026-12-01', note: null })
      .thenFails('INVALID_DATE');
  });
});
