import type { ReactNode } from 'react';
import type { Me } from '../../../shared/api/reads';
import { ErrorAlert } from '../../../shared/errors/error-alert';
import { Loading } from '../../../shared/layout/loading';
import { Page } from '../../../shared/layout/page';
import type { AnalystAccess } from '../access';
import { AnalystNav } from './analyst-nav';
import { RoleOverview } from './role-overview';
import { useAnalystAccess } from './use-access';

/**
 * A page of figures: who is signed in is asked first (an error or a wait shows as such), a role that
 * reads no figures sees what its role is for instead, and the rest get the persona's navigation and
 * the page's own content.
 */
export function FiguresPage({
  title,
  children,
}: {
  title: string;
  children: (person: Me, access: AnalystAccess) => ReactNode;
}) {
  const { me, access } = useAnalystAccess();
  if (me.isError)
    return (
      <Page title={title}>
        <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />
      </Page>
    );
  if (!access || !me.data)
    return (
      <Page title={title}>
        <Loading />
      </Page>
    );
  if (!access.metrics) return <RoleOverview role={me.data.role} />;
  return (
    <Page title={title}>
      <AnalystNav access={access} />
      {children(me.data, access)}
    </Page>
  );
}
