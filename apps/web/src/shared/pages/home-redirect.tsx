import { Navigate } from 'react-router';
import { useAuth } from '../auth/auth';
import { homeOf, SIGN_IN_PATH } from '../paths';

/** `/`: the signed-in person's own start page, or the sign-in page. */
export function HomeRedirect() {
  const { session } = useAuth();
  return <Navigate to={session ? homeOf(session.role) : SIGN_IN_PATH} replace />;
}
