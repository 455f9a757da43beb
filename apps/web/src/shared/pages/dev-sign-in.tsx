import {
  Alert,
  Button,
  Card,
  Field,
  Heading,
  Label,
  Paragraph,
  Select,
} from '@digdir/designsystemet-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { answer, api } from '../api/client';
import type { components } from '../api/openapi';
import { useAuth } from '../auth/auth';
import { ErrorAlert } from '../errors/error-alert';
import { Loading } from '../layout/loading';
import { homeOf } from '../paths';

type DemoPerson = components['schemas']['DemoPersonDto'];

const GROUPS = [
  ['families', ['guardian', 'youth']],
  ['staff', ['staff', 'coordinator']],
  ['leaders', ['admin', 'analyst', 'operator', 'archivist']],
] as const;

/**
 * Development and tests only: pick a person of the seeded municipalities and get a token for them
 * from the API (`POST /dev/sign-in`), in place of the identity provider.
 */
export function DevSignIn({ next }: { next: string | null }) {
  const { t } = useTranslation();
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const selectId = useId();
  const people = useQuery({
    queryKey: ['dev', 'people'],
    queryFn: () => answer(api.GET('/dev/people')),
  });
  const [chosen, setChosen] = useState<string | null>(null);
  const signInAs = useMutation({
    mutationFn: async (person: DemoPerson) => {
      const session = await answer(
        api.POST('/dev/sign-in', { body: { subject: person.subject, role: person.role } }),
      );
      return signIn(session.token, {
        via: 'dev',
        expiresAt: session.expiresAt,
        name: session.person.name,
        idToken: null,
      });
    },
    onSuccess: (session) => void navigate(next ?? homeOf(session.role), { replace: true }),
  });

  const municipalities = people.data?.municipalities ?? [];
  const municipality =
    municipalities.find((m) => m.municipalityId === chosen) ?? municipalities.at(0) ?? null;

  const describe = (person: DemoPerson): string => {
    if (person.role === 'guardian')
      return t('signIn.guardianOf', { children: person.children.join(', ') });
    if (person.role === 'youth') return t('signIn.youthSelf');
    if (person.serviceName)
      return t('signIn.roleAtService', {
        role: t(`roles.${person.role}`),
        service: person.serviceName,
      });
    return t(`roles.${person.role}`);
  };

  return (
    <section className="stack" aria-labelledby="dev-heading">
      <Heading level={2} data-size="md" id="dev-heading">
        {t('signIn.devTitle')}
      </Heading>
      <Alert data-color="info">{t('signIn.devIntro')}</Alert>
      {people.isPending && <Loading />}
      {people.isError && <ErrorAlert error={people.error} onRetry={() => void people.refetch()} />}
      {people.data && municipalities.length === 0 && (
        <Alert data-color="warning">{t('signIn.noPeople')}</Alert>
      )}
      {signInAs.isError && <ErrorAlert error={signInAs.error} />}
      {municipality && (
        <>
          <Field>
            <Label htmlFor={selectId}>{t('signIn.municipality')}</Label>
            <Select
              id={selectId}
              value={municipality.municipalityId}
              onChange={(event) => setChosen(event.target.value)}
            >
              {municipalities.map((m) => (
                <Select.Option key={m.municipalityId} value={m.municipalityId}>
                  {m.name} ({m.county})
                </Select.Option>
              ))}
            </Select>
          </Field>
          {GROUPS.map(([group, roles]) => {
            const members = municipality.people.filter((p) =>
              (roles as readonly string[]).includes(p.role),
            );
            if (members.length === 0) return null;
            return (
              <section key={group} className="stack" aria-labelledby={`dev-${group}`}>
                <Heading level={3} data-size="xs" id={`dev-${group}`}>
                  {t(`signIn.${group}`)}
                </Heading>
                <ul className="card-list">
                  {members.map((person) => (
                    <li key={`${person.subject}-${person.role}`}>
                      <Card data-color="neutral" className="person-card">
                        <div>
                          <Paragraph>
                            <strong>{person.name}</strong>
                          </Paragraph>
                          <Paragraph data-size="sm">{describe(person)}</Paragraph>
                        </div>
                        <Button
                          variant="secondary"
                          data-size="sm"
                          loading={signInAs.isPending && signInAs.variables === person}
                          disabled={signInAs.isPending}
                          onClick={() => signInAs.mutate(person)}
                        >
                          {t('signIn.signInAs', { name: person.name })}
                        </Button>
                      </Card>
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
        </>
      )}
    </section>
  );
}
