import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { useAuth } from '../auth/auth';
import { beginOidcSignIn } from '../auth/oidc';
import { useWebConfig } from '../auth/web-config';
import { ErrorAlert } from '../errors/error-alert';
import { Loading } from '../layout/loading';
import { Page } from '../layout/page';
import { homeOf } from '../paths';
import { DevSignIn } from './dev-sign-in';

/** Where a safe return address is one of ours: a path on this site, never another origin. */
export function safeReturnPath(value: string | null): string | null {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : null;
}

export function SignInPage() {
  const { t } = useTranslation();
  const { session, ended } = useAuth();
  const [params] = useSearchParams();
  const config = useWebConfig();
  const [redirecting, setRedirecting] = useState(false);
  const [failed, setFailed] = useState<unknown>(null);
  const next = safeReturnPath(params.get('neste'));

  if (session) return <Navigate to={next ?? homeOf(session.role)} replace />;
  return (
    <Page title={t('signIn.title')}>
      {ended === 'expired' && <Alert data-color="warning">{t('signIn.expired')}</Alert>}
      {ended === 'signed-out' && <Alert data-color="info">{t('signIn.signedOut')}</Alert>}
      <Paragraph>{t('signIn.intro')}</Paragraph>
      {config.isPending && <Loading />}
      {config.isError && <ErrorAlert error={config.error} onRetry={() => void config.refetch()} />}
      {config.data?.oidc && (
        <section className="stack" aria-labelledby="oidc-heading">
          <Heading level={2} data-size="sm" id="oidc-heading" className="ds-sr-only">
            {t('signIn.title')}
          </Heading>
          <Paragraph>{t('signIn.oidcHelp')}</Paragraph>
          {failed !== null && <ErrorAlert error={failed} />}
          <div>
            <Button
              loading={redirecting}
              onClick={() => {
                const oidc = config.data.oidc;
                if (!oidc) return;
                setRedirecting(true);
                beginOidcSignIn(oidc, next ?? '/').catch((error: unknown) => {
                  setRedirecting(false);
                  setFailed(error);
                });
              }}
            >
              {t('signIn.oidcButton')}
            </Button>
          </div>
        </section>
      )}
      {config.data && !config.data.oidc && !config.data.devSignIn && (
        <Alert data-color="warning">{t('signIn.notConfigured')}</Alert>
      )}
      {config.data?.devSignIn && <DevSignIn next={next} />}
    </Page>
  );
}
