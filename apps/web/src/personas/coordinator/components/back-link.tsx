import { Link } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';

/** A link back, above a page's heading. */
export function BackLink({ to, children }: { readonly to: string; readonly children: string }) {
  return (
    <Link asChild className="back-link">
      <RouterLink to={to}>{children}</RouterLink>
    </Link>
  );
}
