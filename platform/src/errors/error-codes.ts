/**
 * The one registry of error codes. Every GraphQL error carries one of these in
 * `extensions.code`; every MQTT rejection is counted under one of the `MQTT_*` reasons.
 * `docs/errors.md` is generated from this table and checked by the test suite.
 */
export interface ErrorCodeSpec {
  surface: 'graphql' | 'mqtt';
  /** What happened, from the caller's side. */
  meaning: string;
  /** What the caller should do about it. */
  remedy: string;
}

export const errorCodes = {
  BAD_USER_INPUT: {
    surface: 'graphql',
    meaning: 'An argument or input field is invalid; `extensions.fields` lists each bad field and why.',
    remedy: 'Fix the listed fields and send the request again.',
  },
  INVALID_CURSOR: {
    surface: 'graphql',
    meaning: 'The `after` cursor was not issued by this list.',
    remedy: 'Use an `endCursor` from a previous page of the same query, or omit `after`.',
  },
  NOT_FOUND: {
    surface: 'graphql',
    meaning: 'No object with that id exists for your tenant; `extensions.entity` names its type.',
    remedy: 'Check the id; list the objects to find valid ids.',
  },
  CONFLICT: {
    surface: 'graphql',
    meaning: 'The change clashes with existing data (for example a duplicate name or code).',
    remedy: 'Choose another value or change the existing object.',
  },
  INVALID_STRAPPING_TABLE: {
    surface: 'graphql',
    meaning: 'A strapping table must start at level 0, rise strictly in level and never fall in volume.',
    remedy: 'Send the calibration points sorted by level, as printed on the tank calibration certificate.',
  },
  INVALID_ALARM_TRANSITION: {
    surface: 'graphql',
    meaning:
      'The alarm cannot move to that state from its current state: an alarm is acknowledged once (ACTIVE → ACKNOWLEDGED, CLEARED_UNACKNOWLEDGED → CLEARED); `extensions.state` gives its state.',
    remedy: 'Reload the alarm and act on its current state.',
  },
  DEVICE_NOT_BOUND: {
    surface: 'graphql',
    meaning: 'The device is bound to no IoT gateway, so no command or desired state can reach it.',
    remedy: 'Bind the device to the gateway it is wired to (`bindDevice` or `importDevices`), then try again.',
  },
  INTERLOCK_ACTIVE: {
    surface: 'graphql',
    meaning:
      'A safety interlock holds the valve closed: the gas detector that tripped it (`extensions.detectorId`) still reads at or above its first alarm level, or cannot be read (`extensions.lelPercent`, null when unknown).',
    remedy: 'Find and stop the leak, reset on site, and open the valve once the detector reads below its first level.',
  },
  UNKNOWN_DEVICE_KIND: {
    surface: 'graphql',
    meaning: 'No twin kind of that name is registered in this service: nothing models its devices (`extensions.kind`).',
    remedy: 'Use one of the kinds the `DeviceKind` enum lists with a twin (tank, detector, valve); the others are stored as sent until their domain lands.',
  },
  INVALID_COMMAND_TRANSITION: {
    surface: 'graphql',
    meaning: 'Only a PENDING or SENT command that has not expired can be cancelled; `extensions.status` gives its status.',
    remedy: 'Reload the command; to change what a device does now, set new desired state instead.',
  },
  INSUFFICIENT_FUNDS: {
    surface: 'graphql',
    meaning:
      'The posting would take the account below its credit limit (`extensions.accountId`, `balanceMinor`, `creditLimitMinor`, `amountMinor`); nothing was posted.',
    remedy: 'Top the account up first, or ask for a smaller amount.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    surface: 'graphql',
    meaning:
      'This idempotency key was already used for a different request (another account, amount or kind); the earlier posting stands and nothing new was posted.',
    remedy: 'Send a new idempotency key for a new request; repeat a request only with exactly the same fields and key.',
  },
  CUSTOMER_BLACKLISTED: {
    surface: 'graphql',
    meaning: 'The customer is on the blacklist and is refused service (`extensions.customerId`, `reason`).',
    remedy: 'Settle the reason with the customer, then take them off the blacklist (`unblacklistCustomer`) before serving them.',
  },
  INVALID_ORDER_TRANSITION: {
    surface: 'graphql',
    meaning:
      'The service order cannot do that from its current status (`extensions.status`, `extensions.action`): RECEIVED → ASSIGNED → DISPATCHED → DELIVERED or COMPLETED (desk work from ASSIGNED); FAILED, CANCELLED or a reclassification only while open; re-routing only before dispatch.',
    remedy: 'Reload the order and act on its current status; a closed order is final, so open a new one.',
  },
  INVALID_CYLINDER_TRANSITION: {
    surface: 'graphql',
    meaning:
      'That cannot happen to the cylinder in its present state (a scrapped cylinder is handed over, a full one sent to inspection); `extensions.reason` says why.',
    remedy: 'Read the cylinder’s `state` and `history`; record the step that comes first (take it back, receive the transfer) and try again.',
  },
  INVALID_TRANSFER_TRANSITION: {
    surface: 'graphql',
    meaning:
      'The transfer order is not in a state that allows this step (loading after dispatch, signing for one never dispatched); `extensions.state` is its state.',
    remedy: 'Read the order; take the steps in order: load, dispatch, sign off, close.',
  },
  TRANSFER_SCAN_REFUSED: {
    surface: 'graphql',
    meaning:
      'A scanned cylinder cannot go onto (or be signed for on) this transfer order; nothing was changed. `extensions.reason` says why: ALREADY_ON_ORDER, ON_ANOTHER_ORDER, NOT_AVAILABLE (not in stock), WRONG_SITE, WRONG_CONTENT (full on an empty order or the reverse), SPEC_NOT_ON_ORDER, OVER_PLANNED (beyond a line’s planned quantity), NOT_ON_ORDER (unscanned or signed for, never loaded); `extensions.serial` names the cylinder.',
    remedy: 'Set the cylinder aside (or fix the order’s lines) and scan the rest again.',
  },
  HAZARD_NOT_CONFIRMED: {
    surface: 'graphql',
    meaning: 'A gas-smell order is completed only once the person on site confirms the hazard is controlled (`hazardControlled: true`); nothing was changed.',
    remedy:
      'Make the site safe (valve closed, area ventilated, leak stopped), then complete with `hazardControlled: true`; if it cannot be made safe, keep the order open and escalate.',
  },
  LIMIT_EXCEEDED: {
    surface: 'graphql',
    meaning: 'The request asks for more than a configured limit allows (page size, history points, subscription ids).',
    remedy: 'Ask for less: page with `first`/`after`, narrow the time range or pick a coarser resolution.',
  },
  UNAUTHENTICATED: {
    surface: 'graphql',
    meaning:
      'The operation needs a signed-in user or an API key and none valid was sent, or the session has expired or ended; `extensions.reason` says which (`missing`, `invalid`, `expired`, `ended`).',
    remedy:
      'Send `Authorization: Bearer <access token or API key>` (graphql-ws: `{"authorization": …}` in `connection_init`); refresh an expired session with `refreshSession`, or log in again.',
  },
  INVALID_CREDENTIALS: {
    surface: 'graphql',
    meaning: 'Login failed: no active user has that email and password. The message never says which was wrong.',
    remedy: 'Check both; repeated failures lock the account for a while.',
  },
  ACCOUNT_LOCKED: {
    surface: 'graphql',
    meaning: 'Too many failed logins for this account; `extensions.retryAfterSeconds` says when it may try again.',
    remedy: 'Wait, or ask an admin to reset the password.',
  },
  FORBIDDEN: {
    surface: 'graphql',
    meaning: 'You are authenticated but your role or key lacks the scope a field needs; `extensions.requiredScope` and `extensions.path` name it.',
    remedy: 'Ask an admin for a role or key with that scope, or leave the field out.',
  },
  API_KEY_INVALID: {
    surface: 'graphql',
    meaning: 'The API key is malformed, unknown, or its secret does not match.',
    remedy: 'Send the whole key exactly as shown when it was created (`hk_…`).',
  },
  API_KEY_EXPIRED: {
    surface: 'graphql',
    meaning: 'The API key passed its expiry (or the grace period after a rotation ended).',
    remedy: 'Use the key that replaced it, or ask an admin for a new one.',
  },
  API_KEY_REVOKED: {
    surface: 'graphql',
    meaning: 'An admin revoked the API key; its open subscriptions were closed.',
    remedy: 'Ask an admin for a new key.',
  },
  API_KEY_NOT_ALLOWED_HERE: {
    surface: 'graphql',
    meaning: 'The API key may not be used from this origin or IP address (`extensions.origin` / `extensions.ip`).',
    remedy: 'Call from an allowed origin or address, or ask an admin to allow it.',
  },
  RATE_LIMITED: {
    surface: 'graphql',
    meaning: "Too many operations for this key's rate limit; HTTP 429 with `Retry-After` and `RateLimit-*` headers, `extensions.retryAfterSeconds`.",
    remedy: 'Wait as long as `Retry-After` says, then spread requests out.',
  },
  QUOTA_EXCEEDED: {
    surface: 'graphql',
    meaning: 'The key used its daily quota (operations plus subscription events, UTC day); its subscriptions were closed.',
    remedy: 'Wait for the next UTC day, or ask an admin for a larger quota.',
  },
  TOO_MANY_SUBSCRIPTIONS: {
    surface: 'graphql',
    meaning:
      'The graphql-ws connection, or the user or API key across its connections, already holds the most subscriptions allowed; `extensions.limit` says which (`connection`, `principal`) and `extensions.max` how many. Sent as the graphql-ws `error` of that subscription; the others go on.',
    remedy: 'Complete subscriptions you no longer need, or watch several entities with one subscription (for example `tankChanged(tankIds: [...])`).',
  },
  SIGNED_CONTEXT_REQUIRED: {
    surface: 'graphql',
    meaning: 'A subgraph was called without a valid signed context from the gateway (HTTP 401; graphql-ws close 4401).',
    remedy: 'Call the gateway, not the subgraph.',
  },
  OPERATION_TOO_COMPLEX: {
    surface: 'graphql',
    meaning:
      'The operation exceeds a limit on depth, aliases, tokens or cost; `extensions.limit`, `extensions.value` and `extensions.max` say which and by how much.',
    remedy: 'Split the operation, ask for fewer items per page, or drop aliases.',
  },
  TRUSTED_DOCUMENT_REQUIRED: {
    surface: 'graphql',
    meaning: 'This key may run registered operations only, and the one sent is not registered for its tenant.',
    remedy: 'Send the id (`extensions.persistedQuery.sha256Hash` or `documentId`) of a registered operation, or ask an admin to register it.',
  },
  INTROSPECTION_DISABLED: {
    surface: 'graphql',
    meaning: 'Schema introspection is turned off in this environment.',
    remedy: 'Use the published schema (SDL) of this release instead.',
  },
  UPSTREAM_UNAVAILABLE: {
    surface: 'graphql',
    meaning: 'A subgraph behind the gateway did not answer.',
    remedy: 'Retry with back-off; check `/readyz` of the gateway.',
  },
  INTERNAL_SERVER_ERROR: {
    surface: 'graphql',
    meaning: 'An unexpected failure; details are in the server log under the request id.',
    remedy: 'Retry; report the request id if it persists.',
  },
  MQTT_BAD_CREDENTIALS: {
    surface: 'mqtt',
    meaning: 'CONNECT refused: unknown gateway id or wrong secret (CONNACK 4).',
    remedy: 'Use the gateway id as username and the secret issued at provisioning as password.',
  },
  MQTT_TOPIC_INVALID: {
    surface: 'mqtt',
    meaning: 'The topic is not of the form `hearth/v1/{gatewayId}/{kind}/{deviceId}/{telemetry|event|command/ack}`.',
    remedy: 'Publish to a topic of the documented form.',
  },
  MQTT_TOPIC_FORBIDDEN: {
    surface: 'mqtt',
    meaning: "The client published under another gateway's topics (the connection is closed) or subscribed to them (the SUBACK refuses it).",
    remedy: 'Publish only under your own gateway id and subscribe only to your own command topics.',
  },
  MQTT_BAD_JSON: {
    surface: 'mqtt',
    meaning: 'The payload is not UTF-8 JSON (an object or an array of objects).',
    remedy: 'Send JSON such as `{"ts":"2026-11-21T08:00:00Z","seq":17,"levelMm":1834.2}`.',
  },
  MQTT_SCHEMA_VIOLATION: {
    surface: 'mqtt',
    meaning: 'The JSON does not match the message schema of the device kind (unknown or mistyped field, bad `ts`/`seq`).',
    remedy: 'Send only the documented metrics with numeric values; `ts` as ISO-8601 or epoch ms; `seq` a non-negative integer.',
  },
  MQTT_CLOCK_AHEAD: {
    surface: 'mqtt',
    meaning:
      'A sample carried a `ts` further ahead of the server clock than the allowed skew (5 minutes by default). The reading was kept and stored at its receive time; a device clock can neither write the future into history nor hold back later readings and their alarms (docs/adr/0008-device-time.md).',
    remedy: 'Synchronise the device or gateway clock (NTP, or the time in its commissioning settings).',
  },
  MQTT_PAYLOAD_TOO_LARGE: {
    surface: 'mqtt',
    meaning: 'The payload or batch exceeds the configured size or sample count.',
    remedy: 'Split the batch into smaller messages.',
  },
  MQTT_UNKNOWN_DEVICE: {
    surface: 'mqtt',
    meaning: 'No device of that kind and id is registered.',
    remedy: 'Provision the device first, then publish.',
  },
  MQTT_NOT_BOUND: {
    surface: 'mqtt',
    meaning: 'The device exists but is bound to another gateway.',
    remedy: 'Rebind the device to this gateway, or publish through the gateway it is bound to.',
  },
  MQTT_DUPLICATE: {
    surface: 'mqtt',
    meaning: 'A sample with a `seq` at or below the last stored one (a QoS 1 redelivery) was dropped; it is already stored.',
    remedy: 'Nothing: this is how retransmissions are made harmless. Keep `seq` increasing per device.',
  },
  MQTT_STORE_FAILED: {
    surface: 'mqtt',
    meaning: 'The sample could not be stored; it was not acknowledged and the connection is closed so the client retransmits.',
    remedy: 'Nothing on the client side: MQTT retransmission delivers it again once storage recovers.',
  },
  MQTT_IDENTIFIER_REJECTED: {
    surface: 'mqtt',
    meaning: 'CONNECT refused with CONNACK 2: an empty client id with clean session 0 [MQTT-3.1.3-8], or a client id longer than MQTT 3.1 allows.',
    remedy: 'Send a client id of your own (e.g. `<gatewayId>-main`) when you want a persistent session; an empty one only with clean session 1.',
  },
  MQTT_PROTOCOL_VIOLATION: {
    surface: 'mqtt',
    meaning:
      'A packet broke MQTT 3.1.1 (a packet before CONNECT, a second CONNECT, reserved flags or packet types, QoS 3, a malformed length or string); the connection is closed and the detail names the rule.',
    remedy: 'Use a conforming MQTT 3.1.1 client library; send CONNECT first and wait for its CONNACK.',
  },
  MQTT_UNSUPPORTED_PROTOCOL: {
    surface: 'mqtt',
    meaning: 'CONNECT asked for a protocol level other than MQTT 3.1 or 3.1.1 (e.g. MQTT 5): CONNACK 1.',
    remedy: 'Connect with MQTT 3.1.1 (protocol level 4).',
  },
  MQTT_CONNECT_TIMEOUT: {
    surface: 'mqtt',
    meaning: 'The connection sent no complete CONNECT within the connect timeout and was closed.',
    remedy: 'Send CONNECT as soon as the connection (and TLS handshake) is up.',
  },
  MQTT_KEEPALIVE_TIMEOUT: {
    surface: 'mqtt',
    meaning: 'Nothing arrived for 1.5 × the keep-alive the client announced, so the connection was closed [MQTT-3.1.2-24].',
    remedy: 'Send PINGREQ within the keep-alive period, or announce a longer keep-alive.',
  },
  MQTT_PRE_AUTH_LIMIT: {
    surface: 'mqtt',
    meaning: 'A connection sent more than the few kilobytes allowed before its CONNECT was accepted; it was closed without buffering it.',
    remedy: 'Send CONNECT (small: id, credentials, Last Will) and wait for the CONNACK before publishing.',
  },
  MQTT_CONNECTION_RATE_LIMITED: {
    surface: 'mqtt',
    meaning: 'Too many new connections from one source address; the connection was closed at once.',
    remedy: 'Reconnect with back-off (doubling, with jitter) instead of at once.',
  },
  MQTT_AUTH_THROTTLED: {
    surface: 'mqtt',
    meaning: 'Too many failed CONNECTs from one source address: further ones are refused with CONNACK 5 without checking the secret, for a while.',
    remedy: 'Fix the gateway id and secret, then wait for the throttle to clear before connecting again.',
  },
  MQTT_AUTH_BUSY: {
    surface: 'mqtt',
    meaning: 'Too many secret checks are waiting across the broker: the CONNECT was refused with CONNACK 3 (server unavailable) without checking it.',
    remedy: 'Reconnect with back-off (doubling, with jitter).',
  },
  MQTT_SUBSCRIPTION_LIMIT: {
    surface: 'mqtt',
    meaning: 'The connection already holds the most subscriptions allowed; further filters get SUBACK 0x80.',
    remedy: 'Subscribe with one wildcard filter (`hearth/v1/{gatewayId}/+/+/command`) instead of one per device.',
  },
  MQTT_SUBSCRIBE_RATE_LIMITED: {
    surface: 'mqtt',
    meaning: 'The connection sent SUBSCRIBE packets faster than allowed and was closed.',
    remedy: 'Subscribe once after connecting (many filters fit in one SUBSCRIBE); do not repeat it.',
  },
} as const satisfies Record<string, ErrorCodeSpec>;

export type ErrorCode = keyof typeof errorCodes;
export type MqttRejectionReason = {
  [K in ErrorCode]: (typeof errorCodes)[K]['surface'] extends 'mqtt' ? K : never;
}[ErrorCode];
