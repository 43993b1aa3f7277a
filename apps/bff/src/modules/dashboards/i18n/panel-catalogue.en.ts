/**
 * The words the BFF composes for dashboard panels, in English: table column headers, KPI details, the default
 * y-axis label, metric values, the calendar heatmap's texts. ICU message syntax (intl-messageformat); every other
 * language's catalogue has exactly these keys and arguments (checked by `panel-translator.spec.ts`). Texts an
 * operator configures (titles, threshold labels, templates) are translated in the configuration instead.
 */
export const PANEL_CATALOGUE_EN = {
  'column.invoices.number': 'Invoice',
  'column.invoices.issuedOn': 'Issued',
  'column.invoices.dueOn': 'Due',
  'column.invoices.status': 'Status',
  'column.invoices.total': 'Total',
  'column.invoices.balance': 'Balance',
  'column.invoices.currency': 'Currency',
  'column.cases.number': 'Case',
  'column.cases.subject': 'Subject',
  'column.cases.status': 'Status',
  'column.cases.priority': 'Priority',
  'column.cases.createdAt': 'Opened',
  'column.services.productName': 'Service',
  'column.services.domain': 'Domain',
  'column.services.status': 'Status',
  'column.services.billingCycle': 'Cycle',
  'column.services.recurringAmount': 'Price',
  'column.services.currency': 'Currency',
  'column.services.nextDueOn': 'Next due',
  'column.usage_points.at': 'Time',
  'column.usage_points.service': 'Service',
  'column.audit_events.occurredAt': 'Time',
  'column.audit_events.action': 'Action',
  'column.audit_events.actor': 'By',
  'column.audit_events.target': 'Target',

  'unit.bytes': 'bytes',
  'unit.seconds': 'seconds',
  'unit.count': 'count',
  'unit.requests': 'requests',
  'value.count': '{value}',
  'value.requests': '{value} requests',

  'timeseries.yLabel': '{metric} ({unit})',

  'kpi.totalOverRange': 'Total over the selected range',
  'kpi.averageOverRange': 'Average over the selected range',
  'kpi.noLimit': 'no limit',
  'kpi.usedOfLimit': '{used} of {limit}',
  'kpi.inOverage': 'In overage',
  'kpi.overAllowance': '{overage} over the allowance',
  'kpi.withinAllowance': 'Within the allowance',
  'kpi.nothingDue': 'Nothing due this period',
  'kpi.dueServices':
    '{count, plural, one {# service} other {# services}} due by {date}; compared with the last invoice',
  'kpi.partDue': '{service}, due {date}',
  'kpi.partProjectedOverage': 'Projected overage ({metric})',

  'heatmap.label': '{metric}, daily, {days, plural, one {# day} other {# days}}',
  'heatmap.cell': '{date}: {value}',
  'heatmap.noData': 'no data',
  'heatmap.less': 'Less',
  'heatmap.more': 'More',
} as const;

/** A message of the panel catalogues. */
export type PanelMessageKey = keyof typeof PANEL_CATALOGUE_EN;
