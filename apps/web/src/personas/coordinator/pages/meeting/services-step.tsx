import { Button, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../../../shared/api/use-command';
import { useFormat } from '../../../../shared/format/use-format';
import { CommandError } from '../../components/command-error';
import { ProblemSummary, useProblems } from '../../components/form-errors';
import { meetingCommands, type TextInput } from '../../commands';
import { attends } from '../../steps';
import { mayChair, type MeetingContext } from './context';
import { useErasable } from '../../../../shared/format/use-erasable';

/**
 * Each service's perspective, then the shared understanding the chair sums up. A service's
 * perspective is written by its own staff (the API records it for the sender's service): the
 * coordinator writes their own service's here, and sees the others' as they come in.
 */
export function ServicesStep(context: MeetingContext & { readonly onRefresh: () => void }) {
  const erasable = useErasable();
  const { meeting, me, register, onRefresh } = context;
  const { t } = useTranslation('coordinator');
  const format = useFormat();
  const attendingServices = [
    ...new Set(
      (meeting.attendance ?? [])
        .filter((a) => a.kind === 'staff' && attends(a.mode))
        .map((a) => (a.kind === 'staff' ? a.serviceId : '')),
    ),
  ];
  const heard = new Set(meeting.perspectives.map((p) => p.service.serviceId));
  const waiting = attendingServices.filter((s) => !heard.has(s));
  const myService = me.serviceId ?? '';
  const myServiceName = register.services[myService]?.name ?? myService;
  const iMaySpeak = attendingServices.includes(myService);

  return (
    <>
      <Paragraph>{t('services.intro')}</Paragraph>
      {meeting.perspectives.length > 0 && (
        <ul className="said-list">
          {meeting.perspectives.map((p) => (
            <li key={`${p.at}-${p.service.serviceId}`}>
              <Paragraph data-size="sm" className="muted">
                {t('services.said', {
                  service: p.service.name,
                  name: p.by.name,
                  time: format.time(p.at),
                })}
              </Paragraph>
              <Paragraph className="said">{erasable(p.text)}</Paragraph>
            </li>
          ))}
        </ul>
      )}
      {waiting.length > 0 && (
        <Paragraph data-size="sm">
          {t('services.waiting', {
            services: format.list(waiting.map((s) => register.services[s]?.name ?? s)),
          })}
        </Paragraph>
      )}
      <div className="actions">
        <Button variant="tertiary" data-size="sm" onClick={onRefresh}>
          {t('services.refresh')}
        </Button>
      </div>
      {iMaySpeak && (
        <TextForm
          id="services-mine"
          meetingId={meeting.meetingId}
          label={t('services.mine', { service: myServiceName })}
          help={t('services.mineHelp')}
          submit={t('services.submit')}
          send={meetingCommands.perspective}
        />
      )}
      <Heading level={3} data-size="xs">
        {t('services.sharedHeading')}
      </Heading>
      <Paragraph>{t('services.sharedIntro')}</Paragraph>
      {meeting.sharedUnderstanding.map((u) => (
        <Paragraph key={u.at} className="said">
          {erasable(u.text)}
        </Paragraph>
      ))}
      {mayChair(context) && (
        <TextForm
          id="services-shared"
          meetingId={meeting.meetingId}
          label={t('services.shared')}
          help={t('services.sharedHelp')}
          submit={t('services.sharedSubmit')}
          send={meetingCommands.sharedUnderstanding}
        />
      )}
    </>
  );
}

interface TextFormProps {
  readonly id: string;
  readonly meetingId: string;
  readonly label: string;
  readonly help: string;
  readonly submit: string;
  readonly send: typeof meetingCommands.perspective;
}

/** One text, sent as one command; the field keeps what was typed until the API has taken it. */
function TextForm({ id, meetingId, label, help, submit, send }: TextFormProps) {
  const { t } = useTranslation('coordinator');
  const [text, setText] = useState('');
  const { problems, check, of } = useProblems();
  const command = useCommand((input: TextInput, commandId: string) => send(input, commandId), {
    onSuccess: () => setText(''),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!check(text.trim() ? {} : { [id]: t('form.textRequired', { field: label }) })) return;
    command.mutate({ meetingId, text: text.trim() });
  };
  return (
    <form className="stack form" onSubmit={onSubmit} noValidate>
      <ProblemSummary problems={problems} />
      <Textfield
        id={id}
        multiline
        rows={4}
        label={label}
        description={help}
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={of(id)}
      />
      <CommandError command={command} />
      <div className="actions">
        <Button type="submit" variant="secondary" loading={command.isPending}>
          {submit}
        </Button>
      </div>
    </form>
  );
}
