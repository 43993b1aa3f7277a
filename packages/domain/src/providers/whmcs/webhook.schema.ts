import { z } from 'zod';

/**
 * Body our WHMCS hook module (`apps/bff/src/integrations/whmcs/hook/portico_webhooks.php`) posts to
 * `POST /webhooks/whmcs` (signed with Standard Webhooks): `{ event, occurredAt, userid, params }`.
 * - `event`: WHMCS hook point name (e.g. `InvoicePaid`).
 * - `occurredAt`: ISO 8601 time the hook ran (whole seconds, `Z`).
 * - `userid`: WHMCS client id the event concerns (number or numeric string): the hook's `userid`, the module
 *   parameters' `userid`, or the owner of the invoice/ticket; null when it could not be resolved.
 * - `params`: the hook's variables with secrets stripped (module hooks: the module parameters lifted to the top);
 *   `invoiceid` (number or numeric string) when the hook is about an invoice. A trigger only: never trusted.
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
