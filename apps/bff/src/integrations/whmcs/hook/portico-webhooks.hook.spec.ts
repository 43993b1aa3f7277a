import { spawn, spawnSync } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { whmcsWebhookSchema } from '@portico/domain/providers/whmcs';
import { loadEnv } from '../../../core/config/env';
import { WebhookSignatureService } from '../../../modules/webhooks/webhook-signature.service';

/** The WHMCS hook module (PHP) run by a harness that stands in for WHMCS; skipped where `php` is not installed. */
const php = spawnSync('php', ['-v'], { encoding: 'utf8' });
const hasPhp = php.status === 0;
const describeWithPhp = hasPhp ? describe : describe.skip;

const HARNESS = path.join(__dirname, 'test', 'harness.php');
const env = loadEnv({ NODE_ENV: 'test' });
const SECRET = env.WHMCS_WEBHOOK_SECRET;

interface CapturedRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  options?: { timeoutMs: number; connectTimeoutMs: number; noSignal: boolean };
}
interface HarnessResult {
  hooks: string[];
  requests: CapturedRequest[];
  log: string[];
  localApiCalls: Array<[string, Record<string, unknown>]>;
}

/** Runs one hook point through the module (asynchronously, so a local listener in this process can answer). */
function runHook(
  input: Record<string, unknown>,
): Promise<{ result: HarnessResult; stderr: string; status: number | null }> {
  return new Promise((resolve, reject) => {
    // -n: no php.ini, so no curl extension either way; `captureCurl` then stubs curl, else the stream fallback sends.
    const child = spawn('php', ['-n', '-d', 'display_errors=stderr', HARNESS], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => {
      try {
        resolve({ result: JSON.parse(stdout) as HarnessResult, stderr, status });
      } catch {
        reject(new Error(`harness output is not JSON (exit ${status}): ${stdout}\n${stderr}`));
      }
    });
    child.stdin.end(JSON.stringify(input));
  });
}

const settings = { PORTICO_WEBHOOK_URL: 'http://127.0.0.1:9/webhooks/whmcs', PORTICO_WEBHOOK_SECRET: SECRET };
const verifier = new WebhookSignatureService(env);

function verify(request: CapturedRequest) {
  return verifier.verify('whmcs', request.body, request.headers);
}

describeWithPhp('WHMCS hook module (portico_webhooks.php)', () => {
  it('registers every forwarded hook point', async () => {
    const { result } = await runHook({ event: 'ClientEdit', vars: {}, settings: {}, captureCurl: true });
    expect(result.hooks.sort()).toEqual(
      [
        'InvoiceCreated',
        'InvoicePaid',
        'InvoiceCancelled',
        'InvoiceRefunded',
        'InvoicePaymentReminder',
        'AddInvoicePayment',
        'AfterModuleSuspend',
        'AfterModuleUnsuspend',
        'AfterModuleTerminate',
        'CancellationRequest',
        'ClientEdit',
        'TicketOpen',
        'TicketUserReply',
        'TicketAdminReply',
      ].sort(),
    );
    // Not configured: nothing sent, nothing logged.
    expect(result.requests).toEqual([]);
  });

  it('signs exactly what the BFF verifies, with short timeouts, and resolves the invoice owner', async () => {
    const { result, stderr } = await runHook({
      event: 'InvoicePaid',
      vars: { invoiceid: 1003 },
      settings,
      localApi: { GetInvoice: { result: 'success', userid: '1' } },
      captureCurl: true,
    });
    expect(stderr).toBe('');
    expect(result.requests).toHaveLength(1);
    const request = result.requests[0] as CapturedRequest;
    expect(request.url).toBe(settings.PORTICO_WEBHOOK_URL);
    expect(request.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(request.options).toEqual({ timeoutMs: 2000, connectTimeoutMs: 1000, noSignal: true });

    const { deliveryId, body } = verify(request);
    expect(deliveryId).toBe(request.headers['webhook-id']);
    const hook = whmcsWebhookSchema.parse(body);
    expect(hook).toMatchObject({ event: 'InvoicePaid', userid: 1, params: { invoiceid: '1003' } });
    expect(result.localApiCalls).toEqual([['GetInvoice', { invoiceid: 1003 }]]);

    // One changed byte and the BFF refuses it.
    expect(() => verifier.verify('whmcs', request.body.replace('1003', '1004'), request.headers)).toThrow(
      'webhook signature does not match',
    );
  });

  it('strips service and server passwords, password-like keys and card data at the boundary', async () => {
    const { result } = await runHook({
      event: 'AfterModuleSuspend',
      vars: {
        params: {
          accountid: 7,
          serviceid: 7,
          userid: 3,
          pid: 2,
          domain: 'globex.example',
          username: 'globex',
          password: 'service-pass-1',
          serverpassword: 'server-pass-2',
          serveraccesshash: 'WHM-HASH-3',
          serverusername: 'root',
          clientsdetails: { email: 'ceo@globex.example', password: 'client-pass-4' },
          configoptions: { Disk: '10 GB', 'Admin Password': 'opt-pass-5' },
        },
        suspendreason: 'Overdue on Payment',
        cardnum: '4111111111111111',
        note: 'paid with 4111 1111 1111 1111',
      },
      settings,
      captureCurl: true,
    });
    const request = result.requests[0] as CapturedRequest;
    for (const secret of [
      'service-pass-1',
      'server-pass-2',
      'WHM-HASH-3',
      'client-pass-4',
      'opt-pass-5',
      '4111111111111111',
      '4111 1111 1111 1111',
      'ceo@globex.example',
    ]) {
      expect(request.body).not.toContain(secret);
    }
    expect(request.body.toLowerCase()).not.toMatch(/pass|cardnum/);
    const hook = whmcsWebhookSchema.parse(verify(request).body);
    expect(hook).toMatchObject({
      event: 'AfterModuleSuspend',
      userid: 3,
      params: {
        serviceid: 7,
        domain: 'globex.example',
        suspendreason: 'Overdue on Payment',
        configoptions: { Disk: '10 GB' },
      },
    });
  });

  it('resolves the client of an admin ticket reply and drops the message body', async () => {
    const { result } = await runHook({
      event: 'TicketAdminReply',
      vars: {
        ticketid: 55,
        replyid: 9,
        admin: 'Support',
        deptid: 1,
        subject: 'Disk full',
        message: 'private text',
        status: 'Answered',
      },
      settings,
      localApi: { GetTicket: { result: 'success', userid: 2 } },
      captureCurl: true,
    });
    const hook = whmcsWebhookSchema.parse(verify(result.requests[0] as CapturedRequest).body);
    expect(hook).toMatchObject({
      event: 'TicketAdminReply',
      userid: 2,
      params: { ticketid: 55, status: 'Answered' },
    });
    expect(JSON.stringify(hook.params)).not.toContain('private text');
  });

  describe('over HTTP (stream fallback, no curl)', () => {
    let server: Server;
    let url: string;
    let answer = 204;
    const received: CapturedRequest[] = [];
    beforeAll(async () => {
      server = createServer((req: IncomingMessage, res) => {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          received.push({ url: req.url ?? '', headers: req.headers as Record<string, string>, body });
          res.writeHead(answer).end();
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/whmcs`;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it('delivers a request the BFF verifier accepts', async () => {
      answer = 204;
      const { result } = await runHook({
        event: 'ClientEdit',
        vars: { userid: 1, firstname: 'Ada', password: 'client-pass' },
        settings: { ...settings, PORTICO_WEBHOOK_URL: url },
      });
      expect(result.log).toEqual([]);
      const request = received.at(-1) as CapturedRequest;
      expect(request.body).not.toContain('client-pass');
      expect(whmcsWebhookSchema.parse(verify(request).body)).toMatchObject({
        event: 'ClientEdit',
        userid: 1,
        params: { firstname: 'Ada' },
      });
    });

    it('logs a refused or unreachable delivery to the activity log and never fails the WHMCS request', async () => {
      answer = 500;
      const refused = await runHook({
        event: 'InvoiceCancelled',
        vars: { invoiceid: 1 },
        settings: { ...settings, PORTICO_WEBHOOK_URL: url },
      });
      expect(refused.status).toBe(0);
      expect(refused.result.log).toEqual([
        expect.stringMatching(/^Portico webhooks: InvoiceCancelled delivery msg_\w+ failed: HTTP 500$/),
      ]);

      const unreachable = await runHook({
        event: 'TicketOpen',
        vars: { ticketid: 1, userid: 1 },
        settings: {
          ...settings,
          PORTICO_WEBHOOK_URL: 'http://127.0.0.1:9/webhooks/whmcs',
          PORTICO_WEBHOOK_TIMEOUT_MS: 300,
        },
      });
      expect(unreachable.status).toBe(0);
      expect(unreachable.result.log).toEqual([
        expect.stringMatching(/TicketOpen delivery msg_\w+ failed: request failed/),
      ]);

      const badSecret = await runHook({
        event: 'TicketOpen',
        vars: { ticketid: 1, userid: 1 },
        settings: { PORTICO_WEBHOOK_URL: url, PORTICO_WEBHOOK_SECRET: 'not-a-secret' },
      });
      expect(badSecret.status).toBe(0);
      expect(badSecret.result.log).toEqual([expect.stringContaining('must be whsec_')]);
    });
  });
});
