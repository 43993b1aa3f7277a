import { OutboundMessageParseError, parseOutboundMessage } from './outbound-message.parser';

const envelope = (notifications: string, org = '00DA0000000SbxPAAQ') =>
  '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
  `<soapenv:Body><notifications xmlns="http://soap.sforce.com/2005/09/outbound"><OrganizationId>${org}</OrganizationId><ActionId>04kA0000000PortAAA</ActionId>` +
  `<SessionId xsi:nil="true"/><EnterpriseUrl>https://x</EnterpriseUrl><PartnerUrl>https://y</PartnerUrl>${notifications}</notifications></soapenv:Body></soapenv:Envelope>`;
const caseNotification = (id: string) =>
  `<Notification><Id>${id}</Id><sObject xsi:type="sf:Case" xmlns:sf="urn:sobject.enterprise.soap.sforce.com"><sf:Id>500A0000001CaseAAA</sf:Id><sf:AccountId>001A0000001AcmeAAA</sf:AccountId><sf:Subject>A &amp; B</sf:Subject></sObject></Notification>`;

function details(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof OutboundMessageParseError) return err.message;
    throw err;
  }
  throw new Error('expected a parse error');
}

describe('parseOutboundMessage', () => {
  it('reads one notification (a single element is still a list) with namespace prefixes removed', () => {
    const message = parseOutboundMessage(envelope(caseNotification('04lA000000Note1AAA')));
    expect(message.OrganizationId).toBe('00DA0000000SbxPAAQ');
    expect(message.Notification).toEqual([
      {
        Id: '04lA000000Note1AAA',
        sObject: expect.objectContaining({
          '@_type': 'Case',
          Id: '500A0000001CaseAAA',
          AccountId: '001A0000001AcmeAAA',
          Subject: 'A & B',
        }),
      },
    ]);
  });

  it('keeps ids as strings and reads several notifications', () => {
    const message = parseOutboundMessage(
      envelope(caseNotification('04lA000000Note1AAA') + caseNotification('04lA000000Note2AAA')),
    );
    expect(message.Notification.map((n) => n.Id)).toEqual(['04lA000000Note1AAA', '04lA000000Note2AAA']);
  });

  it('says what is wrong with a body that is not an Outbound Message', () => {
    expect(details(() => parseOutboundMessage(''))).toContain('an XML body is required');
    expect(details(() => parseOutboundMessage('<a><b></a>'))).toContain('not well-formed XML');
    expect(details(() => parseOutboundMessage('<!DOCTYPE a [<!ENTITY x "y">]><a/>'))).toContain('DOCTYPE');
    expect(details(() => parseOutboundMessage('<a/>'))).toContain('notifications element');
    expect(details(() => parseOutboundMessage(envelope('')))).toContain('body.notifications.Notification');
    expect(details(() => parseOutboundMessage(envelope(caseNotification('not-an-id'))))).toContain(
      'body.notifications.Notification.0.Id',
    );
  });

  it('refuses elements nested 100 deep inside a field with a parse error (400), not a parser crash', () => {
    const deep = `${'<x>'.repeat(100)}v${'</x>'.repeat(100)}`;
    expect(
      details(() => parseOutboundMessage(envelope(caseNotification('04lA000000Note1AAA'), deep))),
    ).toContain("XML parser's limits");
  });
});
