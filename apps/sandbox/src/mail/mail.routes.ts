import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { CaughtMail, MailCatcher } from './mail-catcher';

const listQuerySchema = z.object({ to: z.string().max(320).optional() });

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function renderPage(messages: CaughtMail[]): string {
  const rows = messages
    .map(
      (m) => `<article><header><strong>${escapeHtml(m.subject || '(no subject)')}</strong>
<span>to ${escapeHtml(m.to.join(', '))} · from ${escapeHtml(m.from)} · ${escapeHtml(m.receivedAt)}</span></header>
<pre>${escapeHtml(m.text)}</pre></article>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sandbox mail</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1f2937}
article{border:1px solid #d1d5db;border-radius:8px;padding:1rem;margin:0 0 1rem}header{display:flex;flex-direction:column;gap:.2rem}
header span{color:#6b7280;font-size:12px}pre{white-space:pre-wrap;word-break:break-word;background:#f9fafb;padding:.75rem;border-radius:6px}</style>
</head><body><h1>Caught mail (${messages.length})</h1>
<p>Every message the BFF sends through the sandbox's SMTP catcher lands here; nothing is delivered. <a href="/__admin">Sandbox controls</a></p>
${rows || '<p>No mail yet.</p>'}</body></html>`;
}

/**
 * Routes of the SMTP catcher: `GET /__admin/mail` (HTML page), `GET /__admin/mail.json?to=` (`{ messages }`,
 * newest first) and `DELETE /__admin/mail`.
 */
export function registerMailRoutes(app: FastifyInstance, catcher: MailCatcher): void {
  app.get('/__admin/mail', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(renderPage(catcher.list())),
  );
  app.get('/__admin/mail.json', async (request, reply) => {
    const query = listQuerySchema.safeParse(request.query);
    if (!query.success)
      return reply.code(400).send({ error: 'bad_request', message: z.prettifyError(query.error) });
    return { messages: catcher.list(query.data.to) };
  });
  app.delete('/__admin/mail', async (_request, reply) => {
    catcher.clear();
    return reply.code(204).send();
  });
}
