import {
  Alert,
  Button,
  Card,
  Details,
  Heading,
  Paragraph,
  Tag,
  Textfield,
} from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useFormat } from '../../../shared/format/use-format';
import { Page } from '../../../shared/layout/page';
import { useAnswerReferral, useMunicipality, useReferrals, useTeam } from '../api';
import { BackLink } from '../components/back-link';
import { Loaded } from '../components/loaded';
import { namesOf, type Names } from '../components/names';
import { staffPaths } from '../paths';
import type { Referral } from '../reads';
import { CommandError } from '../components/command-error';
import { StaffForm } from '../components/staff-form';
import { useErasable } from '../../../shared/format/use-erasable';

/** A team's intake queue, for its member services: take a case in, or say no with a reason. */
export function TeamPage() {
  const { t } = useTranslation('staff');
  const { arenaId = '' } = useParams();
  const team = useTeam(arenaId);
  const referrals = useReferrals(arenaId);
  const municipality = useMunicipality();
  const names = namesOf(municipality.data);
  // The answered case leaves the queue at once; what happened to it is said here.
  const [answered, setAnswered] = useState<'accept' | 'decline' | null>(null);
  return (
    <Page
      title={team.data ? t('team.title', { name: team.data.name }) : t('team.titlePlain')}
      before={<BackLink to={staffPaths.worklist()}>{t('nav.worklist')}</BackLink>}
    >
      <Loaded query={team}>
        {(tm) => (
          <>
            <Paragraph>{tm.mandate}</Paragraph>
            <Paragraph data-size="sm">
              {t('team.intake', { criteria: tm.intakeCriteria })}
            </Paragraph>
          </>
        )}
      </Loaded>
      <Heading level={2} data-size="sm">
        {t('team.queue')}
      </Heading>
      {answered && (
        <Alert data-color="success" role="status">
          {answered === 'accept' ? t('team.accepted') : t('team.declined')}
        </Alert>
      )}
      <Loaded query={referrals}>
        {(page) =>
          page.items.length === 0 ? (
            <Paragraph>{t('team.empty')}</Paragraph>
          ) : (
            <ul className="card-list">
              {page.items.map(({ document: r }) => (
                <li key={r.referralId}>
                  <ReferralCard referral={r} names={names} onAnswered={setAnswered} />
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </Page>
  );
}

function ReferralCard({
  referral,
  names,
  onAnswered,
}: {
  referral: Referral;
  names: Names;
  onAnswered: (answer: 'accept' | 'decline') => void;
}) {
  const erasable = useErasable();
  const { t } = useTranslation('staff');
  const format = useFormat();
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const answer = useAnswerReferral({ onSuccess: (_, input) => onAnswered(input.answer) });
  const from =
    referral.referrer.kind === 'staff'
      ? names.person(referral.referrer)
      : t(`team.referrer.${referral.referrer.kind}`);
  const accept = () =>
    answer.mutate({
      arenaId: referral.arenaId,
      referralId: referral.referralId,
      answer: 'accept',
      ...(note.trim() ? { note: note.trim() } : {}),
    });
  const decline = () => {
    if (!reason.trim()) {
      setError(t('team.errors.reason'));
      return;
    }
    setError(undefined);
    answer.mutate({
      arenaId: referral.arenaId,
      referralId: referral.referralId,
      answer: 'decline',
      reason: reason.trim(),
    });
  };
  return (
    <Card>
      <Heading level={3} data-size="xs">
        {t('team.referralFrom', { from, date: format.date(referral.referredAt) })}
      </Heading>
      <Paragraph>{erasable(referral.reason)}</Paragraph>
      <div className="actions">
        {referral.level !== null && (
          <Tag data-size="sm">{t('worklist.levelN', { level: referral.level })}</Tag>
        )}
        <Tag data-size="sm" data-color={referral.consentCoversArena ? 'success' : 'warning'}>
          {referral.consentCoversArena ? t('team.consentCovers') : t('team.consentMissing')}
        </Tag>
      </div>
      {answer.isError && (
        <CommandError
          error={answer.error}
          headingLevel={4}
          onRetry={() => answer.variables && answer.mutate(answer.variables)}
        />
      )}
      {!answer.isSuccess && (
        <>
          <StaffForm onSubmit={accept}>
            <Textfield
              id={`accept-${referral.referralId}`}
              label={t('team.note')}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
            <div className="actions">
              <Button type="submit" loading={answer.isPending}>
                {t('team.accept')}
              </Button>
            </div>
          </StaffForm>
          <Details>
            <Details.Summary>{t('team.declineHeading')}</Details.Summary>
            <Details.Content>
              <StaffForm onSubmit={decline}>
                <Textfield
                  id={`decline-${referral.referralId}`}
                  label={t('team.declineReason')}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  error={error}
                />
                <div className="actions">
                  <Button type="submit" variant="secondary" loading={answer.isPending}>
                    {t('team.decline')}
                  </Button>
                </div>
              </StaffForm>
            </Details.Content>
          </Details>
        </>
      )}
    </Card>
  );
}
