import { Link, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate } from 'react-router';
import { useAuth } from '../auth/auth';
import { completeOidcSignIn } from '../auth/oidc';
import { useWebConfig } from '../auth/web-config';
import { ErrorAlert } from '../errors/error-alert';
import { Loading } from '../layout/loading';
import { Page } from '../layout/page';
import { homeOf, SIGN_IN_PATH } from '../paths';
import { safeReturnPath } from './sign-in-page';

/** Back from the provider with a code: trade it for the token, then on to where the person was going. */
export function SignInCallbackPage() {
  const { t } = useTranslation();
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const config = useWebConfig();
  const [failed, setFailed] = useState<unknown>(null);
  const started = useRef(false);

  useEffect(() => {
    const oidc = config.data?.oidc;
    if (!oidc || started.current) return;
    // Once: the code can be traded only once (StrictMode runs effects twice in development).
    started.current = true;
    const callback = new URL(window.location.href);
    completeOidcSignIn(oidc, callback)
      .then(async (tokens) => {
        const session = await signIn(tokens.accessToken, {
          via: 'oidc',
          expiresAt: tokens.expiresAt,
          name: null,
          idToken: tokens.idToken,
        });
        await navigate(safeReturnPath(tokens.returnTo) ?? homeOf(session.role), { replace: true });
      })
      .catch((error: unknown) => setFailed(error));
  }, [config.data, navigate, signIn]);

  const problem = failed ?? (config.isError ? config.error : null);
  return (
    <Page title={problem ? t('signIn.failed') : t('signIn.callbackTitle')}>
      {problem ? (
        <>
          <ErrorAlert error={problem} />
          <Paragraph>
            <Link asChild>
              <RouterLink to={SIGN_IN_PATH}>{t('signIn.backToSignIn')}</RouterLink>
            </Link>
          </Paragraph>
        </>
      ) : (
        <Loading />
      )}
    </Page>
  );
}
