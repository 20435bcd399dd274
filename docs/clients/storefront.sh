#!/usr/bin/env bash
# A storefront talking to ShopDesk with curl and openssl: create an order, pay it, read its keys.
#   SHOPDESK_SECRET=$(shopdesk api secret) SHOPDESK_SKU=QQB-10 bash storefront.sh
set -euo pipefail
URL=${SHOPDESK_URL:-http://127.0.0.1:8765}
SECRET=${SHOPDESK_SECRET:?set SHOPDESK_SECRET to the output of: shopdesk api secret}
SKU=${SHOPDESK_SKU:-QQB-10}

# shopdesk METHOD PATH IDEMPOTENCY_KEY BODY: sign the canonical request, send it, print the JSON answer.
shopdesk() {
  local method=$1 path=$2 key=$3 body=$4 ts body_hash sig
  ts=$(date +%s)
  body_hash=$(printf '%s' "$body" | openssl dgst -sha256 -hex | sed 's/^.* //')
  sig=$(printf '%s\n%s\n%s\n%s\n%s' "$ts" "$method" "$path" "$key" "$body_hash" |
    openssl dgst -sha256 -hmac "$SECRET" -hex | sed 's/^.* //')
  local args=(-sS -X "$method" "$URL$path" -H 'Content-Type: application/json'
    -H "X-ShopDesk-Timestamp: $ts" -H "X-ShopDesk-Signature: $sig")
  [ -n "$key" ] && args+=(-H "Idempotency-Key: $key")
  [ -n "$body" ] && args+=(--data-binary "$body")
  curl "${args[@]}"
}

ref="WEB-$(date +%s)-$$"
order=$(shopdesk POST /v1/orders "$ref-create" \
  "{\"external_id\":\"$ref\",\"customer\":{\"name\":\"张伟\",\"contact\":\"wx:zhangwei\"},\"lines\":[{\"sku\":\"$SKU\",\"quantity\":1}]}")
id=$(printf '%s' "$order" | grep -o '"id": *[0-9]*' | head -n 1 | grep -o '[0-9]*$')
total=$(printf '%s' "$order" | grep -o '"total": *"[0-9.]*"' | grep -o '[0-9.]*')
shopdesk POST "/v1/orders/$id/payments" "$ref-pay" \
  "{\"trade_no\":\"ALI$ref\",\"amount\":\"$total\",\"method\":\"alipay\"}" >/dev/null
shopdesk GET "/v1/orders/$id" "" ""
echo
