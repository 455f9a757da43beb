import { Link } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { MeetingLocation } from '../../../shared/api/reads';

/** Where a meeting is: a place in words, or the video link. */
export function MeetingPlace({ location }: { location: { kind: string } | MeetingLocation }) {
  const { t } = useTranslation('guardian');
  if ('place' in location && typeof location.place === 'string') return <>{location.place}</>;
  if (location.kind === 'video') {
    const link = 'link' in location && typeof location.link === 'string' ? location.link : null;
    return link ? (
      <Link href={link} rel="noopener noreferrer" target="_blank">
        {t('meeting.videoLink')}
      </Link>
    ) : (
      <>{t('meeting.videoLater')}</>
    );
  }
  return <>{t('meeting.placeLater')}</>;
}
