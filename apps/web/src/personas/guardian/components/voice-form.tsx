import { Alert, Button, Field, Label, Select, Textfield } from '@digdir/designsystemet-react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { InformationCategory } from '../../../shared/api/reads';
import { useSession } from '../../../shared/auth/auth';
import { ErrorAlert } from '../../../shared/errors/error-alert';
import { useAddVoice } from '../api';

const MAX = 4000;

/**
 * "Add what we think": the family's own words in the log, which every service taking part can read
 * within what the consent covers — `categories`, those of a consent in force (at least one). What
 * was typed stays through a failed send; "send again" is safe.
 */
export function VoiceForm({
  logId,
  categories,
}: {
  logId: string;
  categories: readonly InformationCategory[];
}) {
  const { t } = useTranslation('guardian');
  const session = useSession();
  const categoryId = useId();
  const [text, setText] = useState('');
  const [category, setCategory] = useState<InformationCategory>(categories[0]);
  const [entryId, setEntryId] = useState(() => crypto.randomUUID());
  const [missing, setMissing] = useState(false);
  const [saved, setSaved] = useState(false);
  const add = useAddVoice();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    if (!text.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    add.mutate(
      {
        logId,
        entryId,
        kind: session.role === 'youth' ? 'childs_voice' : 'guardians_voice',
        category,
        text: text.trim(),
      },
      {
        onSuccess: () => {
          setText('');
          setEntryId(crypto.randomUUID());
          setSaved(true);
        },
      },
    );
  };

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <Textfield
        multiline
        rows={4}
        label={t('voice.label')}
        description={t('voice.description')}
        value={text}
        onChange={(event) => setText(event.target.value)}
        error={missing ? t('voice.missing') : undefined}
        counter={MAX}
      />
      <Field>
        <Label htmlFor={categoryId}>{t('voice.category')}</Label>
        <Select
          id={categoryId}
          value={category}
          onChange={(event) => setCategory(event.target.value as InformationCategory)}
        >
          {categories.map((c) => (
            <Select.Option key={c} value={c}>
              {t(`categories.${c}`)}
            </Select.Option>
          ))}
        </Select>
      </Field>
      {add.isError && <ErrorAlert error={add.error} headingLevel={3} />}
      {saved && (
        <Alert data-color="success" role="status">
          {t('voice.saved')}
        </Alert>
      )}
      <div>
        <Button type="submit" loading={add.isPending} disabled={add.isPending}>
          {t('voice.submit')}
        </Button>
      </div>
    </form>
  );
}
