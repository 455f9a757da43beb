import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRequestConsent } from '../../api';
import {
  ConsentScopeFields,
  emptyScope,
  scopeErrors,
  type ScopeDraft,
} from '../consent-scope-fields';
import { FormErrors, hasErrors, type FieldErrors } from '../form-errors';
import { ConsentView } from './consent-view';
import type { LogContext } from './log-context';
import { CommandError } from '../command-error';
import { StaffForm } from '../staff-form';

/** The consents your service may see, newest first, and a request for a further one. */
export function ConsentsTab({
  ctx,
  mayAct,
}: {
  readonly ctx: LogContext;
  readonly mayAct: boolean;
}) {
  const { t } = useTranslation('staff');
  const consents = [...ctx.log.consents].reverse();
  return (
    <div className="stack">
      <Heading level={2} data-size="sm">
        {t('consents.heading')}
      </Heading>
      <Paragraph>{t('consents.intro')}</Paragraph>
      {consents.map((c) => (
        <ConsentView key={c.consentId} consent={c} ctx={ctx} />
      ))}
      {mayAct && <RequestConsentForm ctx={ctx} />}
    </div>
  );
}

/** A further consent (more services or kinds of information), which the family answers. */
export function RequestConsentForm({ ctx }: { readonly ctx: LogContext }) {
  const { t } = useTranslation('staff');
  const [consentId, setConsentId] = useState(() => crypto.randomUUID());
  const [scope, setScope] = useState<ScopeDraft>(() => emptyScope(ctx.me.serviceId));
  const [errors, setErrors] = useState<FieldErrors>({});
  const request = useRequestConsent({
    onSuccess: () => {
      setScope(emptyScope(ctx.me.serviceId));
      setConsentId(crypto.randomUUID());
    },
  });
  const send = () => {
    const found = scopeErrors(scope, 'request', t);
    setErrors(found);
    if (hasErrors(found)) return;
    request.mutate({
      logId: ctx.log.logId,
      consentId,
      scope: { ...scope, purpose: scope.purpose.trim() },
    });
  };
  return (
    <StaffForm onSubmit={send}>
      <Heading level={3} data-size="xs">
        {t('consents.requestHeading')}
      </Heading>
      <Paragraph data-size="sm">{t('consents.requestIntro')}</Paragraph>
      <ConsentScopeFields
        scope={scope}
        onChange={setScope}
        municipality={ctx.municipality}
        ownServiceId={ctx.me.serviceId}
        prefix="request"
        errors={errors}
      />
      <FormErrors errors={errors} />
      {request.isError && <CommandError error={request.error} headingLevel={4} onRetry={send} />}
      {request.isSuccess && (
        <Alert data-color="success" role="status">
          {t('consents.requested')}
        </Alert>
      )}
      <div className="actions">
        <Button type="submit" variant="secondary" loading={request.isPending}>
          {t('consents.requestSubmit')}
        </Button>
      </div>
    </StaffForm>
  );
}
