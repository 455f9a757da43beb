import { Button, Link, Paragraph, SkipLink } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Outlet, Link as RouterLink, useNavigate } from 'react-router';
import { useAuth } from '../auth/auth';
import { providerSignOutUrl } from '../auth/oidc';
import { useWebConfig } from '../auth/web-config';
import { homeOf, SIGN_IN_PATH } from '../paths';
import { LanguageSwitcher } from './language-switcher';

/** Every screen's frame: skip link, header (name, who is signed in, language, sign out), main. */
export function AppLayout() {
  const { t } = useTranslation();
  const { session, signOut } = useAuth();
  const navigate = useNavigate();
  const config = useWebConfig();
  /** Ends the session here, and at the provider too when it was an OIDC sign-in. */
  const signOutEverywhere = () => {
    const atProvider =
      session?.via === 'oidc' && config.data?.oidc
        ? providerSignOutUrl(config.data.oidc, session.idToken)
        : null;
    signOut();
    if (atProvider) window.location.assign(atProvider);
    else void navigate(SIGN_IN_PATH);
  };
  return (
    <div className="app">
      <SkipLink href="#innhold">{t('layout.skipToContent')}</SkipLink>
      <header className="app__header">
        <div className="app__header-inner">
          <Link asChild className="app__title">
            <RouterLink to={session ? homeOf(session.role) : '/'}>{t('app.title')}</RouterLink>
          </Link>
          <div className="app__header-tools">
            <LanguageSwitcher />
            {session && (
              <div className="app__session">
                <Paragraph data-size="sm">
                  {t('layout.signedInAs', { role: t(`roles.${session.role}`) })}
                  {session.name ? ` · ${session.name}` : ''}
                </Paragraph>
                <Button variant="secondary" data-size="sm" onClick={signOutEverywhere}>
                  {t('layout.signOut')}
                </Button>
              </div>
            )}
          </div>
        </div>
      </header>
      <main id="innhold" className="app__main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="app__footer">
        <Paragraph data-size="sm">{t('layout.footer')}</Paragraph>
      </footer>
    </div>
  );
}
