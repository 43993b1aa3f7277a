import { z } from 'zod';

/**
 * Body our WHMCS hook module posts to `POST /webhooks/whmcs` (signed with Standard Webhooks):
 * `{ event, occurredAt, userid, params }`.
 * - `event`: WHMCS hook point name (e.g. `InvoicePaid`).
 * - `occurredAt`: ISO 8601 time the hook ran.
 * - `userid`: WHMCS client id the event concerns (number or numeric string), null when none.
 * - `params`: the hook's variables; `invoiceid` (number or numeric string) when the hook is about an invoice.
 */
export const whmcsWebhookSchema = z.object({
  event: z.string().min(1),
  occurredAt: z.iso.datetime({ offset: true }),
  userid: z
    .union([z.number().int(), z.string().regex(/^\d+$/), z.null()])
    .transform((v) => (v === null ? null : Number(v))),
  params: z
    .looseObject({
      invoiceid: z
        .union([z.number().int(), z.string().regex(/^\d+$/)])
        .transform((v) => String(v))
        .optional(),
    })
    .default({}),
});
/** A parsed WHMCS webhook (`userid` a number, `params.invoiceid` a string id). */
export type WhmcsWebhook = z.infer<typeof whmcsWebhookSchema>;
