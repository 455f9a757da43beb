import { Alert, Button, Card, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { coordinatorPaths, guardianMeetingLink } from '../../paths';
import type { CoordinatorMeeting } from '../../reads';
import { attendingFamily } from '../../steps';
import { useErasable } from '../../../../shared/format/use-erasable';

/** Who in the family took part and has not evaluated the meeting yet. */
export function yetToEvaluate(meeting: CoordinatorMeeting) {
  const evaluated = new Set(
    meeting.evaluations.map((e) =>
      e.evaluator.kind === 'guardian'
        ? e.evaluator.guardianId
        : e.evaluator.kind === 'youth'
          ? e.evaluator.subjectId
          : '',
    ),
  );
  return attendingFamily(meeting).filter(
    (a) => !evaluated.has(a.kind === 'guardian' ? a.guardianId : a.subjectId),
  );
}

/** The family's answers so far, with the words of the scale (never bare numbers). */
export function EvaluationList({ meeting }: { readonly meeting: CoordinatorMeeting }) {
  const erasable = useErasable();
  const { t } = useTranslation('coordinator');
  if (meeting.evaluations.length === 0) return null;
  const score = (value: number) => t(`scale.family.${String(value) as '1'}`);
  return (
    <ul className="card-list">
      {meeting.evaluations.map((e, i) => (
        <li key={`${e.at}-${i}`}>
          <Card data-color="neutral" className="worklist-card">
            <Heading level={3} data-size="2xs">
              {t('evaluation.answeredBy', { name: erasable(e.evaluator.name) })}
            </Heading>
            <Paragraph data-size="sm">
              {t('evaluation.coordinationShort')}: {score(e.coordination)}
            </Paragraph>
            <Paragraph data-size="sm">
              {t('evaluation.beingHeardShort')}: {score(e.beingHeard)}
            </Paragraph>
            <Paragraph data-size="sm">
              {t('evaluation.usefulnessShort')}: {score(e.usefulness)}
            </Paragraph>
            {e.comment && <Paragraph className="said">{e.comment}</Paragraph>}
          </Card>
        </li>
      ))}
    </ul>
  );
}

/**
 * The family's evaluation of the meeting: on a screen the coordinator hands over the table (the
 * hand-over page, large and plain), or as a link a guardian opens on their own phone after signing
 * in. Those who took part evaluate; once each.
 */
export function EvaluationStep({ meeting }: { readonly meeting: CoordinatorMeeting }) {
  const { t } = useTranslation('coordinator');
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const remaining = yetToEvaluate(meeting);
  const link = guardianMeetingLink(window.location.origin, meeting.meetingId);
  const familyTookPart = attendingFamily(meeting).length > 0;
  const copy = () => {
    navigator.clipboard.writeText(link).then(
      () => setCopied('yes'),
      () => setCopied('no'),
    );
  };
  return (
    <>
      <Paragraph>{t('evaluation.intro')}</Paragraph>
      <EvaluationList meeting={meeting} />
      {!familyTookPart && <Alert data-color="info">{t('evaluation.noFamily')}</Alert>}
      {familyTookPart && remaining.length === 0 && (
        <Alert data-color="success">{t('evaluation.allDone')}</Alert>
      )}
      {remaining.length > 0 && (
        <>
          <Heading level={3} data-size="xs">
            {t('evaluation.handOverHeading')}
          </Heading>
          <Paragraph>{t('evaluation.handOverIntro')}</Paragraph>
          <div className="actions">
            <Button asChild>
              <RouterLink to={coordinatorPaths.evaluation(meeting.meetingId)}>
                {t('evaluation.handOver')}
              </RouterLink>
            </Button>
          </div>
          <Heading level={3} data-size="xs">
            {t('evaluation.linkHeading')}
          </Heading>
          <Textfield
            label={t('evaluation.link')}
            description={t('evaluation.linkHelp')}
            value={link}
            readOnly
          />
          <div className="actions">
            <Button variant="secondary" onClick={copy}>
              {t('evaluation.copy')}
            </Button>
            <span role="status">
              {copied === 'yes' && t('evaluation.copied')}
              {copied === 'no' && t('evaluation.copyFailed')}
            </span>
          </div>
        </>
      )}
    </>
  );
}
