import { Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { DecisionStatus } from '../reads';

const COLOR: Readonly<Record<DecisionStatus, string>> = {
  recorded: 'info',
  carried_out: 'success',
  follow_up: 'warning',
  resolved: 'neutral',
  agreement: 'neutral',
};

/** Where a decision stands on its way into the child's log, in words and colour. */
export function DecisionStatusTag({ status }: { readonly status: DecisionStatus }) {
  const { t } = useTranslation('coordinator');
  return <Tag data-color={COLOR[status]}>{t(`decisionStatus.${status}`)}</Tag>;
}
