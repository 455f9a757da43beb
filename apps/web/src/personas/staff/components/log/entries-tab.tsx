import {
  Alert,
  Button,
  Card,
  Fieldset,
  Heading,
  Paragraph,
  Radio,
  Select,
  Tag,
  Textfield,
} from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../../shared/errors/error-alert';
import { useFormat } from '../../../../shared/format/use-format';
import { useAddEntry, useOlderEntries } from '../../api';
import type { EntryKind, InformationCategory } from '../../reads';
import { CATEGORIES } from '../categories';
import { FormErrors, hasErrors, type FieldErrors } from '../form-errors';
import { SelectField } from '../select-field';
import { activeConsents, type LogContext } from './log-context';
import { CommandError } from '../command-error';
import { StaffForm } from '../staff-form';
import { useErasable } from '../../../../shared/format/use-erasable';

const STAFF_KINDS: readonly EntryKind[] = [
  'observation',
  'conversation',
  'agreement',
  'childs_voice',
  'evaluation',
];

/** The log's entries, newest first, and a new one with its kind of information and who sees it. */
export function EntriesTab({
  ctx,
  mayAct,
}: {
  readonly ctx: LogContext;
  readonly mayAct: boolean;
}) {
  const erasable = useErasable();
  const { t } = useTranslation('staff');
  const format = useFormat();
  const older = useOlderEntries(ctx.log.logId, ctx.log.olderEntries);
  const pages = older.data?.pages ?? [];
  // The newest page may have grown since the older ones were read: each entry once.
  const seen = new Set(ctx.log.entries.map((e) => e.entryId));
  const entries = [
    ...ctx.log.entries,
    ...pages.flatMap((page) => page.entries).filter((e) => !seen.has(e.entryId)),
  ].sort((a, b) => b.at.localeCompare(a.at));
  const moreCursor = pages.length > 0 ? pages[pages.length - 1].olderEntries : ctx.log.olderEntries;
  const showOlder = () => void (pages.length > 0 ? older.fetchNextPage() : older.refetch());
  const author = (e: (typeof entries)[number]) => {
    if (e.authorKind === 'guardian')
      return ctx.family?.guardians[e.authorId]?.personal.name ?? t('entries.guardian');
    if (e.authorKind === 'youth') return ctx.childName ?? t('entries.youth');
    return ctx.names.person({ staffId: e.authorId, serviceId: e.serviceId ?? '' });
  };
  return (
    <div className="stack">
      {mayAct && <EntryForm ctx={ctx} />}
      <Heading level={2} data-size="sm">
        {t('entries.heading')}
      </Heading>
      {entries.length === 0 && <Paragraph>{t('entries.none')}</Paragraph>}
      <ol className="card-list">
        {entries.map((e) => (
          <li key={e.entryId}>
            <Card>
              <div className="staff-entry__meta">
                <Tag data-size="sm">{t(`entryKinds.${e.kind}`)}</Tag>
                <Tag data-size="sm" variant="outline">
                  {t(`categories.${e.category}`)}
                </Tag>
                <Tag data-size="sm" data-color={e.sharedWithGuardians ? 'success' : 'neutral'}>
                  {e.sharedWithGuardians ? t('entries.shared') : t('entries.internal')}
                </Tag>
                {e.correctsEntryId && (
                  <Tag data-size="sm" data-color="warning">
                    {t('entries.correction')}
                  </Tag>
                )}
              </div>
              <Paragraph className="staff-entry__text">{erasable(e.text)}</Paragraph>
              <Paragraph data-size="sm" className="staff-muted">
                {t('entries.byline', { who: author(e), when: format.dateTime(e.at) })}
              </Paragraph>
            </Card>
          </li>
        ))}
      </ol>
      {older.isError && <ErrorAlert error={older.error} onRetry={showOlder} />}
      {moreCursor && (
        <div className="actions">
          <Button variant="secondary" loading={older.isFetching} onClick={showOlder}>
            {t('entries.older')}
          </Button>
        </div>
      )}
    </div>
  );
}

function EntryForm({ ctx }: { ctx: LogContext }) {
  const { t } = useTranslation('staff');
  const format = useFormat();
  const service = ctx.me.serviceId ?? '';
  // The kinds of information an active consent lets your service write, in the API's order.
  const allowed = CATEGORIES.filter((c) =>
    activeConsents(ctx.log).some(
      (consent) => consent.scope.services.includes(service) && consent.scope.categories.includes(c),
    ),
  );
  const until = activeConsents(ctx.log)
    .map((c) => c.validUntil ?? '')
    .sort()
    .at(-1);
  const [entryId, setEntryId] = useState(() => crypto.randomUUID());
  const [kind, setKind] = useState<EntryKind>('observation');
  const [category, setCategory] = useState<InformationCategory | ''>(
    allowed.length === 1 ? allowed[0] : '',
  );
  const [shared, setShared] = useState(true);
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const add = useAddEntry({
    onSuccess: () => {
      setText('');
      setEntryId(crypto.randomUUID());
      setErrors({});
    },
  });
  const send = () => {
    const found: Record<string, string> = {};
    if (!category) found['entry-category'] = t('entries.errors.category');
    if (!text.trim()) found['entry-text'] = t('entries.errors.text');
    setErrors(found);
    if (hasErrors(found) || !category) return;
    add.mutate({
      logId: ctx.log.logId,
      entryId,
      kind,
      category,
      sharedWithGuardians: shared,
      text: text.trim(),
    });
  };
  return (
    <Card>
      <StaffForm onSubmit={send}>
        <Heading level={2} data-size="sm">
          {t('entries.formHeading')}
        </Heading>
        <Paragraph data-size="sm">
          {t('entries.scope', {
            categories: format.list(
              allowed.map((c) => t('quoted', { text: t(`categories.${c}`) })),
            ),
            until: until ? format.date(until) : '–',
          })}
        </Paragraph>
        <SelectField
          id="entry-kind"
          label={t('entries.kind')}
          value={kind}
          onChange={(v) => setKind(v as EntryKind)}
        >
          {STAFF_KINDS.map((k) => (
            <Select.Option key={k} value={k}>
              {t(`entryKinds.${k}`)}
            </Select.Option>
          ))}
        </SelectField>
        <SelectField
          id="entry-category"
          label={t('entries.category')}
          description={t('entries.categoryHelp')}
          value={category}
          onChange={(v) => setCategory(v as InformationCategory)}
          error={errors['entry-category']}
        >
          <Select.Option value="" disabled>
            {t('entries.chooseCategory')}
          </Select.Option>
          {allowed.map((c) => (
            <Select.Option key={c} value={c}>
              {t(`categories.${c}`)}
            </Select.Option>
          ))}
        </SelectField>
        <Fieldset>
          <Fieldset.Legend>{t('entries.sharedQuestion')}</Fieldset.Legend>
          <Radio
            name="entry-shared"
            value="yes"
            label={t('entries.sharedYes')}
            checked={shared}
            onChange={() => setShared(true)}
          />
          <Radio
            name="entry-shared"
            value="no"
            label={t('entries.sharedNo')}
            checked={!shared}
            onChange={() => setShared(false)}
          />
        </Fieldset>
        <Textfield
          id="entry-text"
          multiline
          rows={4}
          label={t('entries.text')}
          description={t('entries.textHelp')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          counter={4000}
          error={errors['entry-text']}
        />
        <FormErrors errors={errors} />
        {add.isError && <CommandError error={add.error} headingLevel={3} onRetry={send} />}
        {add.isSuccess && (
          <Alert data-color="success" role="status">
            {t('entries.saved')}
          </Alert>
        )}
        <div className="actions">
          <Button type="submit" loading={add.isPending}>
            {t('entries.submit')}
          </Button>
        </div>
      </StaffForm>
    </Card>
  );
}
