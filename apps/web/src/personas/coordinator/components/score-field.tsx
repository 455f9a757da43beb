import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ChoiceField } from './choice-field';

export const SCORES = ['1', '2', '3', '4', '5'] as const;
export type Score = (typeof SCORES)[number];

interface ScoreFieldProps {
  readonly id: string;
  readonly legend: ReactNode;
  readonly description?: ReactNode;
  readonly value: Score | null;
  readonly onChange: (value: Score) => void;
  readonly error?: string | null;
  /** The words for 1–5: the family's plain ones, or the staff's. */
  readonly scale: 'family' | 'staff';
  readonly size?: 'sm' | 'md' | 'lg';
}

/** A score from 1 to 5, each with its words (never a bare number for a family to guess at). */
export function ScoreField({ scale, ...props }: ScoreFieldProps) {
  const { t } = useTranslation('coordinator');
  return (
    <ChoiceField
      {...props}
      className="score-field"
      choices={SCORES.map((score) => ({
        value: score,
        label: t(`scale.${scale}.${score}`),
      }))}
    />
  );
}
