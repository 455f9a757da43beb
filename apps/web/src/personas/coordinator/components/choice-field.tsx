import { Fieldset, Radio, ValidationMessage } from '@digdir/designsystemet-react';
import { useId, type ReactNode } from 'react';

export interface Choice<Value extends string> {
  readonly value: Value;
  readonly label: ReactNode;
  readonly description?: ReactNode;
}

interface ChoiceFieldProps<Value extends string> {
  readonly legend: ReactNode;
  readonly description?: ReactNode;
  readonly choices: readonly Choice<Value>[];
  readonly value: Value | null;
  readonly onChange: (value: Value) => void;
  readonly error?: string | null;
  /** The fieldset's id, for the error summary's link. */
  readonly id?: string;
  readonly size?: 'sm' | 'md' | 'lg';
  readonly className?: string;
}

/** One answer of several: Designsystemet's radios in a fieldset, with its error next to it. */
export function ChoiceField<Value extends string>({
  legend,
  description,
  choices,
  value,
  onChange,
  error,
  id,
  size,
  className,
}: ChoiceFieldProps<Value>) {
  const name = useId();
  return (
    <Fieldset id={id} data-size={size} className={className} tabIndex={-1}>
      <Fieldset.Legend>{legend}</Fieldset.Legend>
      {description && <Fieldset.Description>{description}</Fieldset.Description>}
      {choices.map((choice) => (
        <Radio
          key={choice.value}
          name={name}
          value={choice.value}
          label={choice.label}
          description={choice.description}
          checked={value === choice.value}
          onChange={() => onChange(choice.value)}
          aria-invalid={error ? true : undefined}
        />
      ))}
      {error && <ValidationMessage>{error}</ValidationMessage>}
    </Fieldset>
  );
}
