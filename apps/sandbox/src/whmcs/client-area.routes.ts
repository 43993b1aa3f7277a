import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SandboxStore } from '../store/sandbox.store';
import { centsToDecimal } from '../store/time';
import { invoiceTotals } from '../store/whmcs.model';
import type { WhmcsApiService } from './whmcs-api.service';

/** Name of the client-area session cookie set by a redeemed single sign-on token. */
export const CLIENT_AREA_COOKIE = 'sbx_whmcs_session';

const escape = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)} - Sandbox Billing</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:0;background:#f4f5f7;color:#1d232b}header{background:#243b53;color:#fff;padding:.8rem 1.5rem;font-weight:600}
main{max-width:44rem;margin:1.5rem auto;background:#fff;border-radius:8px;padding:1.5rem;box-shadow:0 1px 3px #0002}table{width:100%;border-collapse:collapse}td,th{padding:.4rem;border-bottom:1px solid #e4e7eb;text-align:left}
.num{text-align:right}.status{display:inline-block;padding:.1rem .6rem;border-radius:999px;background:#fde8e8;color:#9b1c1c;font-weight:600}.status--paid{background:#def7ec;color:#03543f}
button{background:#2563eb;color:#fff;border:0;border-radius:6px;padding:.6rem 1.2rem;font-size:1rem;cursor:pointer}</style></head>
<body><header>Sandbox Billing · client area</header><main>${body}</main></body></html>`;
}

/** Sessions of the client area: session id -> WHMCS client id. */
class ClientAreaSessions {
  private readonly sessions = new Map<string, number>();

  open(clientId: number): string {
    const id = randomBytes(18).toString('hex');
    this.sessions.set(id, clientId);
    return id;
  }

  clientOf(request: FastifyRequest): number | null {
    const cookie = request.headers.cookie ?? '';
    const value = cookie
      .split(';')
      .map((p) => p.trim().split('='))
      .find(([name]) => name === CLIENT_AREA_COOKIE)?.[1];
    return value === undefined ? null : (this.sessions.get(value) ?? null);
  }
}

const invoiceQuerySchema = z.object({ id: z.coerce.number().int().positive() });

/**
 * The few client-area pages of WHMCS the portal hands customers to: `GET /oauth/singlesignon.php?access_token=`
 * (redeems a `CreateSsoToken` token once within 60 s, opens a session, redirects to its destination), the invoice
 * pay page `GET|POST /viewinvoice.php?id=` (paying runs the same code as `UpdateInvoice`, so the `InvoicePaid`
 * webhook follows) and the payment methods page `GET /index.php?rp=/account/paymentmethods`.
 */
export function registerClientAreaRoutes(
  app: FastifyInstance,
  options: { store: SandboxStore; api: WhmcsApiService },
): void {
  const { store, api } = options;
  const sessions = new ClientAreaSessions();

  const denied = (reply: FastifyReply) =>
    reply
      .code(403)
      .type('text/html; charset=utf-8')
      .send(
        page(
          'Login required',
          '<h1>Login required</h1><p>Please sign in to the client area to view this page.</p>',
        ),
      );

  app.get('/oauth/singlesignon.php', async (request, reply) => {
    const token = z.object({ access_token: z.string().min(1).max(200) }).safeParse(request.query);
    const grant = token.success ? api.redeemSsoToken(token.data.access_token) : null;
    if (!grant) {
      return reply
        .code(400)
        .type('text/html; charset=utf-8')
        .send(
          page(
            'Invalid link',
            '<h1>This link is no longer valid</h1><p>Single sign-on links work once and expire after 60 seconds. Go back and try again.</p>',
          ),
        );
    }
    const session = sessions.open(grant.clientId);
    return reply
      .header('set-cookie', `${CLIENT_AREA_COOKIE}=${session}; Path=/; HttpOnly; SameSite=Lax`)
      .redirect(`/${grant.path}`, 302);
  });

  const showInvoice = (clientId: number, invoiceId: number, reply: FastifyReply, notice = '') => {
    const inv = store.invoice(invoiceId);
    if (!inv || inv.userid !== clientId) return denied(reply);
    const client = store.client(clientId);
    const currency = client ? store.currencyOf(client) : undefined;
    const money = (cents: number) =>
      `${currency?.prefix ?? ''}${centsToDecimal(cents)}${currency?.suffix ?? ''}`;
    const t = invoiceTotals(inv);
    const paid = inv.status === 'Paid';
    const rows = inv.items
      .map((i) => `<tr><td>${i.description}</td><td class="num">${money(i.amountCents)}</td></tr>`)
      .join('');
    const body = `<h1>Invoice #${escape(inv.invoicenum || String(inv.id))} <span class="status${paid ? ' status--paid' : ''}" data-testid="sandbox-invoice-status">${escape(inv.status)}</span></h1>
${notice}<p>Due ${escape(inv.duedate)}</p><table><tbody>${rows}</tbody><tfoot>
<tr><th>Total</th><td class="num">${money(t.total)}</td></tr><tr><th>Balance</th><td class="num">${money(Math.max(t.balance, 0))}</td></tr></tfoot></table>
${paid ? '<p>Thank you, this invoice is paid. You can close this tab.</p>' : `<form method="post" action="/viewinvoice.php?id=${inv.id}"><p><button type="submit">Pay now (${money(t.balance)})</button></p></form>`}`;
    return reply.type('text/html; charset=utf-8').send(page(`Invoice #${inv.id}`, body));
  };

  app.get('/viewinvoice.php', async (request, reply) => {
    const clientId = sessions.clientOf(request);
    const query = invoiceQuerySchema.safeParse(request.query);
    if (clientId === null || !query.success) return denied(reply);
    return showInvoice(clientId, query.data.id, reply);
  });

  app.post('/viewinvoice.php', async (request, reply) => {
    const clientId = sessions.clientOf(request);
    const query = invoiceQuerySchema.safeParse(request.query);
    if (clientId === null || !query.success) return denied(reply);
    const inv = store.invoice(query.data.id);
    if (!inv || inv.userid !== clientId) return denied(reply);
    if (inv.status === 'Unpaid') {
      // The payment itself: the same code path as UpdateInvoice (which raises the InvoicePaid webhook).
      api.run('UpdateInvoice', {
        invoiceid: String(inv.id),
        status: 'Paid',
        paymentmethod: inv.paymentmethod || 'stripe',
      });
    }
    return reply.redirect(`/viewinvoice.php?id=${inv.id}`, 303);
  });

  app.get('/index.php', async (request, reply) => {
    const clientId = sessions.clientOf(request);
    if (clientId === null) return denied(reply);
    const methods = store.data.payMethods
      .filter((m) => m.userid === clientId)
      .sort((a, b) => a.order - b.order);
    const rows = methods
      .map(
        (m, i) =>
          `<tr><td>${escape(m.description || m.type)}</td><td>${escape(m.cardType || m.bankName)} ····${escape(m.lastFour)}</td><td>${escape(m.expiry)}</td><td>${i === 0 ? 'Default' : ''}</td></tr>`,
      )
      .join('');
    return reply
      .type('text/html; charset=utf-8')
      .send(
        page(
          'Payment methods',
          `<h1>Payment methods</h1><table><thead><tr><th>Description</th><th>Method</th><th>Expires</th><th></th></tr></thead><tbody>${rows}</tbody></table>`,
        ),
      );
  });
}
