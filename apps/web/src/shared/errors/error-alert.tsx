import { Alert, Button, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { ApiError, NetworkError } from '../api/errors';
import { plainError } from './plain-error';
import { SIGN_IN_PATH } from '../paths';

interface ErrorAlertProps {
  readonly error: unknown;
  /** Offered as "Prøv igjen"; a command retried this way reuses its commandId, so it is safe. */
  readonly onRetry?: () => void;
  readonly headingLevel?: 2 | 3 | 4;
}

/** An error in plain words: what happened, what to do, and the API's code for whoever helps. */
export function ErrorAlert({ error, onRetry, headingLevel = 2 }: ErrorAlertProps) {
  const { t } = useTranslation('errors');
  const { text, code } = plainError(t, error);
  const status = error instanceof ApiError ? error.status : null;
  const fields = error instanceof ApiError ? error.fields : [];
  const retryAfter = error instanceof ApiError ? error.retryAfterSeconds : null;
  return (
    <Alert data-color={error instanceof NetworkError ? 'warning' : 'danger'} role="alert">
      <Heading level={headingLevel} data-size="xs">
        {t('heading')}
      </Heading>
      <Paragraph>{text}</Paragraph>
      {fields.length > 0 && (
        <>
          <Paragraph>{t('fieldsHeading')}</Paragraph>
          <ul>
            {fields.map((field) => (
              <li key={field.field}>
                {field.field}: {field.reasons.join(', ')}
              </li>
            ))}
          </ul>
        </>
      )}
      {retryAfter !== null && <Paragraph>{t('retryAfter', { seconds: retryAfter })}</Paragraph>}
      {code && <Paragraph data-size="sm">{t('code', { code })}</Paragraph>}
      {status === 401 ? (
        <Paragraph>
          <Link asChild>
            <RouterLink to={SIGN_IN_PATH}>{t('signInAgain')}</RouterLink>
          </Link>
        </Paragraph>
      ) : (
        onRetry && (
          <Button variant="secondary" data-size="sm" onClick={onRetry}>
            {t('retry')}
          </Button>
        )
      )}
    </Alert>
  );
}
