'use client';

import { useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import {
  customRange,
  customRangeDates,
  customRangeDays,
  DASHBOARD_RANGE_PRESETS,
  type DashboardRange,
} from '../api/dashboard-range';
import { useFormat } from '@/lib/use-format';
import styles from '../dashboards.module.css';
import { cx } from '@/lib/cx';
import segmentedStyles from '@/components/ui/segmented-control.module.css';
import buttonStyles from '@/components/ui/button.module.css';

/**
 * The dashboard's global date filter: presets (24 h, 7 d, 30 d, 90 d) and a custom range picker (two calendar
 * days, UTC, both included; checked and described with date-fns before it applies).
 */
export function DateFilter({
  range,
  onChange,
}: {
  range: DashboardRange;
  onChange: (range: DashboardRange) => void;
}) {
  const custom = 'from' in range;
  const [from, setFrom] = useState(custom ? customRangeDates(range).from : '');
  const [to, setTo] = useState(custom ? customRangeDates(range).to : '');
  const t = useTranslations('dashboards.dateFilter');
  const f = useFormat();
  const days = customRangeDays(from, to);
  const summary =
    days !== null && days >= 1 ? t('summary', { from: f.date(from), to: f.date(to), days }) : null;
  const [problem, setProblem] = useState<string | null>(null);
  function apply(event: FormEvent) {
    event.preventDefault();
    const next = customRange(from, to);
    if (!next) {
      setProblem(t('invalid'));
      return;
    }
    setProblem(null);
    onChange(next);
  }
  return (
    <div className={styles.dateFilter} role="group" aria-label={t('label')}>
      <div className={segmentedStyles.segmented} role="radiogroup" aria-label={t('presets')}>
        {DASHBOARD_RANGE_PRESETS.map((p) => {
          const active = !custom && range.preset === p;
          return (
            <button
              key={p}
              type="button"
              role="radio"
              aria-checked={active}
              className={cx(segmentedStyles.item, active && segmentedStyles.active)}
              onClick={() => onChange({ preset: p })}
            >
              {t(`preset.${p}`)}
            </button>
          );
        })}
      </div>
      <form className={styles.customRange} onSubmit={apply}>
        <label>
          <span className="visually-hidden">{t('from')}</span>
          <input
            type="date"
            className={styles.input}
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            aria-label={t('fromDate')}
            required
          />
        </label>
        <span aria-hidden="true">–</span>
        <label>
          <span className="visually-hidden">{t('to')}</span>
          <input
            type="date"
            className={styles.input}
            value={to}
            onChange={(e) => setTo(e.target.value)}
            aria-label={t('toDate')}
            required
          />
        </label>
        <button type="submit" className={cx(buttonStyles.button, buttonStyles.secondary, buttonStyles.small)}>
          {t('apply')}
        </button>
        {summary && (
          <span className={styles.muted} data-testid="custom-range-summary">
            {summary}
          </span>
        )}
        {problem && (
          <span role="alert" className={styles.problem}>
            {problem}
          </span>
        )}
      </form>
    </div>
  );
}
