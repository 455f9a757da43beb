import { Link } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { MeetingLocation } from '../../../shared/api/reads';
import { useErasable } from '../../../shared/format/use-erasable';

/** Where a meeting is: a place in words, or the video link. */
export function MeetingPlace({ location }: { location: { kind: string } | MeetingLocation }) {
  const { t } = useTranslation('guardian');
  const erasable = useErasable();
  if ('place' in location && typeof location.place === 'string') return <>{location.place}</>;
  // A place, once the family's personal data is erased.
  if ('place' in location && location.place === null) return <>{erasable(null)}</>;
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
