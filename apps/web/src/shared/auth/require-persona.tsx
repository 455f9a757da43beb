import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { homeOf, PERSONA_OF_ROLE, SIGN_IN_PATH, type PersonaId } from '../paths';
import { useAuth } from './auth';

/**
 * A persona's screens, for the roles that persona is for: without a session, to the sign-in page
 * (and back here after); in another role, to that role's own start page.
 */
export function RequirePersona({ persona, children }: { persona: PersonaId; children: ReactNode }) {
  const { session } = useAuth();
  const location = useLocation();
  if (!session) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`${SIGN_IN_PATH}?neste=${encodeURIComponent(next)}`} replace />;
  }
  if (PERSONA_OF_ROLE[session.role] !== persona)
    return <Navigate to={homeOf(session.role)} replace />;
  return children;
}
