'use client';

import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import {
  createSavedDashboardSchema,
  GRID_COLUMNS,
  type Dashboard,
  type DashboardVisibility,
  type FieldIssue,
  type Panel,
  type PanelInput,
} from '@portico/domain';
import { accountApiPath } from '@/lib/account-paths';
import { browserApiClient, isApiError } from '@/lib/api-client';
import {
  addPanel,
  nameFromTitle,
  PANEL_PALETTE,
  placePanel,
  type DraftDashboard,
} from '../api/dashboard-editor';
import { dashboardKeys } from '../api/dashboards.queries';
import styles from '../dashboards.module.css';
import { useErrorText, useFieldIssues } from '@/lib/use-error-text';
import { cx } from '@/lib/cx';
import buttonStyles from '@/components/ui/button.module.css';
import { domainSchema } from '@/lib/schemas';

/**
 * The draft's problems in the browser, with the paths the BFF reports them under (`body.panels.0.metric`), worded by
 * `fromZod` (see `useFieldIssues`).
 */
function draftIssues(
  draft: DraftDashboard,
  fromZod: ReturnType<typeof useFieldIssues>['fromZod'],
): FieldIssue[] {
  const parsed = createSavedDashboardSchema.safeParse({
    ...draft,
    description: draft.description.trim() || undefined,
  });
  return parsed.success ? [] : fromZod(parsed.error, ['body']);
}

/**
 * The dashboard editor: compose a saved dashboard from the panels of the configured dashboards (and a small
 * palette), remove, move and resize them with buttons and number inputs (all keyboard operable), choose private
 * or shared, and save (`POST` a new one, `PUT` an existing one). The dashboard schema of `@portico/domain` checks
 * the draft before it is sent; the BFF checks it again (and the catalog's metrics).
 */
export function DashboardEditor({
  accountId,
  existing,
  sourcePanels,
  onDone,
}: {
  accountId: string;
  /** The saved dashboard being edited, or null for a new one. */
  existing: Dashboard | null;
  /** Panels to offer (those of the dashboard being viewed). */
  sourcePanels: readonly Panel[];
  /** Called with the saved dashboard's name, or null on cancel. */
  onDone: (name: string | null) => void;
}) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<DraftDashboard>(() => ({
    name: existing?.name ?? '',
    title: existing?.title ?? '',
    description: existing?.description ?? '',
    visibility: existing?.visibility ?? 'private',
    panels: existing ? [...existing.panels] : [],
  }));
  const [nameTouched, setNameTouched] = useState(existing !== null);
  const [choice, setChoice] = useState('0');
  const [problems, setProblems] = useState<FieldIssue[]>([]);
  const t = useTranslations('dashboards.editor');
  const common = useTranslations('common');
  const errorText = useErrorText();
  const fieldIssues = useFieldIssues();
  const typeLabel = (type: Panel['type']) => t(`type.${type}`);
  const offers: ReadonlyArray<{ label: string; panel: PanelInput | Panel }> = [
    ...sourcePanels.map((p) => ({
      label: t('offerHere', { title: p.title, type: typeLabel(p.type) }),
      panel: p,
    })),
    ...PANEL_PALETTE.map((p) => ({
      label: t('offer', { title: p.title, type: typeLabel(p.type) }),
      panel: p,
    })),
  ];

  const save = useMutation({
    mutationFn: (d: DraftDashboard) => {
      const body = {
        title: d.title,
        ...(d.description.trim() ? { description: d.description.trim() } : {}),
        visibility: d.visibility,
        panels: d.panels,
      };
      return existing
        ? browserApiClient.request(
            accountApiPath(accountId, 'dashboards', existing.name),
            domainSchema((d) => d.dashboardSchema),
            {
              method: 'PUT',
              body,
            },
          )
        : browserApiClient.request(
            accountApiPath(accountId, 'dashboards'),
            domainSchema((d) => d.dashboardSchema),
            {
              method: 'POST',
              body: { name: d.name, ...body },
            },
          );
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: dashboardKeys.all(accountId) });
      onDone(saved.name);
    },
    onError: (err) => {
      setProblems(
        isApiError(err) && err.details.length > 0
          ? fieldIssues.fromBff(err.details)
          : [{ path: '', message: errorText(err) }],
      );
    },
  });

  const update = (change: Partial<DraftDashboard>) => setDraft((d) => ({ ...d, ...change }));
  const setPanels = (panels: Panel[]) => update({ panels });

  function submit(event: FormEvent) {
    event.preventDefault();
    const issues = draftIssues(draft, fieldIssues.fromZod);
    setProblems(issues);
    if (issues.length === 0) save.mutate(draft);
  }

  const problemAt = (prefix: string) =>
    problems.filter((p) => p.path === prefix || p.path.startsWith(`${prefix}.`)).map((p) => p.message);

  return (
    <form className={styles.editor} onSubmit={submit} aria-label={t('label')} data-testid="dashboard-editor">
      <div className={styles.editorFields}>
        <label className={styles.field}>
          <span>{t('title')}</span>
          <input
            className={styles.input}
            value={draft.title}
            maxLength={80}
            required
            onChange={(e) =>
              update({
                title: e.target.value,
                ...(nameTouched ? {} : { name: nameFromTitle(e.target.value) }),
              })
            }
            data-testid="editor-title"
          />
        </label>
        <label className={styles.field}>
          <span>{t('name')}</span>
          <input
            className={styles.input}
            value={draft.name}
            maxLength={64}
            pattern="[a-z][a-z0-9-]{0,63}"
            disabled={existing !== null}
            required
            onChange={(e) => {
              setNameTouched(true);
              update({ name: e.target.value });
            }}
            data-testid="editor-name"
          />
        </label>
        <label className={styles.field}>
          <span>{t('description')}</span>
          <input
            className={styles.input}
            value={draft.description}
            maxLength={300}
            onChange={(e) => update({ description: e.target.value })}
          />
        </label>
        <fieldset className={styles.field}>
          <legend>{t('visibility')}</legend>
          {(['private', 'shared'] as const satisfies readonly DashboardVisibility[]).map((v) => (
            <label key={v} className={styles.radio}>
              <input
                type="radio"
                name="visibility"
                value={v}
                checked={draft.visibility === v}
                onChange={() => update({ visibility: v })}
                data-testid={`editor-visibility-${v}`}
              />
              {v === 'private' ? t('private') : t('shared')}
            </label>
          ))}
        </fieldset>
      </div>
      {problems.some((p) => !p.path.startsWith('body.panels')) && (
        <ul role="alert" className={styles.problem}>
          {problems
            .filter((p) => !p.path.startsWith('body.panels'))
            .map((p, i) => (
              <li key={i}>{p.message}</li>
            ))}
        </ul>
      )}

      <div className={styles.editorAdd}>
        <label className={styles.field}>
          <span>{t('panelToAdd')}</span>
          <select
            className={styles.input}
            value={choice}
            onChange={(e) => setChoice(e.target.value)}
            data-testid="editor-palette"
          >
            {offers.map((o, i) => (
              <option key={i} value={String(i)}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className={cx(buttonStyles.button, buttonStyles.secondary, buttonStyles.small)}
          onClick={() => {
            const offer = offers[Number(choice)];
            if (offer) setPanels(addPanel(draft.panels, offer.panel));
          }}
          disabled={draft.panels.length >= 40}
          data-testid="editor-add"
        >
          {t('addPanel')}
        </button>
      </div>

      {draft.panels.length === 0 ? (
        <p className={styles.muted}>{t('noPanels')}</p>
      ) : (
        <ol className={styles.editorPanels} aria-label={t('panels')}>
          {draft.panels.map((p, i) => {
            const issues = problemAt(`body.panels.${i}`);
            const pos = p.gridPos;
            const move = (dx: number, dy: number) =>
              setPanels(placePanel(draft.panels, i, { x: pos.x + dx, y: pos.y + dy }));
            return (
              <li key={`${p.id}:${i}`} className={styles.editorPanel} data-testid="editor-panel">
                <div className={styles.editorPanelHead}>
                  <strong>{p.title}</strong>
                  <span className={styles.muted}>
                    {typeLabel(p.type)} · {p.id}
                  </span>
                </div>
                <div
                  className={styles.editorControls}
                  role="group"
                  aria-label={t('position', { title: p.title })}
                >
                  {(
                    [
                      ['x', t('column'), 0, GRID_COLUMNS - pos.w],
                      ['y', t('row'), 0, 1000],
                      ['w', t('width'), 1, GRID_COLUMNS - pos.x],
                      ['h', t('height'), 1, 24],
                    ] as const
                  ).map(([key, label, min, max]) => (
                    <label key={key} className={styles.numberField}>
                      <span>{label}</span>
                      <input
                        type="number"
                        className={styles.input}
                        min={min}
                        max={max}
                        value={pos[key]}
                        onChange={(e) => {
                          const n = Number(e.target.value);
                          if (Number.isFinite(n)) setPanels(placePanel(draft.panels, i, { [key]: n }));
                        }}
                        aria-label={t('fieldOf', { field: label, title: p.title })}
                      />
                    </label>
                  ))}
                  <button
                    type="button"
                    className={cx(buttonStyles.button, buttonStyles.secondary, buttonStyles.small)}
                    onClick={() => move(0, -1)}
                    disabled={pos.y === 0}
                    aria-label={t('moveUp', { title: p.title })}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className={cx(buttonStyles.button, buttonStyles.secondary, buttonStyles.small)}
                    onClick={() => move(0, 1)}
                    aria-label={t('moveDown', { title: p.title })}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className={cx(buttonStyles.button, buttonStyles.secondary, buttonStyles.small)}
                    onClick={() => move(-1, 0)}
                    disabled={pos.x === 0}
                    aria-label={t('moveLeft', { title: p.title })}
                  >
                    ←
                  </button>
                  <button
                    type="button"
                    className={cx(buttonStyles.button, buttonStyles.secondary, buttonStyles.small)}
                    onClick={() => move(1, 0)}
                    disabled={pos.x + pos.w >= GRID_COLUMNS}
                    aria-label={t('moveRight', { title: p.title })}
                  >
                    →
                  </button>
                  <button
                    type="button"
                    className={cx(buttonStyles.button, buttonStyles.secondary, buttonStyles.small)}
                    onClick={() => setPanels(draft.panels.filter((_, j) => j !== i))}
                    aria-label={t('removePanel', { title: p.title })}
                  >
                    {t('remove')}
                  </button>
                </div>
                {issues.length > 0 && (
                  <ul role="alert" className={styles.problem}>
                    {issues.map((m, k) => (
                      <li key={k}>{m}</li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
      )}

      {draft.panels.length > 0 && (
        <div className={styles.editorPreview} aria-hidden="true">
          {draft.panels.map((p, i) => (
            <div
              key={`${p.id}:${i}`}
              className={styles.editorPreviewCell}
              style={
                {
                  '--x': p.gridPos.x + 1,
                  '--y': p.gridPos.y + 1,
                  '--w': p.gridPos.w,
                  '--h': p.gridPos.h,
                } as React.CSSProperties
              }
            >
              {p.title}
            </div>
          ))}
        </div>
      )}

      <div className={styles.editorActions}>
        <button
          type="submit"
          className={cx(buttonStyles.button, buttonStyles.small)}
          disabled={save.isPending}
          data-testid="editor-save"
        >
          {save.isPending ? common('saving') : t('save')}
        </button>
        <button
          type="button"
          className={cx(buttonStyles.button, buttonStyles.secondary, buttonStyles.small)}
          onClick={() => onDone(null)}
        >
          {common('cancel')}
        </button>
      </div>
    </form>
  );
}
