import { useQuery } from '@tanstack/react-query';
import { answerAs, api } from '../../shared/api/client';
import type { MyChildren } from '../../shared/api/reads';

/** `GET /me/children`: where a family starts. */
export function useMyChildren() {
  return useQuery({
    queryKey: ['me', 'children'],
    queryFn: () => answerAs<MyChildren>(api.GET('/me/children')),
  });
}
