import { Checkbox, Fieldset, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { InformationCategory, Municipality } from '../reads';
import { CATEGORIES } from './categories';
import type { FieldErrors } from './form-errors';

export interface ScopeDraft {
  services: string[];
  categories: InformationCategory[];
  purpose: string;
}

export const emptyScope = (ownServiceId: string | null): ScopeDraft => ({
  services: ownServiceId ? [ownServiceId] : [],
  categories: [],
  purpose: '',
});

/** The scope's own check: at least one other service is not required, one category and a purpose are. */
export function scopeErrors(
  scope: ScopeDraft,
  prefix: string,
  t: (key: 'consentScope.errors.categories' | 'consentScope.errors.purpose') => string,
): FieldErrors {
  const found: Record<string, string> = {};
  if (scope.categories.length === 0)
    found[`${prefix}-category-0`] = t('consentScope.errors.categories');
  if (!scope.purpose.trim()) found[`${prefix}-purpose`] = t('consentScope.errors.purpose');
  return found;
}

const toggle = <T,>(list: readonly T[], value: T, on: boolean): T[] =>
  on ? [...list, value] : list.filter((v) => v !== value);

/**
 * What a consent asks the family for: which services may share (your own always), which kinds of
 * information, and why. The family sees these words in the consent they answer.
 */
export function ConsentScopeFields({
  scope,
  onChange,
  municipality,
  ownServiceId,
  prefix,
  errors,
}: {
  readonly scope: ScopeDraft;
  readonly onChange: (scope: ScopeDraft) => void;
  readonly municipality: Municipality;
  readonly ownServiceId: string | null;
  readonly prefix: string;
  readonly errors: FieldErrors;
}) {
  const { t } = useTranslation('staff');
  const services = Object.values(municipality.services).sort((a, b) =>
    a.name.localeCompare(b.name, 'nb'),
  );
  return (
    <div className="stack">
      <Fieldset>
        <Fieldset.Legend>{t('consentScope.services')}</Fieldset.Legend>
        <Fieldset.Description>{t('consentScope.servicesHelp')}</Fieldset.Description>
        <div className="staff-checkbox-grid">
          {services.map((s) => (
            <Checkbox
              key={s.serviceId}
              label={s.name}
              value={s.serviceId}
              checked={scope.services.includes(s.serviceId)}
              disabled={s.serviceId === ownServiceId}
              onChange={(e) =>
                onChange({
                  ...scope,
                  services: toggle(scope.services, s.serviceId, e.target.checked),
                })
              }
            />
          ))}
        </div>
      </Fieldset>
      <Fieldset>
        <Fieldset.Legend>{t('consentScope.categories')}</Fieldset.Legend>
        <Fieldset.Description>{t('consentScope.categoriesHelp')}</Fieldset.Description>
        <div className="staff-checkbox-grid">
          {CATEGORIES.map((c, i) => (
            <Checkbox
              key={c}
              id={`${prefix}-category-${i}`}
              label={t(`categories.${c}`)}
              value={c}
              checked={scope.categories.includes(c)}
              onChange={(e) =>
                onChange({ ...scope, categories: toggle(scope.categories, c, e.target.checked) })
              }
            />
          ))}
        </div>
        {errors[`${prefix}-category-0`] && (
          <ValidationMessage>{errors[`${prefix}-category-0`]}</ValidationMessage>
        )}
      </Fieldset>
      <Textfield
        id={`${prefix}-purpose`}
        multiline
        rows={2}
        label={t('consentScope.purpose')}
        description={t('consentScope.purposeHelp')}
        value={scope.purpose}
        onChange={(e) => onChange({ ...scope, purpose: e.target.value })}
        counter={500}
        error={errors[`${prefix}-purpose`]}
        required
      />
    </div>
  );
}
