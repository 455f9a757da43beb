import { deciderSpec } from '../testing/decider-spec';
import { testIdentityNumber } from '../testing/identity-numbers';
import { facts as logFacts, kari, M, mor, per, navStaff } from '../testing/stafettlogg-fixtures';
import { discussionDecider, type DiscussionEvent, type DiscussionFacts } from './discussion';

const facts: DiscussionFacts = {
  municipality: logFacts.municipality,
  arena: { arenaId: 'kt', kind: 'kompetanseteam', memberServices: ['barnehage', 'helsestasjon'] },
  familyMemberNames: ['Ola Nordmann', 'Kari Mor Nordmann'],
};
const spec = deciderSpec(discussionDecider, { by: kari, at: '2026-03-20T10:00:00.000Z', facts });
const open = {
  type: 'OpenAnonymousDiscussion',
  discussionId: 'd1',
  arenaId: 'kt',
  ageBand: '6-12',
  themes: ['school_attendance', 'wellbeing'],
  servicesInvolved: ['helsestasjon'],
  question: 'Gutt i 3. klasse med mye fravær; hvordan ta det opp med foreldrene?',
} as const;
const opened = spec.given([]).when(open).events();
const advice = {
  type: 'AdviseInDiscussion',
  advice: 'Snakk med foreldrene først',
  outcome: 'recommend_consent',
} as const;

describe('an anonymous discussion', () => {
  it('records an age band, themes, services and the question — no identity, no consent', () => {
    expect(opened).toEqual<DiscussionEvent[]>([
      {
        type: 'AnonymousDiscussionOpened',
        data: {
          discussionId: 'd1',
          municipalityId: M,
          arenaId: 'kt',
          ageBand: '6-12',
          themes: ['school_attendance', 'wellbeing'],
          servicesInvolved: ['helsestasjon'],
          teamServices: ['barnehage', 'helsestasjon'],
          askedBy: { staffId: 'kari', serviceId: 'helsestasjon' },
          at: '2026-03-20T10:00:00.000Z',
          question: open.question,
        },
      },
    ]);
  });

  it.each([
    [
      'the question names a registered family member',
      { question: 'Ola Nordmann har mye fravær' },
      'IDENTITY_IN_ANONYMOUS_DISCUSSION',
    ],
    [
      'the question holds a fødselsnummer',
      { question: `Gjelder ${testIdentityNumber('010203')}` },
      'IDENTITY_IN_ANONYMOUS_DISCUSSION',
    ],
    [
      'the question holds a D-number',
      { question: `D-nr ${testIdentityNumber('410203')}` },
      'IDENTITY_IN_ANONYMOUS_DISCUSSION',
    ],
    ['there are no themes', { themes: [] }, 'THEMES_REQUIRED'],
    ['the arena is unknown', { arenaId: 'x' }, 'ARENA_NOT_FOUND'],
    ['a service is unknown', { servicesInvolved: ['x'] }, 'UNKNOWN_SERVICE'],
    ['the question is blank', { question: ' ' }, 'TEXT_REQUIRED'],
  ])('is refused when %s', (_, change, code) => {
    spec
      .given([])
      .when({ ...open, ...change })
      .thenFails(code);
  });

  it('says which rule an identity broke, and never the value', () => {
    let thrown: unknown;
    try {
      spec
        .given([])
        .when({ ...open, question: 'Ola Nordmann har mye fravær' })
        .events();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ details: { field: 'question', rule: 'family_member_name' } });
    expect(JSON.stringify(thrown)).not.toContain('Nordmann');
    expect((thrown as Error).message).not.toContain('Nordmann');
  });

  it('is opened by staff only, and is not opened twice', () => {
    spec.given([]).when(open, { by: mor }).thenFails('SERVICE_REQUIRED');
    spec.given(opened).when(open).thenFails('DISCUSSION_EXISTS');
  });

  it('takes advice once, from the team’s member services, checked for identity too', () => {
    expect(spec.given(opened).when(advice, { by: per }).events()[0]).toMatchObject({
      type: 'AnonymousDiscussionAdvised',
      data: { outcome: 'recommend_consent', by: { staffId: 'per', serviceId: 'barnehage' } },
    });
    spec.given(opened).when(advice, { by: navStaff }).thenFails('NOT_ARENA_MEMBER');
    spec
      .given(opened)
      .when({ ...advice, advice: 'Ring Kari Mor Nordmann' }, { by: per })
      .thenFails('IDENTITY_IN_ANONYMOUS_DISCUSSION');
    const advised = [...opened, ...spec.given(opened).when(advice, { by: per }).events()];
    spec.given(advised).when(advice, { by: per }).thenFails('ADVICE_EXISTS');
    spec.given([]).when(advice).thenFails('DISCUSSION_NOT_FOUND');
  });
});
