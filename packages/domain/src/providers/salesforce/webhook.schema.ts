import { z } from 'zod';
import { SALESFORCE_ID_PATTERN } from './soql.mapper';

const salesforceId = z.string().regex(SALESFORCE_ID_PATTERN, 'must be a Salesforce id');

/**
 * Body the Salesforce side posts to `POST /webhooks/salesforce` (signed with Standard Webhooks):
 * `{ event, occurredAt, sobject, recordId, accountId }`.
 * - `event`: e.g. `CaseChanged`.
 * - `occurredAt`: ISO 8601 time of the change.
 * - `sobject`: sObject type of the record (e.g. `Case`).
 * - `recordId`: 15 or 18 character Salesforce id of the record.
 * - `accountId`: the Account the record belongs to, null when it has none.
 */
export const sfWebhookSchema = z.object({
  event: z.string().min(1),
  occurredAt: z.iso.datetime({ offset: true }),
  sobject: z.string().min(1),
  recordId: salesforceId,
  accountId: salesforceId.nullable(),
});
/** A parsed Salesforce webhook. */
export type SfWebhook = z.infer<typeof sfWebhookSchema>;

/** A Salesforce organization id: `00D` then 12 or 15 characters (15- and 18-character forms). */
export const SALESFORCE_ORGANIZATION_ID_PATTERN = /^00D[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?$/;

/** Whether two Salesforce ids name the same record: equal, or equal in their case-sensitive 15-character form. */
export function sameSalesforceId(a: string, b: string): boolean {
  if (a === b) return true;
  return a.length >= 15 && b.length >= 15 && a.slice(0, 15) === b.slice(0, 15);
}

/** An element that may be empty (`<sf:AccountId/>` parses as `''`) or nil (`xsi:nil="true"` parses as an object). */
const optionalText = z
  .unknown()
  .transform((v) =>
    typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : null,
  );

/**
 * One `Notification` of a Salesforce Outbound Message, as an XML parser yields it with namespace prefixes removed
 * and attributes prefixed `@_`: `{ Id, sObject: { '@_type': 'sf:Case', Id, AccountId?, ...fields } }`.
 * - `Id`: the notification id (`04l...`), stable across Salesforce's redeliveries of the same notification.
 * - `sObject['@_type']`: `xsi:type`, the record's type with its namespace prefix (`sf:Case`); read as `Case`.
 * - `sObject.Id`: the record id; `sObject.AccountId`: the Account it belongs to when the message includes it.
 */
export const sfOutboundNotificationSchema = z.object({
  Id: salesforceId,
  sObject: z.looseObject({
    '@_type': z
      .string()
      .min(1)
      .transform((t) => t.slice(t.indexOf(':') + 1)),
    Id: salesforceId,
    AccountId: optionalText.optional(),
  }),
});
/** A parsed Outbound Message notification (`sObject['@_type']` without its prefix). */
export type SfOutboundNotification = z.infer<typeof sfOutboundNotificationSchema>;

/**
 * The `notifications` element of a Salesforce Outbound Message (SOAP body of the `notifications()` call, WSDL
 * namespace `http://soap.sforce.com/2005/09/outbound`), parsed as for {@link sfOutboundNotificationSchema}:
 * - `OrganizationId`: the sending org (`00D...`, 15 or 18 characters).
 * - `ActionId`: the workflow outbound message action (`04k...`).
 * - `SessionId`: an API session for call-backs, nil unless configured; a credential, never kept (dropped here).
 * - `EnterpriseUrl`, `PartnerUrl`: SOAP endpoints for call-backs (unused).
 * - `Notification`: 1 to 100 notifications.
 */
export const sfOutboundMessageSchema = z
  .object({
    OrganizationId: z
      .string()
      .trim()
      .regex(SALESFORCE_ORGANIZATION_ID_PATTERN, 'must be a Salesforce organization id'),
    ActionId: z.string().trim().min(1),
    SessionId: z.unknown().optional(),
    EnterpriseUrl: optionalText.optional(),
    PartnerUrl: optionalText.optional(),
    Notification: z
      .array(sfOutboundNotificationSchema)
      .min(1, 'must hold at least one Notification')
      .max(100, 'must hold at most 100 Notification elements'),
  })
  .transform(({ SessionId: _session, ...rest }) => rest);
/** A parsed Outbound Message (without its `SessionId`). */
export type SfOutboundMessage = z.infer<typeof sfOutboundMessageSchema>;

/**
 * The {@link SfWebhook} a notification stands for, so both Salesforce channels are processed alike: event
 * `<Type>Changed`, the record id, and its Account (`AccountId`, or the record itself for an `Account`).
 * @param occurredAt when the message was received (Outbound Messages carry no change time), ISO 8601
 */
export function outboundNotificationToWebhook(
  notification: SfOutboundNotification,
  occurredAt: string,
): SfWebhook {
  const { sObject } = notification;
  const type = sObject['@_type'];
  const accountId = type === 'Account' ? sObject.Id : (sObject.AccountId ?? null);
  return {
    event: `${type}Changed`,
    occurredAt,
    sobject: type,
    recordId: sObject.Id,
    accountId: accountId !== null && SALESFORCE_ID_PATTERN.test(accountId) ? accountId : null,
  };
}
