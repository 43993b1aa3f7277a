import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { FieldIssue } from '@portico/domain';
import { sfOutboundMessageSchema, type SfOutboundMessage } from '@portico/domain/providers/salesforce';
import { zodIssuesToDetails } from '../../core/http/zod-validation.pipe';

/** Why an Outbound Message body was refused (400): what was wrong, for the response details. */
export class OutboundMessageParseError extends Error {
  constructor(readonly details: FieldIssue[]) {
    super(details.map((d) => `${d.path}: ${d.message}`).join('; '));
    this.name = 'OutboundMessageParseError';
  }
}

/** Deepest element nesting accepted in an Outbound Message body. */
export const MAX_XML_DEPTH = 16;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  // Ids such as 00D... must stay strings.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (tagName) => tagName === 'Notification',
  // An Outbound Message is 6 levels deep (Envelope/Body/notifications/Notification/sObject/field); anything much
  // deeper is an attack on the parser, refused (the parser throws) and answered 400.
  maxNestedTags: MAX_XML_DEPTH,
});

/** The SOAP answer Salesforce expects once the notifications are safely kept (it redelivers until it gets it). */
export const OUTBOUND_MESSAGE_ACK =
  '<?xml version="1.0" encoding="UTF-8"?>' +
  '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>' +
  '<notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound"><Ack>true</Ack></notificationsResponse>' +
  '</soapenv:Body></soapenv:Envelope>';

/**
 * Parses a Salesforce Outbound Message: a SOAP 1.1 envelope whose body holds the `notifications` element (WSDL
 * namespace `http://soap.sforce.com/2005/09/outbound`) with up to 100 `Notification`s. Namespace prefixes are
 * ignored (`sf:Id` reads as `Id`); nesting deeper than {@link MAX_XML_DEPTH} is refused; a DTD is refused (SOAP forbids one, and it is how entity-expansion attacks start).
 * @param xml the request body
 * @returns the validated `notifications` element, without its `SessionId`
 * @throws OutboundMessageParseError when the body is not well-formed XML, not such an envelope, or does not match
 *   `sfOutboundMessageSchema`
 */
export function parseOutboundMessage(xml: string): SfOutboundMessage {
  if (xml.trim() === '')
    throw new OutboundMessageParseError([{ path: 'body', message: 'an XML body is required' }]);
  if (/<!DOCTYPE/i.test(xml))
    throw new OutboundMessageParseError([
      { path: 'body', message: 'a DOCTYPE is not allowed in a SOAP message' },
    ]);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new OutboundMessageParseError([
      {
        path: 'body',
        message: `not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`,
      },
    ]);
  }
  let document: { Envelope?: { Body?: { notifications?: unknown } } };
  try {
    document = parser.parse(xml) as typeof document;
  } catch (err) {
    // The parser's own limits (nesting depth, entity expansion): a client error, never a 500.
    throw new OutboundMessageParseError([
      {
        path: 'body',
        message: `refused by the XML parser's limits: ${err instanceof Error ? err.message.slice(0, 200) : 'error'}`,
      },
    ]);
  }
  const notifications = document.Envelope?.Body?.notifications;
  if (notifications === undefined || notifications === null || typeof notifications !== 'object') {
    throw new OutboundMessageParseError([
      { path: 'body', message: 'expected a SOAP Envelope whose Body holds a notifications element' },
    ]);
  }
  const parsed = sfOutboundMessageSchema.safeParse(notifications);
  if (!parsed.success)
    throw new OutboundMessageParseError(zodIssuesToDetails(parsed.error.issues, 'body.notifications'));
  return parsed.data;
}
