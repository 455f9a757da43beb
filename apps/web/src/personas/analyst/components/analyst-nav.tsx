import { Link } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { PERSONA_BASE_PATHS } from '../../../shared/paths';
import { ANALYST_PATHS, type AnalystAccess } from '../access';

const pathOf = (page: keyof typeof ANALYST_PATHS) =>
  ANALYST_PATHS[page]
    ? `${PERSONA_BASE_PATHS.analyst}/${ANALYST_PATHS[page]}`
    : PERSONA_BASE_PATHS.analyst;

/** The persona's pages, as far as the person's role may read them; the page shown is marked. */
export function AnalystNav({ access }: { access: AnalystAccess }) {
  const { t } = useTranslation('analyst');
  const pages: { page: keyof typeof ANALYST_PATHS; label: string }[] = [
    ...(access.metrics ? [{ page: 'metrics' as const, label: t('nav.metrics') }] : []),
    ...(access.useOf ? [{ page: 'use' as const, label: t('nav.use') }] : []),
    ...(access.metrics
      ? [
          { page: 'initiatives' as const, label: t('nav.initiatives') },
          { page: 'definitions' as const, label: t('nav.definitions') },
        ]
      : []),
    ...(access.events ? [{ page: 'events' as const, label: t('nav.events') }] : []),
  ];
  if (pages.length < 2) return null;
  return (
    <nav aria-label={t('nav.label')} className="analyst-nav">
      <ul>
        {pages.map(({ page, label }) => (
          <li key={page}>
            <Link asChild>
              <NavLink to={pathOf(page)} end>
                {label}
              </NavLink>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
