import type { ReactNode } from 'react';
import { ErrorAlert } from '../../../shared/errors/error-alert';
import { Loading } from '../../../shared/layout/loading';

/** The part of a query a screen waits for. */
export interface Loadable<T> {
  readonly data: T | undefined;
  readonly isPending: boolean;
  readonly isError: boolean;
  readonly error: unknown;
  refetch(): unknown;
}

/** A read's answer once it is there; a spinner while it loads; the error in plain words if it fails. */
export function Loaded<T>({
  query,
  children,
  headingLevel,
}: {
  readonly query: Loadable<T>;
  readonly children: (data: T) => ReactNode;
  readonly headingLevel?: 2 | 3 | 4;
}) {
  if (query.isError)
    return (
      <ErrorAlert
        error={query.error}
        headingLevel={headingLevel}
        onRetry={() => void query.refetch()}
      />
    );
  if (query.isPending || query.data === undefined) return <Loading />;
  return <>{children(query.data)}</>;
}
