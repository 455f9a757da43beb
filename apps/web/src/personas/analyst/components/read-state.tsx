import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../shared/auth/auth';
import { ErrorAlert } from '../../../shared/errors/error-alert';
import { Loading } from '../../../shared/layout/loading';
import { BEHIND_TRIES, isBehind, isForbidden } from '../api';

interface ReadStateProps<T> {
  readonly query: UseQueryResult<T>;
  readonly children: (data: T) => ReactNode;
  readonly headingLevel?: 2 | 3 | 4;
}

/**
 * A read's state in plain words: loading; the figures catching up or being rebuilt (503), retried
 * gently after the API's Retry-After; a role that may not see this (403); any other failure with
 * the API's code and "try again"; and the answer.
 */
export function ReadState<T>({ query, children, headingLevel = 2 }: ReadStateProps<T>) {
  const { t } = useTranslation('analyst');
  const { t: common } = useTranslation();
  const { session } = useAuth();
  if (query.isPending) {
    if (isBehind(query.failureReason))
      return (
        <Alert data-color="info" role="status">
          <Heading level={headingLevel} data-size="xs">
            {t('state.behindTitle')}
          </Heading>
          <Paragraph>
            {t('state.behindRetrying', {
              seconds: query.failureReason.retryAfterSeconds ?? 2,
              attempt: query.failureCount,
              tries: BEHIND_TRIES,
            })}
          </Paragraph>
        </Alert>
      );
    return <Loading />;
  }
  if (query.isError) {
    const error = query.error;
    if (isForbidden(error))
      return (
        <Alert data-color="warning">
          <Heading level={headingLevel} data-size="xs">
            {t('state.forbiddenTitle')}
          </Heading>
          <Paragraph>
            {t('state.forbidden', {
              role: session ? common(`roles.${session.role}`) : t('state.yourRole'),
            })}
          </Paragraph>
          <Paragraph data-size="sm">{t('state.code', { code: error.code })}</Paragraph>
        </Alert>
      );
    if (isBehind(error))
      return (
        <Alert data-color="warning" role="alert">
          <Heading level={headingLevel} data-size="xs">
            {t('state.behindTitle')}
          </Heading>
          <Paragraph>{t('state.behindGaveUp')}</Paragraph>
          <Button variant="secondary" data-size="sm" onClick={() => void query.refetch()}>
            {t('state.tryAgain')}
          </Button>
        </Alert>
      );
    return (
      <ErrorAlert error={error} headingLevel={headingLevel} onRetry={() => void query.refetch()} />
    );
  }
  return children(query.data);
}
