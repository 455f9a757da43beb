import { Button, Link, Paragraph, SkipLink } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Outlet, Link as RouterLink, useNavigate } from 'react-router';
import { useAuth } from '../auth/auth';
import { homeOf, SIGN_IN_PATH } from '../paths';
import { LanguageSwitcher } from './language-switcher';

/** Every screen's frame: skip link, header (name, who is signed in, language, sign out), main. */
export function AppLayout() {
  const { t } = useTranslation();
  const { session, signOut } = useAuth();
  const navigate = useNavigate();
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
                <Button
                  variant="secondary"
                  data-size="sm"
                  onClick={() => {
                    signOut();
                    void navigate(SIGN_IN_PATH);
                  }}
                >
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
