import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import type { components } from './openapi';

export type CommandResponse = components['schemas']['CommandResponse'];

/**
 * The position of this tab's latest write: later reads wait for it (read your writes). Positions come
 * sealed — they cannot be compared — so the latest answer counts, and a repeated command's answer (an
 * earlier write) only when the tab has none.
 */
let lastPosition: string | null = null;

/** Query parameters that make a read include this tab's own latest write (`?minPosition=`). */
export function ownWrites(): { minPosition?: string } {
  return lastPosition === null ? {} : { minPosition: lastPosition };
}

function remember(result: CommandResponse): void {
  if (!result.duplicate || lastPosition === null) lastPosition = result.position;
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
    mutationFn: (input: Input) => send(input, idFor(input)),
    onSuccess: async (result, input) => {
      ids.current.delete(JSON.stringify(input));
      remember(result);
      options.onSuccess?.(result, input);
      await queryClient.invalidateQueries();
    },
  });
}
