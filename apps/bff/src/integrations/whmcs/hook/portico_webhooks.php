<?php
/**
 * Portico webhooks for WHMCS: copy this file to WHMCS's `includes/hooks/` folder.
 *
 * On the hook points below it posts a small JSON document to Portico's `POST /webhooks/whmcs`, signed with
 * Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`: `v1,` + base64 HMAC-SHA256 of
 * `id.timestamp.body` keyed with the base64 part of the `whsec_` secret):
 *
 *   { "event": "InvoicePaid", "occurredAt": "2026-11-21T10:00:00Z", "userid": 1, "params": { "invoiceid": 42 } }
 *
 * A delivery is only a trigger: Portico re-reads the invoice, service, client or ticket through the WHMCS API and
 * never trusts the payload. Secrets are stripped here, at the boundary (service and server passwords, any
 * password/secret/token/hash-like key, card and bank data, card-number-like values), and so are bulky personal data
 * Portico does not need (client details blocks, ticket message bodies).
 *
 * WHMCS is never blocked or broken by this file: deliveries are queued while the page runs and sent when it has
 * finished (after the response is flushed under PHP-FPM), each with short timeouts; every failure is written to
 * the WHMCS activity log and nothing is ever thrown. A lost delivery is caught by Portico's reconciliation job.
 *
 * Configuration (constants in WHMCS's configuration.php, or environment variables of the PHP process):
 *   PORTICO_WEBHOOK_URL         e.g. https://portal.example.com/webhooks/whmcs (required; unset = do nothing)
 *   PORTICO_WEBHOOK_SECRET      whsec_... (required; the BFF's WHMCS_WEBHOOK_SECRET)
 *   PORTICO_WEBHOOK_TIMEOUT_MS  per-request timeout, ms (default 2000; connect timeout is half of it)
 *   PORTICO_WEBHOOK_BUDGET_MS   total time spent sending at the end of one request, ms (default 5000)
 *
 * Requires PHP 7.4+ (tested on 8.2) with json and hash; uses curl when loaded, else PHP's HTTP stream wrapper.
 */

if (!defined('WHMCS') && !defined('PORTICO_WEBHOOKS_TEST')) {
    die('This file cannot be accessed directly');
}

/** Hook points forwarded to Portico. */
const PORTICO_WEBHOOK_EVENTS = [
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
];

/** Keys never forwarded: credentials, card and bank data (matched case-insensitively anywhere in the key). */
const PORTICO_WEBHOOK_SECRET_KEY_PATTERN = '/pass|pwd|secret|token|hash|apikey|api_key|accesskey|access_key|private|'
    . 'securityq|^cc|cardnum|cardnumber|cardtype|cardlastfour|cardexp|cardstart|cardissue|card_|cvv|cvc|'
    . 'bankacct|bankcode|banktype|bankname|iban|gatewayid|remotetoken|paymethod/i';

/** Keys dropped as bulky personal data Portico re-reads itself when it needs them. */
const PORTICO_WEBHOOK_DROPPED_KEYS = ['clientsdetails', 'olddata', 'message', 'customfields', 'attachments', 'model'];

/** A setting from a constant (configuration.php) or the environment; null when unset or blank. */
function portico_webhooks_setting(string $name): ?string
{
    $value = defined($name) ? constant($name) : getenv($name);
    if ($value === false || $value === null) {
        return null;
    }
    $value = trim((string) $value);
    return $value === '' ? null : $value;
}

/** Writes to the WHMCS activity log (never throws). */
function portico_webhooks_log(string $message): void
{
    try {
        if (function_exists('logActivity')) {
            logActivity('Portico webhooks: ' . $message);
        } else {
            error_log('Portico webhooks: ' . $message);
        }
    } catch (\Throwable $e) {
        // Logging must not break WHMCS either.
    }
}

/** Whether a string of 13-19 digits (spaces/dashes allowed) passes the Luhn check, i.e. looks like a card number. */
function portico_webhooks_looks_like_card_number(string $value): bool
{
    $digits = preg_replace('/[\s-]/', '', $value);
    if (!preg_match('/^\d{13,19}$/', $digits)) {
        return false;
    }
    $sum = 0;
    $double = false;
    for ($i = strlen($digits) - 1; $i >= 0; $i--) {
        $d = (int) $digits[$i];
        if ($double) {
            $d *= 2;
            if ($d > 9) {
                $d -= 9;
            }
        }
        $sum += $d;
        $double = !$double;
    }
    return $sum % 10 === 0;
}

/**
 * The hook variables without secrets or bulky personal data, recursively; objects become arrays of their public
 * properties, resources and closures are dropped.
 *
 * @param mixed $value
 * @return mixed
 */
function portico_webhooks_strip($value, int $depth = 0)
{
    if ($depth > 6) {
        return null;
    }
    if (is_object($value)) {
        if ($value instanceof \Closure) {
            return null;
        }
        $value = method_exists($value, 'toArray') ? $value->toArray() : get_object_vars($value);
    }
    if (is_array($value)) {
        $out = [];
        foreach ($value as $key => $item) {
            if (is_string($key)) {
                if (preg_match(PORTICO_WEBHOOK_SECRET_KEY_PATTERN, $key)
                    || in_array(strtolower($key), PORTICO_WEBHOOK_DROPPED_KEYS, true)) {
                    continue;
                }
            }
            $stripped = portico_webhooks_strip($item, $depth + 1);
            if ($stripped !== null || $item === null) {
                $out[$key] = $stripped;
            }
        }
        return $out;
    }
    if (is_string($value)) {
        // Card numbers inside free text (notes, descriptions) too.
        $redacted = preg_replace_callback('/(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)/', function ($m) {
            return portico_webhooks_looks_like_card_number($m[0]) ? '[redacted]' : $m[0];
        }, $value);
        return $redacted === null ? '[redacted]' : $redacted;
    }
    if (is_int($value) || is_float($value) || is_bool($value) || $value === null) {
        return $value;
    }
    return null;
}

/** A positive integer id from a hook variable, or null. */
function portico_webhooks_id($value): ?int
{
    if (is_int($value) && $value > 0) {
        return $value;
    }
    if (is_string($value) && preg_match('/^\d+$/', $value) && (int) $value > 0) {
        return (int) $value;
    }
    return null;
}

/** The client that owns an invoice or a ticket, read from WHMCS's database (Capsule) or its local API. */
function portico_webhooks_owner(string $table, int $id): ?int
{
    try {
        if (class_exists('\WHMCS\Database\Capsule')) {
            return portico_webhooks_id(\WHMCS\Database\Capsule::table($table)->where('id', $id)->value('userid'));
        }
        if (function_exists('localAPI')) {
            $result = $table === 'tblinvoices'
                ? localAPI('GetInvoice', ['invoiceid' => $id])
                : localAPI('GetTicket', ['ticketid' => $id]);
            return is_array($result) ? portico_webhooks_id($result['userid'] ?? null) : null;
        }
    } catch (\Throwable $e) {
        portico_webhooks_log("could not resolve the client of {$table} #{$id}: " . $e->getMessage());
    }
    return null;
}

/**
 * The document posted for one hook run: `event`, `occurredAt` (ISO 8601 UTC), `userid` (the WHMCS client id,
 * resolved from the invoice or ticket when the hook does not carry it; null when unknown) and `params` (the
 * stripped hook variables; for module hooks the module parameters are lifted to the top level).
 */
function portico_webhooks_payload(string $event, array $vars): array
{
    $params = portico_webhooks_strip($vars);
    if (isset($params['params']) && is_array($params['params'])) {
        $module = $params['params'];
        unset($params['params']);
        $params = array_merge($module, $params);
    }
    $userid = portico_webhooks_id($params['userid'] ?? ($params['clientid'] ?? null));
    if ($userid === null && ($invoiceid = portico_webhooks_id($params['invoiceid'] ?? null)) !== null) {
        $userid = portico_webhooks_owner('tblinvoices', $invoiceid);
    }
    if ($userid === null && ($ticketid = portico_webhooks_id($params['ticketid'] ?? null)) !== null) {
        $userid = portico_webhooks_owner('tbltickets', $ticketid);
    }
    return [
        'event' => $event,
        'occurredAt' => gmdate('Y-m-d\TH:i:s\Z'),
        'userid' => $userid,
        'params' => (object) $params,
    ];
}

/**
 * Standard Webhooks headers for `$body`: `v1,` + base64(HMAC-SHA256(key, "{$id}.{$timestamp}.{$body}")), the key
 * being the base64-decoded part of the `whsec_` secret.
 *
 * @return array<string,string>|null null when the secret is not a `whsec_` base64 secret
 */
function portico_webhooks_sign(string $secret, string $id, int $timestamp, string $body): ?array
{
    if (strpos($secret, 'whsec_') !== 0) {
        return null;
    }
    $key = base64_decode(substr($secret, 6), true);
    if ($key === false || $key === '') {
        return null;
    }
    $signature = base64_encode(hash_hmac('sha256', "{$id}.{$timestamp}.{$body}", $key, true));
    return [
        'webhook-id' => $id,
        'webhook-timestamp' => (string) $timestamp,
        'webhook-signature' => "v1,{$signature}",
    ];
}

/** Deliveries waiting for the end of the request. */
$GLOBALS['portico_webhooks_queue'] = [];

/** Queues one hook run for delivery at the end of the request (never throws). */
function portico_webhooks_enqueue(string $event, $vars): void
{
    try {
        if (portico_webhooks_setting('PORTICO_WEBHOOK_URL') === null) {
            return;
        }
        $body = json_encode(
            portico_webhooks_payload($event, is_array($vars) ? $vars : []),
            JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE | JSON_PARTIAL_OUTPUT_ON_ERROR
        );
        if ($body === false) {
            portico_webhooks_log("{$event}: could not encode the payload");
            return;
        }
        if (count($GLOBALS['portico_webhooks_queue']) === 0) {
            register_shutdown_function('portico_webhooks_flush');
        }
        $GLOBALS['portico_webhooks_queue'][] = ['event' => $event, 'id' => 'msg_' . bin2hex(random_bytes(16)), 'body' => $body];
    } catch (\Throwable $e) {
        portico_webhooks_log("{$event}: " . $e->getMessage());
    }
}

/**
 * Sends one request; returns null on a 2xx answer, else the reason.
 *
 * @param array<string,string> $headers
 */
function portico_webhooks_post(string $url, array $headers, string $body, int $timeoutMs): ?string
{
    $lines = ['Content-Type: application/json', 'User-Agent: portico-whmcs-hook/1'];
    foreach ($headers as $name => $value) {
        $lines[] = "{$name}: {$value}";
    }
    if (function_exists('curl_init')) {
        $ch = curl_init($url);
        curl_setopt_array($ch, [
            CURLOPT_POST => true,
            CURLOPT_POSTFIELDS => $body,
            CURLOPT_HTTPHEADER => $lines,
            CURLOPT_RETURNTRANSFER => true,
            CURLOPT_NOSIGNAL => true,
            CURLOPT_CONNECTTIMEOUT_MS => max(1, intdiv($timeoutMs, 2)),
            CURLOPT_TIMEOUT_MS => $timeoutMs,
            CURLOPT_FOLLOWLOCATION => false,
        ]);
        $result = curl_exec($ch);
        $status = (int) curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
        $error = $result === false ? curl_error($ch) : '';
        curl_close($ch);
        if ($result === false) {
            return "request failed: {$error}";
        }
        return $status >= 200 && $status < 300 ? null : "HTTP {$status}";
    }
    $context = stream_context_create([
        'http' => [
            'method' => 'POST',
            'header' => implode("\r\n", $lines),
            'content' => $body,
            'timeout' => $timeoutMs / 1000,
            'ignore_errors' => true,
            'follow_location' => 0,
        ],
    ]);
    $result = @file_get_contents($url, false, $context);
    $statusLine = isset($http_response_header[0]) ? $http_response_header[0] : '';
    if ($result === false && $statusLine === '') {
        $last = error_get_last();
        return 'request failed: ' . ($last['message'] ?? 'no answer');
    }
    $status = preg_match('#^HTTP/\S+\s+(\d{3})#', $statusLine, $m) ? (int) $m[1] : 0;
    return $status >= 200 && $status < 300 ? null : "HTTP {$status}";
}

/** Sends the queued deliveries (after the response is flushed under PHP-FPM); failures are logged, never thrown. */
function portico_webhooks_flush(): void
{
    try {
        $queue = $GLOBALS['portico_webhooks_queue'];
        $GLOBALS['portico_webhooks_queue'] = [];
        if (count($queue) === 0) {
            return;
        }
        $url = portico_webhooks_setting('PORTICO_WEBHOOK_URL');
        $secret = portico_webhooks_setting('PORTICO_WEBHOOK_SECRET');
        if ($url === null) {
            return;
        }
        if ($secret === null) {
            portico_webhooks_log('PORTICO_WEBHOOK_SECRET is not set; ' . count($queue) . ' deliveries dropped');
            return;
        }
        $timeoutMs = max(100, (int) (portico_webhooks_setting('PORTICO_WEBHOOK_TIMEOUT_MS') ?? 2000));
        $budgetMs = max($timeoutMs, (int) (portico_webhooks_setting('PORTICO_WEBHOOK_BUDGET_MS') ?? 5000));
        if (PHP_SAPI !== 'cli' && function_exists('fastcgi_finish_request')) {
            fastcgi_finish_request();
        }
        $started = microtime(true);
        foreach ($queue as $index => $delivery) {
            if ((microtime(true) - $started) * 1000 + $timeoutMs > $budgetMs) {
                portico_webhooks_log('time budget spent; ' . (count($queue) - $index) . ' deliveries dropped (reconciliation catches up)');
                break;
            }
            $headers = portico_webhooks_sign($secret, $delivery['id'], time(), $delivery['body']);
            if ($headers === null) {
                portico_webhooks_log('PORTICO_WEBHOOK_SECRET must be whsec_ followed by base64; deliveries dropped');
                return;
            }
            $error = portico_webhooks_post($url, $headers, $delivery['body'], $timeoutMs);
            if ($error !== null) {
                portico_webhooks_log("{$delivery['event']} delivery {$delivery['id']} failed: {$error}");
            }
        }
    } catch (\Throwable $e) {
        portico_webhooks_log('delivery failed: ' . $e->getMessage());
    }
}

foreach (PORTICO_WEBHOOK_EVENTS as $portico_webhooks_event) {
    add_hook($portico_webhooks_event, 1, function ($vars) use ($portico_webhooks_event) {
        portico_webhooks_enqueue($portico_webhooks_event, $vars);
    });
}
unset($portico_webhooks_event);
