<?php
// A storefront talking to ShopDesk from PHP (no extension needed): create an order, pay it, read its keys.
//   SHOPDESK_SECRET=$(shopdesk api secret) SHOPDESK_SKU=QQB-10 php storefront.php
$url = getenv('SHOPDESK_URL') ?: 'http://127.0.0.1:8765';
$secret = getenv('SHOPDESK_SECRET') ?: exit("set SHOPDESK_SECRET to the output of: shopdesk api secret\n");
$sku = getenv('SHOPDESK_SKU') ?: 'QQB-10';

// Sign the canonical request: timestamp, METHOD, path with query, Idempotency-Key, sha256 of the body.
function shopdesk(string $method, string $path, ?array $payload = null, string $key = ''): array
{
    global $url, $secret;
    $body = $payload === null ? '' : json_encode($payload, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
    $ts = (string) time();
    $canonical = implode("\n", [$ts, $method, $path, $key, hash('sha256', $body)]);
    $headers = [
        'Content-Type: application/json',
        'X-ShopDesk-Timestamp: ' . $ts,
        'X-ShopDesk-Signature: ' . hash_hmac('sha256', $canonical, $secret),
    ];
    if ($key !== '') {
        $headers[] = 'Idempotency-Key: ' . $key; // a retry sends the same key, signed afresh
    }
    $context = stream_context_create(['http' => [
        'method' => $method, 'header' => implode("\r\n", $headers), 'content' => $body,
        'ignore_errors' => true, 'timeout' => 30,
    ]]);
    $answer = json_decode(file_get_contents($url . $path, false, $context), true);
    $status = (int) explode(' ', $http_response_header[0])[1];
    if ($status >= 400) {
        fwrite(STDERR, "$status: {$answer['error']}\n");
        exit(1);
    }
    return $answer;
}

$ref = 'WEB-' . bin2hex(random_bytes(6));
$order = shopdesk('POST', '/v1/orders', [
    'external_id' => $ref,
    'customer' => ['name' => '张伟', 'contact' => 'wx:zhangwei'],
    'lines' => [['sku' => $sku, 'quantity' => 1]],
], "$ref-create");
shopdesk('POST', "/v1/orders/{$order['id']}/payments", [
    'trade_no' => "ALI$ref", 'amount' => $order['total'], 'method' => 'alipay',
], "$ref-pay");
echo json_encode(shopdesk('GET', "/v1/orders/{$order['id']}"), JSON_UNESCAPED_UNICODE), "\n";
