import { Button } from '@digdir/designsystemet-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../../../shared/api/download';
import { ErrorAlert } from '../../../shared/errors/error-alert';

/** "Download everything": the family's copy (GDPR art. 15) as a readable page or as data. */
export function DownloadEverything({ familyId }: { familyId: string }) {
  const { t } = useTranslation('guardian');
  const download = useMutation({
    mutationFn: (format: 'html' | 'json') =>
      downloadFile(
        `/families/${familyId}/copy?format=${format}`,
        `alt-om-barnet.${format === 'html' ? 'html' : 'json'}`,
      ),
  });
  return (
    <div className="stack">
      <div className="actions">
        <Button
          variant="secondary"
          loading={download.isPending && download.variables === 'html'}
          onClick={() => download.mutate('html')}
        >
          {t('download.html')}
        </Button>
        <Button
          variant="tertiary"
          loading={download.isPending && download.variables === 'json'}
          onClick={() => download.mutate('json')}
        >
          {t('download.json')}
        </Button>
      </div>
      {download.isError && <ErrorAlert error={download.error} headingLevel={3} />}
    </div>
  );
}

/** "Add to calendar": the meeting's invitation (.ics), fetched with the person's token. */
export function AddToCalendar({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation('guardian');
  const download = useMutation({
    mutationFn: () => downloadFile(`/meetings/${meetingId}/invitation.ics`, 'mote.ics'),
  });
  return (
    <>
      <Button
        variant="tertiary"
        data-size="sm"
        loading={download.isPending}
        onClick={() => download.mutate()}
      >
        {t('meeting.addToCalendar')}
      </Button>
      {download.isError && <ErrorAlert error={download.error} headingLevel={3} />}
    </>
  );
}
