'use client';

import { useTranslations } from 'next-intl';
import type { HandoffState } from '../hooks/use-billing-handoff';
import { useErrorText } from '@/lib/use-error-text';
import { cx } from '@/lib/cx';
import alertStyles from '@/components/ui/alert.module.css';

/** The card shown when the billing system refused a hand-off: what happened and what to do, no link. */
export function HandoffError({
  state,
  what,
}: {
  state: HandoffState;
  what: 'payInvoice' | 'managePaymentMethods';
}) {
  const t = useTranslations('billing.handoff');
  const errorText = useErrorText();
  if (state.kind !== 'failed') return null;
  return (
    <div className={cx(alertStyles.alert, alertStyles.danger)} role="alert" data-testid="handoff-error">
      <strong>{t(`failed.${what}`)}</strong>{' '}
      {t('failedBody', {
        // The text goes on with its own sentence: without the message's full stop.
        message: errorText(state.error).replace(/\.$/, ''),
        requestId: state.error.requestId ?? 'none',
      })}
    </div>
  );
}
