import {
  Button,
  Fieldset,
  Paragraph,
  Radio,
  Textfield,
  ValidationMessage,
} from '@digdir/designsystemet-react';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useFormat } from '../../../shared/format/use-format';
import { Loading } from '../../../shared/layout/loading';
import { Page } from '../../../shared/layout/page';
import {
  useAddSubject,
  useMunicipality,
  useNoteConcern,
  useRegisterFamily,
  useWorklist,
} from '../api';
import { BackLink } from '../components/back-link';
import { addDays, isCalendarDate, today } from '../components/dates';
import { FormErrors, hasErrors, type FieldErrors } from '../components/form-errors';
import { Guide } from '../components/guide';
import { staffPaths } from '../paths';
import type { ConcernKind, Worklist } from '../reads';
import { CommandError } from '../components/command-error';

const NEW_CHILD = 'new';

interface KnownChild {
  familyId: string;
  subjectId: string;
  name: string;
}

/** The children the worklist names: the ones this person already works with. */
function knownChildren(list: Worklist | undefined): KnownChild[] {
  if (!list) return [];
  const all = [
    ...list.batons.items,
    ...list.handoversToAccept.items,
    ...list.evaluationsDue.items,
    ...list.consentsExpiring.items,
    ...list.overdueConcerns.items,
    ...list.inactiveLogs.items,
  ];
  const found = new Map<string, KnownChild>();
  for (const item of all)
    if (item.childName && !found.has(item.subjectId))
      found.set(item.subjectId, {
        familyId: item.familyId,
        subjectId: item.subjectId,
        name: item.childName,
      });
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name, 'nb'));
}

/**
 * Noting a concern in under a minute: which child, what you noticed, undring or bekymring. A child
 * not in the register yet is registered in the same step (a new family with the child in it).
 */
export function NewConcernPage() {
  const { t } = useTranslation('staff');
  const format = useFormat();
  const navigate = useNavigate();
  const municipality = useMunicipality();
  const worklist = useWorklist();
  const children = knownChildren(worklist.data);

  // One set of ids per intended concern: a retry after a failure sends the same commands again.
  const [ids] = useState(() => ({
    familyId: crypto.randomUUID(),
    subjectId: crypto.randomUUID(),
    concernId: crypto.randomUUID(),
  }));
  const [choice, setChoice] = useState<string>('');
  const [childName, setChildName] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [kind, setKind] = useState<ConcernKind>('undring');
  const [summary, setSummary] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const done = useRef({ family: false, subject: false });

  const registerFamily = useRegisterFamily();
  const addSubject = useAddSubject();
  const noteConcern = useNoteConcern();
  const failed = registerFamily.error ?? addSubject.error ?? noteConcern.error;
  const sending = registerFamily.isPending || addSubject.isPending || noteConcern.isPending;

  const selected = choice || (children.length === 0 ? NEW_CHILD : '');
  const isNew = selected === NEW_CHILD;

  const check = (): FieldErrors => {
    const found: Record<string, string> = {};
    if (!selected) found['concern-child-0'] = t('newConcern.errors.child');
    if (isNew && !childName.trim()) found['concern-child-name'] = t('newConcern.errors.childName');
    if (isNew && (!isCalendarDate(birthDate) || birthDate > today()))
      found['concern-child-birth'] = t('newConcern.errors.birthDate');
    if (!summary.trim()) found['concern-summary'] = t('newConcern.errors.summary');
    return found;
  };

  const send = async () => {
    const found = check();
    setErrors(found);
    if (hasErrors(found)) return;
    try {
      let familyId: string;
      let subjectId: string;
      if (isNew) {
        familyId = ids.familyId;
        subjectId = ids.subjectId;
        // A step that went through is not sent again (the child's name may have been corrected since).
        if (!done.current.family) {
          await registerFamily.mutateAsync({ familyId });
          done.current.family = true;
        }
        if (!done.current.subject) {
          await addSubject.mutateAsync({
            familyId,
            subjectId,
            kind: 'child',
            name: childName.trim(),
            birthDate,
          });
          done.current.subject = true;
        }
      } else {
        const known = children.find((c) => c.subjectId === selected);
        if (!known) return;
        familyId = known.familyId;
        subjectId = known.subjectId;
      }
      await noteConcern.mutateAsync({
        concernId: ids.concernId,
        familyId,
        subjectId,
        kind,
        summary: summary.trim(),
      });
      void navigate(staffPaths.concern(ids.concernId));
    } catch {
      // Shown below from the command's own error; what was typed stays.
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send();
  };

  const rules = municipality.data?.handlingsveileder;
  return (
    <Page
      title={t('newConcern.title')}
      before={<BackLink to={staffPaths.worklist()}>{t('nav.worklist')}</BackLink>}
    >
      <Paragraph>{t('newConcern.intro')}</Paragraph>
      {rules && municipality.data && (
        <Guide rules={rules} municipality={municipality.data.name} step="concern" />
      )}
      {rules && (
        <Paragraph data-size="sm">
          {t('newConcern.deadline', {
            date: format.date(addDays(today(), rules.concernDecisionDeadlineDays)),
          })}
        </Paragraph>
      )}
      {/* The children to choose from come from the worklist; without it, a new child only. */}
      {worklist.isPending ? (
        <Loading />
      ) : (
        <form className="stack staff-form" onSubmit={submit} noValidate>
          <Fieldset>
            <Fieldset.Legend>{t('newConcern.child')}</Fieldset.Legend>
            {children.length > 0 && (
              <Fieldset.Description>{t('newConcern.childHelp')}</Fieldset.Description>
            )}
            {children.map((c, i) => (
              <Radio
                key={c.subjectId}
                id={`concern-child-${i}`}
                name="child"
                value={c.subjectId}
                label={c.name}
                checked={selected === c.subjectId}
                onChange={() => setChoice(c.subjectId)}
              />
            ))}
            {children.length > 0 && (
              <Radio
                id="concern-child-new"
                name="child"
                value={NEW_CHILD}
                label={t('newConcern.newChild')}
                checked={isNew}
                onChange={() => setChoice(NEW_CHILD)}
              />
            )}
            {errors['concern-child-0'] && (
              <ValidationMessage>{errors['concern-child-0']}</ValidationMessage>
            )}
            {isNew && (
              <div className="stack staff-indent">
                <Textfield
                  id="concern-child-name"
                  label={t('newConcern.childName')}
                  value={childName}
                  onChange={(e) => setChildName(e.target.value)}
                  error={errors['concern-child-name']}
                  autoComplete="off"
                  required
                />
                <Textfield
                  id="concern-child-birth"
                  type="date"
                  label={t('newConcern.birthDate')}
                  value={birthDate}
                  max={today()}
                  onChange={(e) => setBirthDate(e.target.value)}
                  error={errors['concern-child-birth']}
                  required
                />
              </div>
            )}
          </Fieldset>
          <Fieldset>
            <Fieldset.Legend>{t('newConcern.kind')}</Fieldset.Legend>
            <Radio
              name="kind"
              value="undring"
              label={t('concernKind.undring')}
              description={t('newConcern.undringHelp')}
              checked={kind === 'undring'}
              onChange={() => setKind('undring')}
            />
            <Radio
              name="kind"
              value="bekymring"
              label={t('concernKind.bekymring')}
              description={t('newConcern.bekymringHelp')}
              checked={kind === 'bekymring'}
              onChange={() => setKind('bekymring')}
            />
          </Fieldset>
          <Textfield
            id="concern-summary"
            multiline
            rows={4}
            label={t('newConcern.summary')}
            description={t('newConcern.summaryHelp')}
            value={summary}
            onChange={(e) => setSummary(e.target.value)}
            counter={2000}
            error={errors['concern-summary']}
            required
          />
          <FormErrors errors={errors} />
          {failed && <CommandError error={failed} onRetry={() => void send()} />}
          <div className="actions">
            <Button type="submit" loading={sending} disabled={sending}>
              {t('newConcern.submit')}
            </Button>
          </div>
        </form>
      )}
    </Page>
  );
}
