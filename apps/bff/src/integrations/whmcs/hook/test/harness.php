<?php
/**
 * Test harness of portico_webhooks.php (not for WHMCS): stands in for WHMCS's add_hook(), logActivity() and
 * localAPI(), optionally for curl (capturing requests instead of sending them), runs one hook point with the
 * variables read from stdin, flushes the deliveries and prints what happened as JSON.
 *
 * stdin: { "event": "InvoicePaid", "vars": {...}, "settings": { "PORTICO_WEBHOOK_URL": ..., ... },
 *          "localApi": { "GetInvoice": { "userid": 1 } }, "captureCurl": true }
 * stdout: { "hooks": [registered hook names], "requests": [{ "url", "headers", "body", "options" }], "log": [...] }
 */
define('PORTICO_WEBHOOKS_TEST', true);

$input = json_decode(stream_get_contents(STDIN), true);
$GLOBALS['harness'] = ['hooks' => [], 'log' => [], 'requests' => [], 'localApi' => $input['localApi'] ?? []];

foreach (($input['settings'] ?? []) as $name => $value) {
    define($name, $value);
}

function add_hook($name, $priority, $fn)
{
    $GLOBALS['harness']['hooks'][$name][] = $fn;
}

function logActivity($message)
{
    $GLOBALS['harness']['log'][] = $message;
}

function localAPI($command, $params)
{
    $GLOBALS['harness']['localApiCalls'][] = [$command, $params];
    return $GLOBALS['harness']['localApi'][$command] ?? ['result' => 'error'];
}

if (!empty($input['captureCurl'])) {
    if (function_exists('curl_init')) {
        fwrite(STDERR, "curl is loaded: run php with -n or without the curl extension to capture\n");
        exit(2);
    }
    // The values of the real extension's constants.
    define('CURLOPT_POST', 47);
    define('CURLOPT_POSTFIELDS', 10015);
    define('CURLOPT_HTTPHEADER', 10023);
    define('CURLOPT_RETURNTRANSFER', 19913);
    define('CURLOPT_NOSIGNAL', 99);
    define('CURLOPT_CONNECTTIMEOUT_MS', 156);
    define('CURLOPT_TIMEOUT_MS', 155);
    define('CURLOPT_FOLLOWLOCATION', 52);
    define('CURLINFO_RESPONSE_CODE', 2097154);

    function curl_init($url)
    {
        return (object) ['url' => $url, 'options' => []];
    }
    function curl_setopt_array($ch, $options)
    {
        $ch->options = $options + $ch->options;
        return true;
    }
    function curl_exec($ch)
    {
        $headers = [];
        foreach ($ch->options[CURLOPT_HTTPHEADER] as $line) {
            [$name, $value] = explode(': ', $line, 2);
            $headers[strtolower($name)] = $value;
        }
        $GLOBALS['harness']['requests'][] = [
            'url' => $ch->url,
            'headers' => $headers,
            'body' => $ch->options[CURLOPT_POSTFIELDS],
            'options' => [
                'timeoutMs' => $ch->options[CURLOPT_TIMEOUT_MS],
                'connectTimeoutMs' => $ch->options[CURLOPT_CONNECTTIMEOUT_MS],
                'noSignal' => $ch->options[CURLOPT_NOSIGNAL],
            ],
        ];
        return '';
    }
    function curl_getinfo($ch, $what)
    {
        return 204;
    }
    function curl_error($ch)
    {
        return '';
    }
    function curl_close($ch)
    {
    }
}

require __DIR__ . '/../portico_webhooks.php';

$event = $input['event'];
foreach ($GLOBALS['harness']['hooks'][$event] ?? [] as $fn) {
    $fn($input['vars'] ?? []);
}
portico_webhooks_flush();

echo json_encode([
    'hooks' => array_keys($GLOBALS['harness']['hooks']),
    'requests' => $GLOBALS['harness']['requests'],
    'log' => $GLOBALS['harness']['log'],
    'localApiCalls' => $GLOBALS['harness']['localApiCalls'] ?? [],
], JSON_UNESCAPED_SLASHES);
