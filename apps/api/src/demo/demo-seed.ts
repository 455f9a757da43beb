import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { CommandEnvelope } from '@bti/command-handling';
import { CLOCK, type Clock } from '@bti/http';
import { DispatchToArena } from '@bti/arenas';
import { DispatchToConcern } from '@bti/concerns';
import { APP_CONFIG, type AppConfig } from '@bti/config';
import {
  addDays,
  dateOf,
  atHourInNorway,
  type Actor,
  type ConcernCommand,
  type FamilyCommand,
  type MunicipalityCommand,
  type ProgrammeCommand,
  type StafettloggCommand,
} from '@bti/domain';
import { deterministicUuid, EVENT_STORE, type EventStore } from '@bti/event-store';
import { DispatchToFamily } from '@bti/families';
import { DispatchToMeeting } from '@bti/meetings';
import { writePilotHistory } from '@bti/demo';
import { DispatchToMunicipality } from '@bti/municipality';
import { DispatchToProgramme } from '@bti/programme';
import { DispatchToStafettlogg } from '@bti/stafettlogg';

export const DEMO_MUNICIPALITY = 'vestre-toten';
const M = DEMO_MUNICIPALITY;
const id = (...parts: string[]) => deterministicUuid('demo-seed', ...parts);

const admin: Actor = {
  subject: 'admin-vestre-toten',
  role: 'admin',
  municipalityId: M,
  serviceId: null,
};
/** The joint barnevern serves Østre Toten too, which a service may name only once it is enrolled. */
const NEIGHBOUR = 'ostre-toten';
const neighbourAdmin: Actor = {
  subject: `admin-${NEIGHBOUR}`,
  role: 'admin',
  municipalityId: NEIGHBOUR,
  serviceId: null,
};
const kari: Actor = {
  subject: 'staff-kari',
  role: 'staff',
  municipalityId: M,
  serviceId: 'helsestasjon-raufoss',
};
const per: Actor = {
  subject: 'staff-per',
  role: 'staff',
  municipalityId: M,
  serviceId: 'barnehage-solsikken',
};
const lise: Actor = {
  subject: 'staff-lise',
  role: 'staff',
  municipalityId: M,
  serviceId: 'skole-raufoss',
};
const mother: Actor = {
  subject: 'idp|demo-mor',
  role: 'guardian',
  municipalityId: null,
  serviceId: null,
};

/**
 * A demo municipality (Vestre Toten, one of the pilot municipalities) with services, staff, a
 * catalogue and two families: one with an open stafettlogg, one with a concern still at nivå 0. Every
 * step goes through the real command path, with commandIds derived from the step's name: a second run,
 * or a run after a crash half-way, writes nothing twice. Then the twelve pilot municipalities with
 * synthetic families and two years of history (`@bti/demo`), so every view and metric has something
 * to show.
 */
/** The pilot histories' seed: the same families on every first start (`npm run seed:demo` for more). */
const DEMO_SEED_NUMBER = 2020;

@Injectable()
export class DemoSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(
    @Inject(CommandBus) private readonly commandBus: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demoSeed) return;
    const started = (await this.store.commandResult(id('enrol'))) !== null;
    // A log with an event of ours is real: leave it alone. (EventStoreDB writes its own system events,
    // so "the head is at 0" is never true there; they are not ours.)
    const ours = (await this.store.readAll({ maxCount: 1 })).length > 0;
    if (!started && ours) return;
    await this.seed();
    this.logger.log({ municipalityId: M }, 'demo municipality seeded');
    if (this.config.demoChildren === 0) return;
    const pilot = await writePilotHistory(this.store, {
      subjects: this.config.demoChildren,
      seed: DEMO_SEED_NUMBER,
      now: this.clock(),
    });
    this.logger.log(
      { events: pilot.events, seconds: pilot.seconds },
      'pilot municipalities seeded',
    );
  }

  private send(
    step: string,
    actor: Actor,
    dispatch: (envelope: CommandEnvelope) => object,
  ): Promise<unknown> {
    const envelope = { commandId: id(step), actor, occurredAt: this.clock().toISOString() };
    return this.commandBus.execute(dispatch(envelope));
  }

  async seed(): Promise<void> {
    const today = dateOf(this.clock().toISOString());
    const municipality = (step: string, command: MunicipalityCommand) =>
      this.send(step, admin, (e) => new DispatchToMunicipality(M, command, e));
    await municipality('enrol', {
      type: 'EnrolMunicipality',
      municipalityId: M,
      name: 'Vestre Toten kommune',
      county: 'Innlandet',
    });
    await this.send(
      'enrol-neighbour',
      neighbourAdmin,
      (e) =>
        new DispatchToMunicipality(
          NEIGHBOUR,
          {
            type: 'EnrolMunicipality',
            municipalityId: NEIGHBOUR,
            name: 'Østre Toten kommune',
            county: 'Innlandet',
          },
          e,
        ),
    );
    const services = [
      ['helsestasjon-raufoss', 'Helsestasjon Raufoss', 'helsestasjon', []],
      ['barnehage-solsikken', 'Solsikken barnehage', 'barnehage', []],
      ['skole-raufoss', 'Raufoss skole', 'skole', []],
      ['ppt-vestre-toten', 'PPT Vestre Toten', 'ppt', []],
      ['barnevern-toten', 'Barnevernet i Toten', 'barnevern', [NEIGHBOUR]],
      ['nav-vestre-toten', 'NAV Vestre Toten', 'nav', []],
      ['kultur-vestre-toten', 'Kulturskole og fritid', 'kultur', []],
    ] as const;
    for (const [serviceId, name, sector, alsoServes] of services) {
      await municipality(`service-${serviceId}`, {
        type: 'RegisterService',
        service: { serviceId, name, sector, alsoServes: [...alsoServes] },
      });
    }
    const staff = [
      ['staff-kari', 'helsestasjon-raufoss', 'Kari (helsesykepleier)', 'staff'],
      ['staff-per', 'barnehage-solsikken', 'Per (pedagogisk leder)', 'staff'],
      ['staff-lise', 'skole-raufoss', 'Lise (kontaktlærer)', 'staff'],
      ['coord-anne', 'helsestasjon-raufoss', 'Anne (BTI-koordinator)', 'coordinator'],
    ] as const;
    for (const [staffId, serviceId, displayName, role] of staff) {
      await municipality(`staff-${staffId}`, {
        type: 'RegisterStaff',
        staff: { staffId, serviceId, displayName, role },
      });
    }
    await municipality('catalogue-icdp', {
      type: 'AddCatalogueEntry',
      entry: {
        entryId: 'foreldreveiledning-icdp',
        name: 'Foreldreveiledning (ICDP)',
        description: 'Gruppeveiledning for foreldre, åtte samlinger',
        targetGroup: 'Foreldre til barn 0–12 år',
        contact: 'Helsestasjonen',
        serviceId: 'helsestasjon-raufoss',
      },
    });
    await municipality('catalogue-fritid', {
      type: 'AddCatalogueEntry',
      entry: {
        entryId: 'fritidskontakt',
        name: 'Fritidskontakt',
        description: 'En voksen å gjøre fritidsaktiviteter sammen med',
        targetGroup: 'Barn og unge 6–24 år',
        contact: 'Kulturskole og fritid',
        serviceId: 'kultur-vestre-toten',
      },
    });

    // Family one: from a concern in the health visitor service to an open stafettlogg.
    const familyId = id('family-nordmann');
    const childId = id('child-ola');
    const family = (step: string, command: FamilyCommand) =>
      this.send(step, kari, (e) => new DispatchToFamily(familyId, command, e));
    await family('family-nordmann', { type: 'RegisterFamily', familyId });
    await family('child-ola', {
      type: 'AddSubject',
      subject: {
        subjectId: childId,
        kind: 'child',
        identitySubject: null,
        personal: { name: 'Ola Nordmann', birthDate: '2021-03-14', expectedBirthDate: null },
      },
    });
    await family('guardian-mor', {
      type: 'AddGuardian',
      guardian: {
        guardianId: id('guardian-mor'),
        identitySubject: mother.subject,
        parentalResponsibility: true,
        personal: { name: 'Kari Nordmann', contact: null },
      },
    });
    await family('guardian-far', {
      type: 'AddGuardian',
      guardian: {
        guardianId: id('guardian-far'),
        identitySubject: 'idp|demo-far',
        parentalResponsibility: true,
        personal: { name: 'Jon Nordmann', contact: null },
      },
    });

    const concernId = id('concern-ola');
    const concern = (step: string, actor: Actor, command: ConcernCommand) =>
      this.send(step, actor, (e) => new DispatchToConcern(concernId, command, e));
    await concern('concern-ola', kari, {
      type: 'NoteConcern',
      concernId,
      familyId,
      subjectId: childId,
      kind: 'undring',
      summary: 'Lite språk for alderen, trøtt på kontroll',
    });
    await concern('concern-ola-talk', kari, {
      type: 'RecordConcernTalk',
      with: 'guardians',
      heldOn: today,
      summary: 'Foreldrene kjenner seg igjen og ønsker samarbeid med barnehagen',
    });
    await concern('concern-ola-decision', kari, {
      type: 'DecideConcern',
      outcome: 'involve_others',
      reason: 'Barnehagen bør med; foreldrene samtykker',
      lateReason: null,
    });

    const logId = id('log-ola');
    const consentId = id('consent-ola');
    const log = (step: string, actor: Actor, command: StafettloggCommand) =>
      this.send(step, actor, (e) => new DispatchToStafettlogg(logId, command, e));
    const scope = {
      services: ['helsestasjon-raufoss', 'barnehage-solsikken'],
      categories: ['health', 'kindergarten_situation', 'development_and_learning'] as const,
      purpose: 'Samordne oppfølging av språk og søvn',
    };
    const noOnBehalf = { givenByGuardianId: null, givenByYouth: null, paperFormReference: null };
    await log('log-ola', kari, {
      type: 'StartStafettlogg',
      logId,
      concernId,
      consentId,
      scope: { ...scope, categories: [...scope.categories] },
    });
    await log('consent-ola-given', mother, {
      type: 'GiveConsent',
      consentId,
      validFrom: today,
      validUntil: addDays(today, 364),
      ...noOnBehalf,
    });
    await log('log-ola-open', kari, { type: 'OpenStafettlogg', level: 2 });
    await log('log-ola-barnehage', kari, {
      type: 'JoinService',
      serviceId: 'barnehage-solsikken',
      hidden: false,
    });
    await log('log-ola-entry-1', per, {
      type: 'AddEntry',
      entryId: id('entry-1'),
      kind: 'observation',
      category: 'development_and_learning',
      sharedWithGuardians: true,
      text: 'Bruker få ord i lek; forstår beskjeder godt',
      correctsEntryId: null,
    });
    await log('log-ola-entry-2', mother, {
      type: 'AddEntry',
      entryId: id('entry-2'),
      kind: 'guardians_voice',
      category: 'development_and_learning',
      sharedWithGuardians: true,
      text: 'Vi leser hver kveld og vil gjerne ha tips',
      correctsEntryId: null,
    });
    await log('log-ola-measure', kari, {
      type: 'PlanMeasure',
      measureId: id('measure-1'),
      goal: 'Flere ord i lek og samlingsstund',
      responsibleServiceId: 'barnehage-solsikken',
      responsibleStaffId: 'staff-per',
      startDate: today,
      evaluationDate: null,
      initiativeId: null,
      catalogueEntryId: null,
    });
    await log('log-ola-measure-start', per, {
      type: 'StartMeasure',
      measureId: id('measure-1'),
      startedOn: today,
    });

    // A samordningsmøte next week about Ola's log, with the agenda the family can see in advance.
    const meetingId = id('meeting-ola');
    await this.send(
      'meeting-ola',
      kari,
      (e) =>
        new DispatchToMeeting(
          meetingId,
          {
            type: 'ScheduleMeeting',
            meetingId,
            logIds: [logId],
            startsAt: atHourInNorway(addDays(today, 7), 9),
            durationMinutes: 60,
            location: { kind: 'place', place: 'Raufoss helsestasjon, møterom 2' },
            chair: null,
            invitedServices: ['barnehage-solsikken'],
            invitedGuardians: [id('guardian-mor'), id('guardian-far')],
            invitedYouth: [],
            agenda: [
              {
                itemId: id('agenda-1'),
                text: 'Hvordan går det med språket hjemme og i barnehagen?',
              },
              { itemId: id('agenda-2'), text: 'Videre tiltak og hvem som gjør hva' },
            ],
          },
          e,
        ),
    );

    // A team staff can ask, anonymously or with consent, and an initiative the pooled grant funds.
    const teamId = id('arena-kompetanseteam');
    await this.send(
      'arena-kompetanseteam',
      admin,
      (e) =>
        new DispatchToArena(
          teamId,
          {
            type: 'EstablishArena',
            arenaId: teamId,
            kind: 'kompetanseteam',
            name: 'Kompetanseteam 0–6 år',
            mandate: 'Råd til ansatte i barnehage og helsestasjon om barn de undrer seg over',
            intakeCriteria:
              'Undring eller bekymring der egen tjeneste står fast; med samtykke eller anonymt',
            memberServices: ['helsestasjon-raufoss', 'barnehage-solsikken', 'ppt-vestre-toten'],
            meetingRhythm: 'Første tirsdag i måneden kl. 12–14',
            acceptsCitizenReferrals: false,
          },
          e,
        ),
    );
    const programme = (step: string, command: ProgrammeCommand) =>
      this.send(step, admin, (e) => new DispatchToProgramme(M, command, e));
    await programme('initiative-familiekoordinator', {
      type: 'RegisterInitiative',
      initiativeId: 'familiekoordinator',
      name: 'Familiekoordinator',
      purpose: 'Én fast kontakt for familier som får hjelp fra flere tjenester',
      targetGroup: 'Familier med barn 0–18 år med tjenester fra tre eller flere sektorer',
      serviceIds: ['helsestasjon-raufoss', 'nav-vestre-toten'],
      sectors: ['helsestasjon', 'nav', 'barnevern'],
      evaluationMethod: 'Brukerundersøkelse før og etter, og tid fra bekymring til første tiltak',
      status: 'piloting',
    });
    await programme('allocation-2026-765', {
      type: 'AllocateGrant',
      allocationId: id('allocation-2026-765'),
      year: Number(today.slice(0, 4)),
      scheme: 'kap-765-post-60',
      amountNok: 1_200_000,
    });
    await programme('commitment-familiekoordinator', {
      type: 'CommitFunds',
      commitmentId: id('commitment-familiekoordinator'),
      initiativeId: 'familiekoordinator',
      year: Number(today.slice(0, 4)),
      scheme: 'kap-765-post-60',
      amountNok: 800_000,
    });

    // Family two: a concern at school, still being clarified inside the service.
    const familyTwo = id('family-hansen');
    const childTwo = id('child-emma');
    const familyHansen = (step: string, command: FamilyCommand) =>
      this.send(step, lise, (e) => new DispatchToFamily(familyTwo, command, e));
    await familyHansen('family-hansen', { type: 'RegisterFamily', familyId: familyTwo });
    await familyHansen('child-emma', {
      type: 'AddSubject',
      subject: {
        subjectId: childTwo,
        kind: 'child',
        identitySubject: null,
        personal: { name: 'Emma Hansen', birthDate: '2015-09-02', expectedBirthDate: null },
      },
    });
    const concernEmma = id('concern-emma');
    await this.send(
      'concern-emma',
      lise,
      (e) =>
        new DispatchToConcern(
          concernEmma,
          {
            type: 'NoteConcern',
            concernId: concernEmma,
            familyId: familyTwo,
            subjectId: childTwo,
            kind: 'bekymring',
            summary: 'Mye fravær siste måned',
          },
          e,
        ),
    );
  }
}
