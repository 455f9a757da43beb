import { useQuery } from '@tanstack/react-query';
import { answer, api } from '../api/client';

/** How this installation signs people in (`GET /web-config`). */
export function useWebConfig() {
  return useQuery({
    queryKey: ['web-config'],
    queryFn: () => answer(api.GET('/web-config')),
    staleTime: Infinity,
  });
}
