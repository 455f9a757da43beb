import { Alert, Button, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/errors/error-alert';
import { useAddAgendaItem } from '../api';

/** A point the family wants to talk about, added to the meeting's agenda before it starts. */
export function AgendaForm({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation('guardian');
  const [text, setText] = useState('');
  const [itemId, setItemId] = useState(() => crypto.randomUUID());
  const [missing, setMissing] = useState(false);
  const [saved, setSaved] = useState(false);
  const add = useAddAgendaItem();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    if (!text.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    add.mutate(
      { meetingId, itemId, text: text.trim() },
      {
        onSuccess: () => {
          setText('');
          setItemId(crypto.randomUUID());
          setSaved(true);
        },
      },
    );
  };

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <Textfield
        label={t('agenda.label')}
        description={t('agenda.description')}
        value={text}
        onChange={(event) => setText(event.target.value)}
        error={missing ? t('agenda.missing') : undefined}
        counter={500}
      />
      {add.isError && <ErrorAlert error={add.error} headingLevel={3} />}
      {saved && (
        <Alert data-color="success" role="status">
          {t('agenda.saved')}
        </Alert>
      )}
      <div>
        <Button type="submit" loading={add.isPending} disabled={add.isPending}>
          {t('agenda.submit')}
        </Button>
      </div>
    </form>
  );
}
