import { Card, Heading, Link, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { useFormat } from '../../../../shared/format/use-format';
import { coordinatorPaths } from '../../paths';
import type { CoordinatorMeeting } from '../../reads';
import { MEETING_STATUS_COLOR } from '../family-page';
import { useErasable } from '../../../../shared/format/use-erasable';

/** When, where, who chairs and who is invited. */
export function MeetingFacts({ meeting }: { readonly meeting: CoordinatorMeeting }) {
  const erasable = useErasable();
  const { t } = useTranslation('coordinator');
  const format = useFormat();
  const where =
    meeting.location.kind === 'place'
      ? erasable(meeting.location.place)
      : meeting.location.link
        ? t('meeting.videoAt', { link: meeting.location.link })
        : t('meeting.video');
  return (
    <Card data-color="neutral" className="meeting-facts">
      <Heading level={2} data-size="xs">
        {t('meeting.factsHeading')}
      </Heading>
      <Paragraph>
        <Tag data-color={MEETING_STATUS_COLOR[meeting.status]}>
          {t(`meetingStatus.${meeting.status}`)}
        </Tag>
      </Paragraph>
      <dl className="facts">
        <dt>{t('meeting.when')}</dt>
        <dd>
          {format.dateTime(meeting.startsAt)} (
          {t('meeting.duration', { count: meeting.durationMinutes })})
        </dd>
        <dt>{t('meeting.where')}</dt>
        <dd>{where}</dd>
        <dt>{t('meeting.chair')}</dt>
        <dd>
          {t('meeting.person', { name: meeting.chair.name, service: meeting.chair.serviceName })}
        </dd>
        <dt>{t('meeting.services')}</dt>
        <dd>
          {format.list([
            meeting.chair.serviceName,
            ...meeting.invitedServices
              .filter((s) => s.serviceId !== meeting.chair.serviceId)
              .map((s) => s.name),
          ])}
        </dd>
        <dt>{t('meeting.guardians')}</dt>
        <dd>
          {meeting.invitedGuardians.length > 0
            ? format.list(meeting.invitedGuardians.map((g) => erasable(g.name)))
            : t('meeting.noGuardians')}
        </dd>
      </dl>
      <Paragraph>
        <Link asChild>
          <RouterLink to={coordinatorPaths.family(meeting.familyId)}>
            {t('meeting.toFamily')}
          </RouterLink>
        </Link>
      </Paragraph>
    </Card>
  );
}
