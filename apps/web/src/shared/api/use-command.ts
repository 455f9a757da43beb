import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import type { components } from './openapi';

export type CommandResponse = components['schemas']['CommandResponse'];

/**
 * The position of this tab's latest write: later reads wait for it (read your writes). Positions come
 * sealed — they cannot be compared — so the tab keeps the one of the command it sent last: two in
 * flight may be answered in either order. A repeated command's answer (an earlier write) counts only
 * when the tab has none.
 */
let lastPosition: { readonly token: string; readonly sent: number } | null = null;
let commandsSent = 0;

/** Query parameters that make a read include this tab's own latest write (`?minPosition=`). */
export function ownWrites(): { minPosition?: string } {
  return lastPosition === null ? {} : { minPosition: lastPosition.token };
}

/**
 * A read refused for its `minPosition` alone (400 naming it: a token this installation no longer
 * opens — its key replaced, or a tab older than a deploy) is sent again without it, and the tab
 * forgets the token: the person sees the page, not an error about a number they never typed.
 */
export async function readAgainWithoutStaleOwnWrite(
  request: Request,
  response: Response,
  send: (request: Request) => Promise<Response>,
): Promise<Response> {
  const url = new URL(request.url);
  if (response.status !== 400 || request.method !== 'GET' || !url.searchParams.has('minPosition'))
    return response;
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as { fields?: { field?: unknown }[] } | null;
  if (!body?.fields?.some((problem) => problem.field === 'minPosition')) return response;
  lastPosition = null;
  url.searchParams.delete('minPosition');
  return send(new Request(url, request));
}

function remember(result: CommandResponse, sent: number): void {
  if (lastPosition !== null && (result.duplicate || sent < lastPosition.sent)) return;
  lastPosition = { token: result.position, sent };
}

/**
 * A command as one intended change. Its `commandId` is made the first time this change (this input)
 * is sent and kept until it succeeds: a double click or a retry after a lost answer sends the same
 * id, and the API answers the first result again without writing twice. A different input is a
 * different change and gets its own id. On success every read is refreshed, waiting for the write.
 */
export function useCommand<Input>(
  send: (input: Input, commandId: string) => Promise<CommandResponse>,
  options: { onSuccess?: (result: CommandResponse, input: Input) => void } = {},
) {
  const queryClient = useQueryClient();
  const ids = useRef(new Map<string, string>());
  const idFor = (input: Input): string => {
    const key = JSON.stringify(input);
    let id = ids.current.get(key);
    if (!id) {
      id = crypto.randomUUID();
      ids.current.set(key, id);
    }
    return id;
  };
  return useMutation({
    mutationFn: async (input: Input) => {
      const sent = ++commandsSent;
      const result = await send(input, idFor(input));
      remember(result, sent);
      return result;
    },
    onSuccess: async (result, input) => {
      ids.current.delete(JSON.stringify(input));
      options.onSuccess?.(result, input);
      await queryClient.invalidateQueries();
    },
  });
}
