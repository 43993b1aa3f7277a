import Fastify, { type FastifyInstance } from 'fastify';
import { XMLParser } from 'fast-xml-parser';
import { buildSandbox, type Sandbox } from '../sandbox.app';

interface Received {
  path: string;
  contentType: string;
  raw: string;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (n) => n === 'Notification',
});

let receiver: FastifyInstance;
let received: Received[];
/** Told of the next request the receiver records (see {@link nextRequest}). */
let onRequest: Array<() => void>;
/** Resolves when the receiver has recorded its next request (and written its answer). */
const nextRequest = () => new Promise<void>((resolve) => onRequest.push(resolve));
let ack: boolean;
let sb: Sandbox;

beforeEach(async () => {
  received = [];
  onRequest = [];
  ack = true;
  receiver = Fastify();
  receiver.addContentTypeParser(['application/json', 'text/xml'], { parseAs: 'string' }, (_req, body, done) =>
    done(null, body),
  );
  const record = (request: { url: string; headers: Record<string, unknown>; body: unknown }) => {
    received.push({
      path: request.url,
      contentType: String(request.headers['content-type']),
      raw: request.body as string,
    });
    // Handlers answer synchronously after recording, so a waiter runs only once the answer is written.
    for (const resolve of onRequest.splice(0)) resolve();
  };
  receiver.post('/webhooks/salesforce/outbound', async (request, reply) => {
    record(request);
    return reply
      .type('text/xml')
      .send(
        `<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound"><Ack>${ack}</Ack></notificationsResponse></soapenv:Body></soapenv:Envelope>`,
      );
  });
  receiver.post('/webhooks/:provider', async (request, reply) => {
    record(request);
    return reply.code(204).send();
  });
  const target = await receiver.listen({ port: 0, host: '127.0.0.1' });
  sb = buildSandbox({ env: { SANDBOX_WEBHOOK_TARGET: target }, webhookRetryDelaysMs: [10, 10] });
});
afterEach(async () => {
  await sb.app.close();
  await receiver.close();
});

const caseId = () => sb.store.sobjects('Case')[0]?.Id as string;

describe('Salesforce Outbound Messages', () => {
  it('sends the SOAP notifications envelope for Cases with the configured organization', async () => {
    const res = await sb.app.inject({
      method: 'POST',
      url: '/__admin/salesforce/outbound-messages',
      payload: { caseIds: [caseId()] },
    });
    expect(res.statusCode).toBe(202);
    await sb.webhooks.idle();
    expect(received).toHaveLength(1);
    const [message] = received as [Received];
    expect(message.path).toBe('/webhooks/salesforce/outbound');
    expect(message.contentType).toContain('text/xml');
    expect(message.raw).toContain('<SessionId xsi:nil="true"/>');
    const doc = parser.parse(message.raw) as {
      Envelope: {
        Body: {
          notifications: Record<string, unknown> & {
            Notification: Array<{ Id: string; sObject: Record<string, string> }>;
          };
        };
      };
    };
    const n = doc.Envelope.Body.notifications;
    expect(n.OrganizationId).toBe('00DA0000000SbxPAAQ');
    expect(n.ActionId).toMatch(/^04k\w{15}$/);
    expect(n.Notification).toHaveLength(1);
    const [first] = n.Notification as [{ Id: string; sObject: Record<string, string> }];
    expect(first.Id).toMatch(/^04l\w{15}$/);
    expect(first.sObject['@_type']).toBe('sf:Case');
    expect(first.sObject.Id).toBe(caseId());
    expect(first.sObject.AccountId).toMatch(/^001/);
    expect(sb.webhooks.deliveries()[0]).toMatchObject({ channel: 'outbound-message', state: 'delivered' });
  });

  it('redelivers with the same notification ids until acknowledged', async () => {
    ack = false;
    const first = nextRequest();
    await sb.app.inject({
      method: 'POST',
      url: '/__admin/salesforce/outbound-messages',
      payload: { caseIds: [caseId()] },
    });
    await first; // answered <Ack>false</Ack>
    ack = true;
    await sb.webhooks.idle();
    expect(received.length).toBeGreaterThanOrEqual(2);
    const ids = received.map((r) => /<Notification><Id>(\w+)<\/Id>/.exec(r.raw)?.[1]);
    expect(new Set(ids).size).toBe(1);
    expect(sb.webhooks.deliveries()[0]?.state).toBe('delivered');
  });

  it('also sends one on Case changes once switched on, and nothing at all with ?webhook=false', async () => {
    const on = await sb.app.inject({
      method: 'PUT',
      url: '/__admin/salesforce/outbound-messages/settings',
      payload: { enabled: true },
    });
    expect(on.json()).toEqual({ enabled: true });
    await sb.app.inject({
      method: 'POST',
      url: `/__admin/salesforce/cases/${caseId()}/status`,
      payload: { status: 'Escalated' },
    });
    await sb.webhooks.idle();
    expect(received.map((r) => r.path).sort()).toEqual([
      '/webhooks/salesforce',
      '/webhooks/salesforce/outbound',
    ]);

    received = [];
    await sb.app.inject({
      method: 'POST',
      url: `/__admin/salesforce/cases/${caseId()}/status?webhook=false`,
      payload: { status: 'Working' },
    });
    await sb.app.inject({
      method: 'POST',
      url: '/__admin/whmcs/invoices?webhook=false',
      payload: { userid: 1, items: [{ description: 'x', amount: '1.00' }] },
    });
    await sb.webhooks.idle();
    expect(received).toEqual([]);
    expect(sb.store.sobject('Case', caseId())?.Status).toBe('Working');
  });

  it('refuses unknown cases and bad bodies', async () => {
    expect(
      (
        await sb.app.inject({
          method: 'POST',
          url: '/__admin/salesforce/outbound-messages',
          payload: { caseIds: [] },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await sb.app.inject({
          method: 'POST',
          url: '/__admin/salesforce/outbound-messages',
          payload: { caseIds: ['500A0000009NopeAAA'] },
        })
      ).statusCode,
    ).toBe(404);
  });
});
