import {
  Alert,
  Button,
  Card,
  Checkbox,
  Heading,
  Link,
  Paragraph,
  Select,
  Tag,
} from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { useFormat } from '../../../../shared/format/use-format';
import { useAnswerHandover, useJoinService, useOfferHandover } from '../../api';
import { staffPaths } from '../../paths';
import { FormErrors, hasErrors, type FieldErrors } from '../form-errors';
import { SelectField } from '../select-field';
import { Steering } from './steering';
import { abilitiesOf, activeConsents, covers, type LogContext } from './log-context';
import { CommandError } from '../command-error';
import { StaffForm } from '../staff-form';

/** The baton (who has the main responsibility), its handover, and the services taking part. */
export function BatonTab({ ctx }: { readonly ctx: LogContext }) {
  const { t } = useTranslation('staff');
  const format = useFormat();
  const { log, names } = ctx;
  const can = abilitiesOf(ctx);
  return (
    <div className="stack">
      <Heading level={2} data-size="sm">
        {t('baton.heading')}
      </Heading>
      <Paragraph>{t('baton.explain')}</Paragraph>
      <Paragraph>
        {log.stafettholder
          ? can.holder
            ? t('baton.youHold')
            : t('baton.holder', { person: names.person(log.stafettholder) })
          : t('baton.noHolder')}
      </Paragraph>
      {log.pendingHandover &&
        (can.offeredToMe ? (
          <AnswerHandover ctx={ctx} />
        ) : (
          <Alert data-color="info">
            <Paragraph>
              {t('baton.pending', { person: names.person(log.pendingHandover) })}
            </Paragraph>
          </Alert>
        ))}
      {can.maySteer && !log.pendingHandover && <OfferForm ctx={ctx} />}
      <Heading level={2} data-size="sm">
        {t('baton.services')}
      </Heading>
      <ul>
        {log.services.map((s) => (
          <li key={s.serviceId}>
            {names.service(s.serviceId)}{' '}
            <span className="staff-muted">
              {t('baton.joined', { date: format.date(s.joinedAt) })}
            </span>
            {s.hidden && (
              <>
                {' '}
                <Tag data-size="sm">{t('baton.hidden')}</Tag>
              </>
            )}
            {log.samordningsansvar === s.serviceId && (
              <>
                {' '}
                <Tag data-size="sm" data-color="info">
                  {t('baton.coordinating')}
                </Tag>
              </>
            )}
          </li>
        ))}
      </ul>
      {can.mayAct && <JoinForm ctx={ctx} />}
      {can.maySteer && <Steering ctx={ctx} />}
      <Card>
        <Heading level={2} data-size="xs">
          {t('baton.referHeading')}
        </Heading>
        <Paragraph>{t('baton.referIntro')}</Paragraph>
        <Link asChild>
          <RouterLink to={staffPaths.catalogue(log.logId)}>{t('baton.referLink')}</RouterLink>
        </Link>
      </Card>
    </div>
  );
}

function AnswerHandover({ ctx }: { ctx: LogContext }) {
  const { t } = useTranslation('staff');
  const answer = useAnswerHandover();
  return (
    <Card data-color="warning">
      <Heading level={3} data-size="xs">
        {t('baton.offeredToYou')}
      </Heading>
      <Paragraph>
        {t('baton.offeredBy', {
          person: ctx.log.stafettholder ? ctx.names.person(ctx.log.stafettholder) : '–',
        })}
      </Paragraph>
      {answer.isError && (
        <CommandError
          error={answer.error}
          headingLevel={4}
          onRetry={() => answer.variables && answer.mutate(answer.variables)}
        />
      )}
      <div className="actions">
        <Button
          loading={answer.isPending && answer.variables.answer === 'accept'}
          disabled={answer.isPending}
          onClick={() => answer.mutate({ logId: ctx.log.logId, answer: 'accept' })}
        >
          {t('baton.accept')}
        </Button>
        <Button
          variant="secondary"
          loading={answer.isPending && answer.variables.answer === 'decline'}
          disabled={answer.isPending}
          onClick={() => answer.mutate({ logId: ctx.log.logId, answer: 'decline' })}
        >
          {t('baton.decline')}
        </Button>
      </div>
    </Card>
  );
}

/** Offer the baton to a person in a service taking part (not hidden) that the consent covers. */
function OfferForm({ ctx }: { ctx: LogContext }) {
  const { t } = useTranslation('staff');
  const { log, municipality, names } = ctx;
  const services = log.services
    .filter((s) => !s.hidden && covers(log, s.serviceId))
    .map((s) => s.serviceId);
  const people = Object.values(municipality.staff)
    .filter(
      (p) =>
        p.active &&
        services.includes(p.serviceId) &&
        !(log.stafettholder?.staffId === p.staffId && log.stafettholder.serviceId === p.serviceId),
    )
    .sort(
      (a, b) =>
        names.service(a.serviceId).localeCompare(names.service(b.serviceId), 'nb') ||
        a.displayName.localeCompare(b.displayName, 'nb'),
    );
  const [person, setPerson] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const offer = useOfferHandover();
  const send = () => {
    const chosen = people.find((p) => `${p.serviceId}/${p.staffId}` === person);
    const found: Record<string, string> = {};
    if (!chosen) found['offer-person'] = t('baton.errors.person');
    setErrors(found);
    if (hasErrors(found) || !chosen) return;
    offer.mutate({ logId: log.logId, toStaffId: chosen.staffId, toServiceId: chosen.serviceId });
  };
  return (
    <StaffForm onSubmit={send}>
      <Heading level={3} data-size="xs">
        {t('baton.offerHeading')}
      </Heading>
      <Paragraph data-size="sm">{t('baton.offerIntro')}</Paragraph>
      <SelectField
        id="offer-person"
        label={t('baton.offerTo')}
        value={person}
        onChange={setPerson}
        error={errors['offer-person']}
      >
        <Select.Option value="" disabled>
          {t('baton.choosePerson')}
        </Select.Option>
        {people.map((p) => (
          <Select.Option key={`${p.serviceId}/${p.staffId}`} value={`${p.serviceId}/${p.staffId}`}>
            {`${p.displayName}, ${names.service(p.serviceId)}`}
          </Select.Option>
        ))}
      </SelectField>
      <FormErrors errors={errors} />
      {offer.isError && <CommandError error={offer.error} headingLevel={4} onRetry={send} />}
      {offer.isSuccess && (
        <Alert data-color="success" role="status">
          {t('baton.offered')}
        </Alert>
      )}
      <div className="actions">
        <Button type="submit" variant="secondary" loading={offer.isPending}>
          {t('baton.offerSubmit')}
        </Button>
      </div>
    </StaffForm>
  );
}

/** Bring in a service the consent names that does not take part yet. */
function JoinForm({ ctx }: { ctx: LogContext }) {
  const { t } = useTranslation('staff');
  const { log, names } = ctx;
  const named = [...new Set(activeConsents(log).flatMap((c) => c.scope.services))];
  const candidates = named.filter((s) => !log.services.some((p) => p.serviceId === s));
  const [serviceId, setServiceId] = useState('');
  const [hidden, setHidden] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const join = useJoinService({ onSuccess: () => setServiceId('') });
  if (candidates.length === 0)
    return <Paragraph data-size="sm">{t('baton.noMoreServices')}</Paragraph>;
  const send = () => {
    const found: Record<string, string> = {};
    if (!serviceId) found['join-service'] = t('baton.errors.service');
    setErrors(found);
    if (hasErrors(found)) return;
    join.mutate({ logId: log.logId, serviceId, hidden });
  };
  return (
    <StaffForm onSubmit={send}>
      <Heading level={3} data-size="xs">
        {t('baton.joinHeading')}
      </Heading>
      <SelectField
        id="join-service"
        label={t('baton.joinService')}
        description={t('baton.joinHelp')}
        value={serviceId}
        onChange={setServiceId}
        error={errors['join-service']}
      >
        <Select.Option value="" disabled>
          {t('baton.chooseService')}
        </Select.Option>
        {candidates.map((s) => (
          <Select.Option key={s} value={s}>
            {names.service(s)}
          </Select.Option>
        ))}
      </SelectField>
      <Checkbox
        label={t('baton.joinHidden')}
        description={t('baton.joinHiddenHelp')}
        checked={hidden}
        onChange={(e) => setHidden(e.target.checked)}
      />
      <FormErrors errors={errors} />
      {join.isError && <CommandError error={join.error} headingLevel={4} onRetry={send} />}
      <div className="actions">
        <Button type="submit" variant="secondary" loading={join.isPending}>
          {t('baton.joinSubmit')}
        </Button>
      </div>
    </StaffForm>
  );
}
