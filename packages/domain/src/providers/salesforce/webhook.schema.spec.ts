import { outboundNotificationToWebhook, sameSalesforceId, sfOutboundMessageSchema } from './webhook.schema';

const notification = (sObject: Record<string, unknown>) => ({ Id: '04lA000000Note1AAA', sObject });

describe('Salesforce Outbound Message schema', () => {
  it('reads notifications, drops the session id and strips the type prefix', () => {
    const parsed = sfOutboundMessageSchema.parse({
      OrganizationId: '00DA0000000SbxPAAQ',
      ActionId: '04kA0000000PortAAA',
      SessionId: 'a-secret-session',
      EnterpriseUrl: 'https://x/c',
      PartnerUrl: '',
      Notification: [
        notification({
          '@_type': 'sf:Case',
          Id: '500A0000001CaseAAA',
          AccountId: '001A0000001AcmeAAA',
          Status: 'New',
        }),
      ],
    });
    expect(parsed).not.toHaveProperty('SessionId');
    expect(parsed.PartnerUrl).toBeNull();
    expect(parsed.Notification[0]?.sObject['@_type']).toBe('Case');
  });

  it('refuses a bad organization id, no notifications and more than 100', () => {
    const base = {
      OrganizationId: '00DA0000000SbxPAAQ',
      ActionId: '04k',
      Notification: [notification({ '@_type': 'sf:Case', Id: '500A0000001CaseAAA' })],
    };
    expect(sfOutboundMessageSchema.safeParse({ ...base, OrganizationId: '001A0000001AcmeAAA' }).success).toBe(
      false,
    );
    expect(sfOutboundMessageSchema.safeParse({ ...base, Notification: [] }).success).toBe(false);
    expect(
      sfOutboundMessageSchema.safeParse({
        ...base,
        Notification: Array.from({ length: 101 }, () => base.Notification[0]),
      }).success,
    ).toBe(false);
  });

  it('maps a notification to the webhook change it stands for', () => {
    const [n] = sfOutboundMessageSchema.parse({
      OrganizationId: '00DA0000000SbxP',
      ActionId: '04k',
      Notification: [
        notification({ '@_type': 'sf:Case', Id: '500A0000001CaseAAA', AccountId: { '@_nil': 'true' } }),
      ],
    }).Notification;
    expect(outboundNotificationToWebhook(n as never, '2026-11-21T10:00:00Z')).toEqual({
      event: 'CaseChanged',
      occurredAt: '2026-11-21T10:00:00Z',
      sobject: 'Case',
      recordId: '500A0000001CaseAAA',
      accountId: null,
    });
    const account = sfOutboundMessageSchema.parse({
      OrganizationId: '00DA0000000SbxP',
      ActionId: '04k',
      Notification: [notification({ '@_type': 'sf:Account', Id: '001A0000001AcmeAAA' })],
    }).Notification[0];
    expect(outboundNotificationToWebhook(account as never, '2026-11-21T10:00:00Z')).toMatchObject({
      event: 'AccountChanged',
      accountId: '001A0000001AcmeAAA',
    });
  });

  it('treats the 15- and 18-character forms of an id as the same', () => {
    expect(sameSalesforceId('00DA0000000SbxPAAQ', '00DA0000000SbxP')).toBe(true);
    expect(sameSalesforceId('00DA0000000SbxPAAQ', '00DA0000000SbxQAAQ')).toBe(false);
    expect(sameSalesforceId('00DA0000000Sbxp', '00DA0000000SbxP')).toBe(false);
  });
});
