import {
  Alert,
  Button,
  Card,
  Field,
  Heading,
  Label,
  Link,
  Paragraph,
  Search,
  Tag,
  Textfield,
} from '@digdir/designsystemet-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { useFormat } from '../../../shared/format/use-format';
import { Page } from '../../../shared/layout/page';
import { useFamily, useLog, useMunicipality, useReferCase, useTeams } from '../api';
import { BackLink } from '../components/back-link';
import { Guide } from '../components/guide';
import { Loaded } from '../components/loaded';
import { covers } from '../components/log/log-context';
import { childNameOf, namesOf, type Names } from '../components/names';
import { staffPaths } from '../paths';
import type { CatalogueEntry, Municipality, StaffLog, Team } from '../reads';
import { CommandError } from '../components/command-error';
import { StaffForm } from '../components/staff-form';

/** Lower case without accents, so "barnehage" finds "Barnehage" and "ppt" finds "PPT". */
const normalise = (text: string) =>
  text
    .toLocaleLowerCase('nb')
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '');

const matches = (query: string, ...texts: string[]) => {
  const words = normalise(query).split(/\s+/).filter(Boolean);
  const haystack = normalise(texts.join(' '));
  return words.every((w) => haystack.includes(w));
};

/**
 * The municipality's service catalogue and teams, searched in one place. Opened from a log, an offer
 * becomes a measure in it and a team takes a referral (when the consent names all its services).
 */
export function CataloguePage() {
  const { t } = useTranslation('staff');
  const [params] = useSearchParams();
  const logId = params.get('logg');
  const municipality = useMunicipality();
  const teams = useTeams();
  const [query, setQuery] = useState('');
  const searchId = useId();
  return (
    <Page
      title={t('catalogue.title')}
      before={
        <BackLink to={logId ? staffPaths.log(logId, 'stafett') : staffPaths.worklist()}>
          {logId ? t('nav.log') : t('nav.worklist')}
        </BackLink>
      }
    >
      <Paragraph>{t('catalogue.intro')}</Paragraph>
      {logId ? <ForLog logId={logId} /> : <Paragraph>{t('catalogue.fromLog')}</Paragraph>}
      <Field>
        <Label htmlFor={searchId}>{t('catalogue.search')}</Label>
        <Search>
          <Search.Input
            id={searchId}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder={t('catalogue.searchPlaceholder')}
          />
          <Search.Clear aria-label={t('catalogue.clear')} onClick={() => setQuery('')} />
        </Search>
      </Field>
      <Loaded query={municipality}>
        {(m) => (
          <>
            <Offers municipality={m} query={query} logId={logId} />
            <Loaded query={teams}>
              {(page) => (
                <Teams
                  teams={page.items.map((i) => i.document)}
                  municipality={m}
                  query={query}
                  logId={logId}
                />
              )}
            </Loaded>
            <Guide rules={m.handlingsveileder} municipality={m.name} step="refer" />
          </>
        )}
      </Loaded>
    </Page>
  );
}

/** Which log the referral or measure is for: the child's name and what the consent covers. */
function ForLog({ logId }: { logId: string }) {
  const { t } = useTranslation('staff');
  const log = useLog(logId);
  const family = useFamily(log.data?.familyId ?? null);
  return (
    <Loaded query={log}>
      {(l) => (
        <Alert data-color="info">
          <Paragraph>
            {t('catalogue.forLog', {
              child: childNameOf(family.data, l.subjectId) ?? t('worklist.unnamedChild'),
            })}
          </Paragraph>
        </Alert>
      )}
    </Loaded>
  );
}

function Offers({
  municipality,
  query,
  logId,
}: {
  municipality: Municipality;
  query: string;
  logId: string | null;
}) {
  const { t } = useTranslation('staff');
  const names = namesOf(municipality);
  const offers = Object.values(municipality.catalogue)
    .filter((o) =>
      matches(query, o.name, o.description, o.targetGroup, o.contact, names.service(o.serviceId)),
    )
    .sort((a, b) => a.name.localeCompare(b.name, 'nb'));
  return (
    <section className="stack" aria-labelledby="catalogue-offers">
      <Heading level={2} data-size="sm" id="catalogue-offers">
        {t('catalogue.offers', { count: offers.length })}
      </Heading>
      {offers.length === 0 && <Paragraph>{t('catalogue.noOffers')}</Paragraph>}
      <ul className="card-list card-list--two">
        {offers.map((o) => (
          <li key={o.entryId}>
            <OfferCard offer={o} names={names} logId={logId} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function OfferCard({
  offer,
  names,
  logId,
}: {
  offer: CatalogueEntry;
  names: Names;
  logId: string | null;
}) {
  const { t } = useTranslation('staff');
  return (
    <Card>
      <Heading level={3} data-size="xs">
        {offer.name}
      </Heading>
      <Paragraph>{offer.description}</Paragraph>
      <dl className="staff-facts">
        <dt>{t('catalogue.targetGroup')}</dt>
        <dd>{offer.targetGroup}</dd>
        <dt>{t('catalogue.contact')}</dt>
        <dd>{offer.contact}</dd>
        {offer.serviceId && (
          <>
            <dt>{t('catalogue.service')}</dt>
            <dd>{names.service(offer.serviceId)}</dd>
          </>
        )}
      </dl>
      {logId && (
        <Link asChild>
          <RouterLink to={`${staffPaths.log(logId, 'tiltak')}&tilbud=${offer.entryId}`}>
            {t('catalogue.useAsMeasure', { name: offer.name })}
          </RouterLink>
        </Link>
      )}
    </Card>
  );
}

const TEAM_KINDS = [
  'kompetanseteam',
  'samhandlingsteam',
  'ressursteam',
  'elevoppfolgingsteam',
  'samordningsmote',
  'koordinerende_enhet',
] as const;

/** A team's kind in words; a kind the app does not know yet, as the API names it. */
function useTeamKind() {
  const { t } = useTranslation('staff');
  return (kind: string): string => {
    const known = TEAM_KINDS.find((k) => k === kind);
    return known ? t(`teamKinds.${known}`) : kind;
  };
}

function Teams({
  teams,
  municipality,
  query,
  logId,
}: {
  teams: Team[];
  municipality: Municipality;
  query: string;
  logId: string | null;
}) {
  const { t } = useTranslation('staff');
  const names = namesOf(municipality);
  const teamKind = useTeamKind();
  const log = useLog(logId);
  const shown = teams
    .filter((team) =>
      matches(
        query,
        team.name,
        team.mandate,
        team.intakeCriteria,
        teamKind(team.kind),
        ...team.memberServices.map((s) => names.service(s)),
      ),
    )
    .sort((a, b) => a.name.localeCompare(b.name, 'nb'));
  return (
    <section className="stack" aria-labelledby="catalogue-teams">
      <Heading level={2} data-size="sm" id="catalogue-teams">
        {t('catalogue.teams', { count: shown.length })}
      </Heading>
      {shown.length === 0 && <Paragraph>{t('catalogue.noTeams')}</Paragraph>}
      <ul className="card-list">
        {shown.map((team) => (
          <li key={team.arenaId}>
            <TeamCard team={team} names={names} log={logId && log.data ? log.data : null} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function TeamCard({ team, names, log }: { team: Team; names: Names; log: StaffLog | null }) {
  const { t } = useTranslation('staff');
  const teamKind = useTeamKind();
  const format = useFormat();
  const missing = log ? team.memberServices.filter((s) => !covers(log, s)) : [];
  return (
    <Card>
      <Heading level={3} data-size="xs">
        {team.name}{' '}
        <Tag data-size="sm" variant="outline">
          {teamKind(team.kind)}
        </Tag>
      </Heading>
      <Paragraph>{team.mandate}</Paragraph>
      <dl className="staff-facts">
        <dt>{t('catalogue.intake')}</dt>
        <dd>{team.intakeCriteria}</dd>
        <dt>{t('catalogue.members')}</dt>
        <dd>{format.list(team.memberServices.map((s) => names.service(s)))}</dd>
        <dt>{t('catalogue.rhythm')}</dt>
        <dd>{team.meetingRhythm}</dd>
      </dl>
      {log &&
        (missing.length > 0 ? (
          <Alert data-color="warning">
            <Paragraph>
              {t('catalogue.consentMissing', {
                services: format.list(missing.map((s) => names.service(s))),
              })}
            </Paragraph>
          </Alert>
        ) : (
          <ReferForm team={team} log={log} />
        ))}
    </Card>
  );
}

function ReferForm({ team, log }: { team: Team; log: StaffLog }) {
  const { t } = useTranslation('staff');
  const [referralId] = useState(() => crypto.randomUUID());
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const refer = useReferCase();
  const id = `refer-${team.arenaId}`;
  const send = () => {
    if (!reason.trim()) {
      setError(t('catalogue.errors.reason'));
      return;
    }
    setError(undefined);
    refer.mutate({
      arenaId: team.arenaId,
      referralId,
      familyId: log.familyId,
      logId: log.logId,
      reason: reason.trim(),
    });
  };
  if (refer.isSuccess)
    return (
      <Alert data-color="success" role="status">
        {t('catalogue.referred', { name: team.name })}
      </Alert>
    );
  return (
    <StaffForm onSubmit={send}>
      <Textfield
        id={id}
        multiline
        rows={3}
        label={t('catalogue.reason', { name: team.name })}
        description={t('catalogue.reasonHelp')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        counter={2000}
        error={error}
      />
      {refer.isError && <CommandError error={refer.error} headingLevel={4} onRetry={send} />}
      <div className="actions">
        <Button type="submit" loading={refer.isPending}>
          {t('catalogue.refer')}
        </Button>
      </div>
    </StaffForm>
  );
}
