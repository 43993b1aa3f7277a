'use client';

import { useState, type FormEvent } from 'react';
import {
  customRange,
  customRangeDates,
  describeCustomRange,
  DASHBOARD_RANGE_LABEL,
  DASHBOARD_RANGE_PRESETS,
  type DashboardRange,
} from '../api/dashboard-range';
import styles from '../dashboards.module.css';

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
  const summary = describeCustomRange(from, to);
  const [problem, setProblem] = useState<string | null>(null);
  function apply(event: FormEvent) {
    event.preventDefault();
    const next = customRange(from, to);
    if (!next) {
      setProblem('Choose a start on or before the end, at most 400 days apart.');
      return;
    }
    setProblem(null);
    onChange(next);
  }
  return (
    <div className={styles.dateFilter} role="group" aria-label="Date range">
      <div className="segmented" role="radiogroup" aria-label="Range preset">
        {DASHBOARD_RANGE_PRESETS.map((p) => {
          const active = !custom && range.preset === p;
          return (
            <button
              key={p}
              type="button"
              role="radio"
              aria-checked={active}
              className={`segmented__item${active ? ' segmented__item--active' : ''}`}
              onClick={() => onChange({ preset: p })}
            >
              {DASHBOARD_RANGE_LABEL[p]}
            </button>
          );
        })}
      </div>
      <form className={styles.customRange} onSubmit={apply}>
        <label>
          <span className="visually-hidden">From</span>
          <input
            type="date"
            className={styles.input}
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            aria-label="From date"
            required
          />
        </label>
        <span aria-hidden="true">–</span>
        <label>
          <span className="visually-hidden">To</span>
          <input
            type="date"
            className={styles.input}
            value={to}
            onChange={(e) => setTo(e.target.value)}
            aria-label="To date"
            required
          />
        </label>
        <button type="submit" className="button button--secondary button--small">
          Apply
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
