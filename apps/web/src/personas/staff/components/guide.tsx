import { Alert, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { Handlingsveileder } from '../reads';

/** The steps of the work the handlingsveileder says something about. */
export type GuideStep =
  'worklist' | 'concern' | 'consent' | 'open' | 'entries' | 'measures' | 'baton' | 'refer';

interface GuideProps {
  readonly rules: Handlingsveileder;
  readonly municipality: string;
  readonly step: GuideStep;
  readonly headingLevel?: 2 | 3;
  /** The level the log is at, for the steps inside a log. */
  readonly level?: number | null;
}

/**
 * The municipality's handlingsveileder (its action guide) where the person is: what this step asks,
 * with the municipality's own deadlines and level names.
 */
export function Guide({ rules, municipality, step, headingLevel = 2, level = null }: GuideProps) {
  const { t } = useTranslation('staff');
  const levelName = (n: number) => rules.levels.find((l) => l.level === n)?.name ?? String(n);
  const values = {
    deadlineDays: rules.concernDecisionDeadlineDays,
    evaluationDays: rules.measureEvaluationIntervalDays,
    inactivityDays: rules.inactivityThresholdDays,
    consentAge: rules.consentAge,
    level0: levelName(0),
    level1: levelName(1),
    levelNow: level === null ? '' : levelName(level),
  };
  return (
    <Alert data-color="info" className="staff-guide">
      <Heading level={headingLevel} data-size="2xs">
        {t('guide.heading', { municipality })}
      </Heading>
      <Paragraph>{t(`guide.${step}`, values)}</Paragraph>
      {step === 'open' || step === 'worklist' ? (
        <ul className="staff-guide__levels">
          {rules.levels.map((l) => (
            <li key={l.level}>{l.name}</li>
          ))}
        </ul>
      ) : null}
      {level !== null && step !== 'open' ? (
        <Paragraph data-size="sm">{t('guide.levelNow', values)}</Paragraph>
      ) : null}
    </Alert>
  );
}
