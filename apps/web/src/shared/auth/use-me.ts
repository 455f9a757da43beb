import { useQuery } from '@tanstack/react-query';
import { answerAs, api } from '../api/client';
import type { Me } from '../api/reads';

/** Who the API says the signed-in person is (`GET /me`): role, municipality, service. */
export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: () => answerAs<Me>(api.GET('/me')),
    staleTime: 5 * 60_000,
  });
}
