import { z } from 'zod';
import { isoTimestampSchema } from '../common/date-range.schema';
import { usageMetricSchema, usageServiceIdSchema } from './usage.schema';

/**
 * Usage alerts: thresholds members set per metric (and optionally per service). A rule fires once when the watched
 * value (gauge: the latest value; counter: the billing-period total) reaches the threshold, and re-arms only after
 * the value has dropped below the threshold by the hysteresis margin, so a value hovering at the line does not
 * flap. A firing is listed on the dashboard, pushed live (`usage_alert`) and mailed.
 */

/** `percent`: a share of the metric's limit (1-1000 %); `absolute`: a value in the metric's unit. */
export const usageThresholdSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('percent'), value: z.number().min(1).max(1000) }),
  z.object({ type: z.literal('absolute'), value: z.number().positive().finite() }),
]);
export type UsageThreshold = z.infer<typeof usageThresholdSchema>;

/** Default hysteresis: re-arm once the value is 5 % (of the threshold) below it. */
export const DEFAULT_ALERT_HYSTERESIS = 0.05;

/** `armed`: will fire at the next crossing; `fired`: crossed, waiting to drop below the re-arm line. */
export const usageAlertStateSchema = z.enum(['armed', 'fired']);
export type UsageAlertState = z.infer<typeof usageAlertStateSchema>;

/** A usage alert rule. */
export const usageAlertRuleSchema = z.object({
  id: z.string(),
  metric: usageMetricSchema,
  /** The one service watched; null: the metric across the account's services. */
  service: z.string().nullable(),
  threshold: usageThresholdSchema,
  /** Re-arm margin, a share of the threshold (0-0.5). */
  hysteresis: z.number().min(0).max(0.5),
  enabled: z.boolean(),
  state: usageAlertStateSchema,
  /** The value seen at the last evaluation, in the metric's unit. */
  lastValue: z.number().nullable(),
  lastEvaluatedAt: isoTimestampSchema.nullable(),
  lastFiredAt: isoTimestampSchema.nullable(),
  createdAt: isoTimestampSchema,
  createdBy: z.string().nullable(),
});
export type UsageAlertRule = z.infer<typeof usageAlertRuleSchema>;

/** `POST .../usage/alerts` body. */
export const createUsageAlertRuleSchema = z
  .object({
    metric: usageMetricSchema,
    service: usageServiceIdSchema.nullable().default(null),
    threshold: usageThresholdSchema,
    hysteresis: z.number().min(0).max(0.5).default(DEFAULT_ALERT_HYSTERESIS),
    enabled: z.boolean().default(true),
  })
  .strict();
export type CreateUsageAlertRule = z.infer<typeof createUsageAlertRuleSchema>;

/** `PATCH .../usage/alerts/:ruleId` body (at least one field). A changed threshold re-arms the rule. */
export const updateUsageAlertRuleSchema = z
  .object({
    threshold: usageThresholdSchema.optional(),
    hysteresis: z.number().min(0).max(0.5).optional(),
    enabled: z.boolean().optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });
export type UpdateUsageAlertRule = z.infer<typeof updateUsageAlertRuleSchema>;

/** One firing of a rule. */
export const usageAlertFiringSchema = z.object({
  id: z.string(),
  ruleId: z.string().nullable(),
  metric: usageMetricSchema,
  service: z.string().nullable(),
  threshold: usageThresholdSchema,
  /** The value that crossed, in the metric's unit. */
  value: z.number(),
  /** The limit at the time (percent thresholds), else null. */
  limit: z.number().nullable(),
  firedAt: isoTimestampSchema,
  /** When the mail went out to the account's members; null while pending. */
  mailedAt: isoTimestampSchema.nullable(),
});
export type UsageAlertFiring = z.infer<typeof usageAlertFiringSchema>;

/** `GET .../usage/alerts`: the rules and the latest firings (newest first, at most 20). */
export const usageAlertsViewSchema = z.object({
  rules: z.array(usageAlertRuleSchema),
  recent: z.array(usageAlertFiringSchema),
});
export type UsageAlertsView = z.infer<typeof usageAlertsViewSchema>;

/**
 * The re-arm line of a threshold value: `threshold * (1 - hysteresis)`.
 * @param thresholdValue the threshold in the metric's unit
 */
export function rearmLine(thresholdValue: number, hysteresis: number): number {
  return thresholdValue * (1 - hysteresis);
}

/**
 * The next state of a rule for `value` against `thresholdValue` (both in the metric's unit): an armed rule fires at
 * or above the threshold; a fired rule re-arms strictly below the re-arm line; else nothing changes.
 */
export function nextAlertState(
  state: UsageAlertState,
  value: number,
  thresholdValue: number,
  hysteresis: number,
): { state: UsageAlertState; fired: boolean } {
  if (state === 'armed')
    return value >= thresholdValue ? { state: 'fired', fired: true } : { state, fired: false };
  return value < rearmLine(thresholdValue, hysteresis)
    ? { state: 'armed', fired: false }
    : { state, fired: false };
}
