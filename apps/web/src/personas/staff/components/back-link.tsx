import { Link } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';

/** "← Back to …" above a page's heading. */
export function BackLink({ to, children }: { readonly to: string; readonly children: string }) {
  return (
    <Link asChild>
      <RouterLink to={to}>← {children}</RouterLink>
    </Link>
  );
}
