import { useMe } from '../../../shared/auth/use-me';
import { accessOf } from '../access';

/** What the signed-in person may read here, from who the API says they are (`GET /me`). */
export function useAnalystAccess() {
  const me = useMe();
  return { me, access: me.data ? accessOf(me.data.role, me.data.municipalityId) : null };
}
