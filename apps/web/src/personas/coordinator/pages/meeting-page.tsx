import { Alert, Button, Heading, Paragraph, Table } from '@digdir/designsystemet-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../shared/errors/error-alert';
import { useFormat } from '../../../shared/format/use-format';
import { Loading } from '../../../shared/layout/loading';
import { Page } from '../../../shared/layout/page';
import { useMeeting, useMunicipality } from '../api';
import { BackLink } from '../components/back-link';
import { STEP_SLUGS, coordinatorPaths, stepOfSlug, type StepId } from '../paths';
import type { CoordinatorMeeting } from '../reads';
import { currentStep, guardiansMustSpeakFirst, meetingSteps, nextStep } from '../steps';
import { ChildStep } from './meeting/child-step';
import type { MeetingContext } from './meeting/context';
import { DecisionsStep } from './meeting/decisions-step';
import { EndStep } from './meeting/end-step';
import { EndedMeeting } from './meeting/ended';
import { EvaluationStep } from './meeting/evaluation-step';
import { GuardiansStep } from './meeting/guardians-step';
import { MeetingFacts } from './meeting/meeting-facts';
import { AgendaList, ScheduledMeeting } from './meeting/scheduled';
import { ServicesStep } from './meeting/services-step';
import { useErasable } from '../../../shared/format/use-erasable';

/**
 * One samordningsmøte: before it, the agenda and the start with attendance; while it runs, a guided
 * sequence in Vestre Toten's order with the guardians' turn first (the later steps stay closed while
 * guardians attend and have not spoken); after it, the ettermøte, the decisions on their way into the
 * log and the minutes.
 */
export function MeetingPage() {
  const erasable = useErasable();
  const { meetingId = '' } = useParams();
  const { t } = useTranslation('coordinator');
  const format = useFormat();
  const meeting = useMeeting(meetingId);
  const { me, municipality } = useMunicipality();
  const title = meeting.data
    ? t('meeting.title', { date: format.date(meeting.data.startsAt) })
    : t('meeting.titleLoading');
  const context: MeetingContext | null =
    meeting.data && me.data && municipality.data
      ? { meeting: meeting.data, me: me.data, register: municipality.data }
      : null;
  return (
    <Page
      title={title}
      before={<BackLink to={coordinatorPaths.worklist}>{t('nav.toWorklist')}</BackLink>}
    >
      {(meeting.isPending || me.isPending || municipality.isPending) && <Loading />}
      {meeting.isError && (
        <ErrorAlert error={meeting.error} onRetry={() => void meeting.refetch()} />
      )}
      {municipality.isError && (
        <ErrorAlert error={municipality.error} onRetry={() => void municipality.refetch()} />
      )}
      {context && (
        <>
          <MeetingFacts meeting={context.meeting} />
          {context.meeting.status === 'scheduled' && <ScheduledMeeting {...context} />}
          {context.meeting.status === 'cancelled' && (
            <Alert data-color="warning">
              {t('meeting.cancelled', {
                reason: erasable(context.meeting.cancellation?.reason ?? null),
              })}
            </Alert>
          )}
          {context.meeting.status === 'started' && <GuidedMeeting {...context} />}
          {context.meeting.status === 'ended' && <EndedMeeting {...context} />}
        </>
      )}
    </Page>
  );
}

/** The running meeting, one step at a time; the step is in the address (`?steg=`), so a reload keeps it. */
function GuidedMeeting(context: MeetingContext) {
  const { meeting } = context;
  const { t } = useTranslation('coordinator');
  const queryClient = useQueryClient();
  const [search, setSearch] = useSearchParams();
  const steps = meetingSteps(meeting);
  const current = currentStep(meeting, stepOfSlug(search.get('steg')));
  const next = nextStep(current);
  const nextLocked = next !== null && steps.find((s) => s.id === next)?.locked === true;
  const heading = useRef<HTMLHeadingElement>(null);
  const shown = useRef(current);
  useEffect(() => {
    // Moving to another step moves focus to its heading, so a screen reader says where we are.
    if (shown.current !== current) heading.current?.focus();
    shown.current = current;
  }, [current]);
  const go = (step: StepId) => setSearch({ steg: STEP_SLUGS[step] });
  const refresh = () =>
    void queryClient.invalidateQueries({ queryKey: ['coordinator', 'meeting', meeting.meetingId] });

  return (
    <div className="guided">
      <nav aria-label={t('steps.label')} className="steps">
        <ol>
          {steps.map((step, index) => (
            <li key={step.id}>
              <Button
                variant={step.id === current ? 'primary' : 'tertiary'}
                data-size="sm"
                aria-current={step.id === current ? 'step' : undefined}
                disabled={step.locked}
                onClick={() => go(step.id)}
              >
                <span className="step-label">
                  <span>{t('steps.item', { number: index + 1, name: t(`steps.${step.id}`) })}</span>
                  {step.done && <span className="step-state"> {t('steps.done')}</span>}
                  {step.locked && <span className="step-state"> {t('steps.locked')}</span>}
                </span>
              </Button>
            </li>
          ))}
        </ol>
      </nav>
      <section className="stack step" aria-labelledby="step-heading">
        {guardiansMustSpeakFirst(meeting) && (
          <Alert data-color="info" className="guardians-first">
            <Heading level={2} data-size="xs">
              {t('steps.guardiansFirstTitle')}
            </Heading>
            <Paragraph>{t('steps.guardiansFirst')}</Paragraph>
          </Alert>
        )}
        <Heading level={2} data-size="sm" id="step-heading" ref={heading} tabIndex={-1}>
          {t(`steps.${current}`)}
        </Heading>
        <StepPanel
          step={current}
          context={context}
          onRefresh={refresh}
          toChild={() => go('child')}
        />
        {next && (
          <div className="actions step-next">
            <Button variant="secondary" disabled={nextLocked} onClick={() => go(next)}>
              {t('steps.next', { name: t(`steps.${next}`) })}
            </Button>
            {nextLocked && <Paragraph data-size="sm">{t('steps.nextLocked')}</Paragraph>}
          </div>
        )}
      </section>
    </div>
  );
}

function StepPanel({
  step,
  context,
  onRefresh,
  toChild,
}: {
  readonly step: StepId;
  readonly context: MeetingContext;
  readonly onRefresh: () => void;
  readonly toChild: () => void;
}) {
  switch (step) {
    case 'attendance':
      return <AttendanceSummary meeting={context.meeting} />;
    case 'guardians':
      return <GuardiansStep {...context} />;
    case 'services':
      return <ServicesStep {...context} onRefresh={onRefresh} />;
    case 'child':
      return <ChildStep {...context} />;
    case 'decisions':
      return <DecisionsStep {...context} />;
    case 'evaluation':
      return <EvaluationStep meeting={context.meeting} />;
    case 'end':
      return <EndStep {...context} toChild={toChild} />;
  }
}

/** Who came, as recorded when the meeting started, and the agenda to follow. */
function AttendanceSummary({ meeting }: { readonly meeting: CoordinatorMeeting }) {
  const erasable = useErasable();
  const { t } = useTranslation('coordinator');
  return (
    <>
      <Paragraph>{t('attendance.intro')}</Paragraph>
      <Table zebra className="attendance-table">
        <caption className="visually-hidden">{t('attendance.caption')}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t('attendance.who')}</Table.HeaderCell>
            <Table.HeaderCell>{t('attendance.role')}</Table.HeaderCell>
            <Table.HeaderCell>{t('attendance.how')}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {(meeting.attendance ?? []).map((a) => (
            <Table.Row
              key={
                a.kind === 'staff'
                  ? `${a.staffId}|${a.serviceId}`
                  : a.kind === 'guardian'
                    ? a.guardianId
                    : a.subjectId
              }
            >
              <Table.Cell>{erasable(a.name)}</Table.Cell>
              <Table.Cell>
                {a.kind === 'staff'
                  ? a.decisionAuthority
                    ? t('attendance.staffDecides', { service: a.serviceName })
                    : a.serviceName
                  : t(`attendance.${a.kind}`)}
              </Table.Cell>
              <Table.Cell>{t(`mode.${a.mode}`)}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      <Heading level={3} data-size="xs">
        {t('agenda.heading')}
      </Heading>
      <AgendaList meeting={meeting} />
    </>
  );
}
