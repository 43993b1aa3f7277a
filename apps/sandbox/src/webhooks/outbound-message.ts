import { randomBytes } from 'node:crypto';
import { XMLBuilder } from 'fast-xml-parser';
import type { SfRecord } from '../store/salesforce.model';

/** One notification of an Outbound Message: its id (`04l...`, kept across redeliveries) and the record's fields. */
export interface OutboundNotification {
  id: string;
  sobjectType: string;
  fields: SfRecord;
}

/** A Salesforce Outbound Message (the `notifications()` call of the outbound messaging WSDL). */
export interface OutboundMessage {
  organizationId: string;
  actionId: string;
  notifications: OutboundNotification[];
}

/** Answer that acknowledges an Outbound Message (Salesforce redelivers until it sees it). */
export const OUTBOUND_ACK_PATTERN = /<(?:\w+:)?Ack>\s*true\s*<\/(?:\w+:)?Ack>/;

/** Fields of a Case an outbound message action sends (as configured on the workflow rule). */
export const OUTBOUND_CASE_FIELDS = [
  'Id',
  'AccountId',
  'CaseNumber',
  'Subject',
  'Status',
  'Priority',
  'IsClosed',
  'LastModifiedDate',
] as const;

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A new 18-character notification id (`04l` key prefix, as Salesforce's). */
export function newNotificationId(): string {
  const bytes = randomBytes(15);
  let id = '04l';
  for (const b of bytes) id += ALPHANUMERIC[b % ALPHANUMERIC.length];
  return id;
}

/** A notification for a record with the given fields only (null fields are sent as `xsi:nil`). */
export function notificationFor(
  sobjectType: string,
  record: SfRecord,
  fields: readonly string[],
): OutboundNotification {
  const picked: SfRecord = {};
  for (const field of fields) if (field in record) picked[field] = record[field] ?? null;
  return { id: newNotificationId(), sobjectType, fields: picked };
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: true,
  suppressBooleanAttributes: false,
});
const NIL = { '@_xsi:nil': 'true' };

/**
 * The SOAP 1.1 envelope Salesforce posts: `notifications` in namespace `http://soap.sforce.com/2005/09/outbound`
 * with OrganizationId, ActionId, SessionId (nil: "Send Session ID" off), EnterpriseUrl, PartnerUrl and up to 100
 * `Notification`s, each `Id` plus `sObject xsi:type="sf:<Type>"` whose fields are in the
 * `urn:sobject.enterprise.soap.sforce.com` namespace (prefix `sf`; null fields are `xsi:nil`).
 */
export function outboundMessageXml(
  message: OutboundMessage,
  instanceUrl = 'https://sandbox.my.salesforce.com',
): string {
  const Notification = message.notifications.map((n) => {
    const sObject: Record<string, unknown> = {
      '@_xsi:type': `sf:${n.sobjectType}`,
      '@_xmlns:sf': 'urn:sobject.enterprise.soap.sforce.com',
    };
    for (const [name, value] of Object.entries(n.fields))
      sObject[`sf:${name}`] = value === null ? NIL : String(value);
    return { Id: n.id, sObject };
  });
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    'soapenv:Envelope': {
      '@_xmlns:soapenv': 'http://schemas.xmlsoap.org/soap/envelope/',
      '@_xmlns:xsd': 'http://www.w3.org/2001/XMLSchema',
      '@_xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      'soapenv:Body': {
        notifications: {
          '@_xmlns': 'http://soap.sforce.com/2005/09/outbound',
          OrganizationId: message.organizationId,
          ActionId: message.actionId,
          SessionId: NIL,
          EnterpriseUrl: `${instanceUrl}/services/Soap/c/62.0/${message.organizationId}`,
          PartnerUrl: `${instanceUrl}/services/Soap/u/62.0/${message.organizationId}`,
          Notification,
        },
      },
    },
  });
}
