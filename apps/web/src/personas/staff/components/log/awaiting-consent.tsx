import {
  Alert,
  Button,
  Card,
  Checkbox,
  Details,
  Fieldset,
  Heading,
  Paragraph,
  Radio,
  Select,
  Textfield,
} from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddGuardian, useGiveConsentOnPaper, useOpenLog } from '../../api';
import { addDays, isCalendarDate, today } from '../dates';
import { FormErrors, hasErrors, type FieldErrors } from '../form-errors';
import { Guide } from '../guide';
import { SelectField } from '../select-field';
import { ConsentView } from './consent-view';
import { RequestConsentForm } from './consents-tab';
import { activeConsents, covers, type LogContext } from './log-context';
import { CommandError } from '../command-error';
import { StaffForm } from '../staff-form';
import { useErasable } from '../../../../shared/format/use-erasable';

/**
 * Before the log opens: the consent asked for and its answer. Once it is given, the log is opened at
 * one of the municipality's levels; until then the guardians answer in their own app, or a consent
 * signed on paper is registered here.
 */
export function AwaitingConsent({ ctx }: { readonly ctx: LogContext }) {
  const erasable = useErasable();
  const { t } = useTranslation('staff');
  const { log, municipality } = ctx;
  const active = activeConsents(log);
  const pending = log.consents.filter((c) => c.status === 'requested');
  const refused = log.consents.length > 0 && log.consents.every((c) => c.status === 'refused');
  const guardians = Object.values(ctx.family?.guardians ?? {});
  const mayOpen = active.length > 0 && covers(log, ctx.me.serviceId ?? '');
  return (
    <>
      <Guide
        rules={municipality.handlingsveileder}
        municipality={municipality.name}
        step={mayOpen ? 'open' : 'consent'}
      />
      {mayOpen && <OpenForm ctx={ctx} />}
      <section className="stack" aria-labelledby="log-consents">
        <Heading level={2} data-size="sm" id="log-consents">
          {t('awaiting.consents')}
        </Heading>
        {log.consents.map((c) => (
          <ConsentView key={c.consentId} consent={c} ctx={ctx} />
        ))}
        {refused && (
          <Alert data-color="warning">
            <Paragraph>{t('awaiting.refused')}</Paragraph>
          </Alert>
        )}
      </section>
      {pending.length > 0 && (
        <section className="stack" aria-labelledby="log-guardians">
          <Heading level={2} data-size="sm" id="log-guardians">
            {t('awaiting.guardians')}
          </Heading>
          {guardians.length === 0 ? (
            <Paragraph>{t('awaiting.noGuardians')}</Paragraph>
          ) : (
            <ul>
              {guardians.map((g) => (
                <li key={g.guardianId}>
                  {erasable(g.personal.name)}
                  {g.parentalResponsibility ? '' : ` (${t('awaiting.noResponsibility')})`}
                </li>
              ))}
            </ul>
          )}
          <Details>
            <Details.Summary>{t('awaiting.addGuardian')}</Details.Summary>
            <Details.Content>
              <AddGuardianForm familyId={log.familyId} />
            </Details.Content>
          </Details>
          {guardians.some((g) => g.parentalResponsibility) && (
            <Details>
              <Details.Summary>{t('awaiting.paper')}</Details.Summary>
              <Details.Content>
                <PaperConsentForm ctx={ctx} consentId={pending[0].consentId} />
              </Details.Content>
            </Details>
          )}
        </section>
      )}
      {refused && <RequestConsentForm ctx={ctx} />}
    </>
  );
}

function OpenForm({ ctx }: { ctx: LogContext }) {
  const { t } = useTranslation('staff');
  const levels = ctx.municipality.handlingsveileder.levels.filter((l) => l.level >= 1);
  const [level, setLevel] = useState<number>(levels[0]?.level ?? 1);
  const open = useOpenLog();
  const send = () => {
    if (level === 1 || level === 2 || level === 3) open.mutate({ logId: ctx.log.logId, level });
  };
  return (
    <Card data-color="success">
      <StaffForm className="stack" onSubmit={send}>
        <Heading level={2} data-size="sm">
          {t('awaiting.openHeading')}
        </Heading>
        <Paragraph>{t('awaiting.openIntro')}</Paragraph>
        <Fieldset>
          <Fieldset.Legend>{t('awaiting.level')}</Fieldset.Legend>
          {levels.map((l) => (
            <Radio
              key={l.level}
              name="level"
              value={String(l.level)}
              label={l.name}
              checked={level === l.level}
              onChange={() => setLevel(l.level)}
            />
          ))}
        </Fieldset>
        {open.isError && <CommandError error={open.error} headingLevel={3} onRetry={send} />}
        <div className="actions">
          <Button type="submit" loading={open.isPending}>
            {t('awaiting.openSubmit')}
          </Button>
        </div>
      </StaffForm>
    </Card>
  );
}

function AddGuardianForm({ familyId }: { familyId: string }) {
  const { t } = useTranslation('staff');
  const [guardianId, setGuardianId] = useState(() => crypto.randomUUID());
  const [name, setName] = useState('');
  const [identity, setIdentity] = useState('');
  const [contact, setContact] = useState('');
  const [responsibility, setResponsibility] = useState(true);
  const [errors, setErrors] = useState<FieldErrors>({});
  const add = useAddGuardian({
    onSuccess: () => {
      setName('');
      setIdentity('');
      setContact('');
      setGuardianId(crypto.randomUUID());
    },
  });
  const send = () => {
    const found: Record<string, string> = {};
    if (!name.trim()) found['guardian-name'] = t('awaiting.errors.guardianName');
    if (!identity.trim()) found['guardian-identity'] = t('awaiting.errors.identity');
    setErrors(found);
    if (hasErrors(found)) return;
    add.mutate({
      familyId,
      guardianId,
      name: name.trim(),
      identitySubject: identity.trim(),
      parentalResponsibility: responsibility,
      ...(contact.trim() ? { contact: contact.trim() } : {}),
    });
  };
  return (
    <StaffForm onSubmit={send}>
      <Textfield
        id="guardian-name"
        label={t('awaiting.guardianName')}
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={errors['guardian-name']}
        autoComplete="off"
      />
      <Textfield
        id="guardian-identity"
        label={t('awaiting.identity')}
        description={t('awaiting.identityHelp')}
        value={identity}
        onChange={(e) => setIdentity(e.target.value)}
        error={errors['guardian-identity']}
        autoComplete="off"
      />
      <Textfield
        id="guardian-contact"
        label={t('awaiting.contact')}
        value={contact}
        onChange={(e) => setContact(e.target.value)}
        autoComplete="off"
      />
      <Checkbox
        label={t('awaiting.responsibility')}
        checked={responsibility}
        onChange={(e) => setResponsibility(e.target.checked)}
      />
      <FormErrors errors={errors} />
      {add.isError && <CommandError error={add.error} headingLevel={3} onRetry={send} />}
      {add.isSuccess && (
        <Alert data-color="success" role="status">
          {t('awaiting.guardianAdded')}
        </Alert>
      )}
      <div className="actions">
        <Button type="submit" variant="secondary" loading={add.isPending}>
          {t('awaiting.addGuardianSubmit')}
        </Button>
      </div>
    </StaffForm>
  );
}

function PaperConsentForm({ ctx, consentId }: { ctx: LogContext; consentId: string }) {
  const erasable = useErasable();
  const { t } = useTranslation('staff');
  const guardians = Object.values(ctx.family?.guardians ?? {}).filter(
    (g) => g.parentalResponsibility,
  );
  const [guardianId, setGuardianId] = useState(guardians[0]?.guardianId ?? '');
  const [reference, setReference] = useState('');
  const [validFrom, setValidFrom] = useState(today());
  const [validUntil, setValidUntil] = useState(addDays(today(), 364));
  const [errors, setErrors] = useState<FieldErrors>({});
  const give = useGiveConsentOnPaper();
  const send = () => {
    const found: Record<string, string> = {};
    if (!reference.trim()) found['paper-reference'] = t('awaiting.errors.reference');
    if (!isCalendarDate(validFrom)) found['paper-from'] = t('awaiting.errors.date');
    if (!isCalendarDate(validUntil) || validUntil <= validFrom)
      found['paper-until'] = t('awaiting.errors.until');
    setErrors(found);
    if (hasErrors(found)) return;
    give.mutate({
      logId: ctx.log.logId,
      consentId,
      givenByGuardianId: guardianId,
      paperFormReference: reference.trim(),
      validFrom,
      validUntil,
    });
  };
  return (
    <StaffForm onSubmit={send}>
      <Paragraph data-size="sm">{t('awaiting.paperIntro')}</Paragraph>
      <SelectField
        id="paper-guardian"
        label={t('awaiting.signedBy')}
        value={guardianId}
        onChange={setGuardianId}
      >
        {guardians.map((g) => (
          <Select.Option key={g.guardianId} value={g.guardianId}>
            {erasable(g.personal.name)}
          </Select.Option>
        ))}
      </SelectField>
      <Textfield
        id="paper-reference"
        label={t('awaiting.reference')}
        description={t('awaiting.referenceHelp')}
        value={reference}
        onChange={(e) => setReference(e.target.value)}
        error={errors['paper-reference']}
      />
      <Textfield
        id="paper-from"
        type="date"
        label={t('awaiting.validFrom')}
        value={validFrom}
        onChange={(e) => setValidFrom(e.target.value)}
        error={errors['paper-from']}
      />
      <Textfield
        id="paper-until"
        type="date"
        label={t('awaiting.validUntil')}
        value={validUntil}
        onChange={(e) => setValidUntil(e.target.value)}
        error={errors['paper-until']}
      />
      <FormErrors errors={errors} />
      {give.isError && <CommandError error={give.error} headingLevel={3} onRetry={send} />}
      <div className="actions">
        <Button type="submit" variant="secondary" loading={give.isPending}>
          {t('awaiting.paperSubmit')}
        </Button>
      </div>
    </StaffForm>
  );
}
