import { Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/use-me';
import { ErrorAlert } from '../errors/error-alert';
import { Loading } from './loading';

/** Who is signed in, as the API established it: role, municipality and service. */
export function SignedInAs() {
  const { t } = useTranslation();
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />;
  const role = t(`roles.${me.data.role}`);
  return (
    <div className="stack">
      <Paragraph>
        {me.data.municipalityId
          ? t('landing.greeting', { role, municipality: me.data.municipalityId })
          : t('landing.greetingNoMunicipality', { role })}
      </Paragraph>
      {me.data.serviceId && (
        <Paragraph data-size="sm">{t('landing.service', { service: me.data.serviceId })}</Paragraph>
      )}
    </div>
  );
}
