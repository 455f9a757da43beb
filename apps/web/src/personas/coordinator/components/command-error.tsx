import type { UseMutationResult } from '@tanstack/react-query';
import type { CommandResponse } from '../../../shared/api/use-command';
import { ErrorAlert } from '../../../shared/errors/error-alert';

interface CommandErrorProps<Input> {
  readonly command: UseMutationResult<CommandResponse, Error, Input>;
  readonly headingLevel?: 2 | 3 | 4;
}

/**
 * A refused or lost command in plain words, next to the form that sent it. "Prøv igjen" sends the
 * same input, so useCommand reuses its commandId: nothing is written twice.
 */
export function CommandError<Input>({ command, headingLevel = 3 }: CommandErrorProps<Input>) {
  if (!command.isError) return null;
  const input = command.variables;
  return (
    <ErrorAlert
      error={command.error}
      headingLevel={headingLevel}
      onRetry={input === undefined ? undefined : () => command.mutate(input)}
    />
  );
}
