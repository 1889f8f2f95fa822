import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isLeafType,
  Kind,
  parse,
  type GraphQLObjectType,
  type GraphQLSchema,
  type IntrospectionQuery,
  type ObjectTypeDefinitionNode,
} from 'graphql';
import { createClient } from 'graphql-ws';
import mqtt from 'mqtt';
import WebSocket from 'ws';
import { createUser, ensureTenant } from '@hearth/gateway';
import { bindDevice, provisionGateway } from '@hearth/broker';
import { CONTEXT_HEADER, ContextSigner } from '@hearth/platform';
import { graphqlData, graphqlHttp, type GraphQLResponse } from '@hearth/testkit/graphql-http';
import { schemaSamples } from '@hearth/testkit/schema-samples';
import { probeOperations, type ProbeOperation } from '@hearth/testkit/schema-walker';
import { startTestStack, type TestStack } from '@hearth/testkit/test-stack';
import { waitUntil } from '@hearth/testkit/eventually';

/**
 * Tenant A (the demo company) tries to read or change tenant B's data through every root
 * field of the API, every entity reference of every subgraph and every subscription, by id,
 * by list and by reference. The operations are generated from the schema, so a field added
 * tomorrow is probed without touching this file; one the walker cannot fill fails here.
 */
const RIVAL = '22222222-2222-4222-8222-222222222222';
const RIVAL_ADMIN = { email: 'admin@rival.example', password: 'rival admin password' };
/** Strings only tenant B's data contains. */
const MARKERS = ['Rival secret', 'rival.example', 'rival-gw', '139****4321'];

let stack: TestStack;
let schema: GraphQLSchema;
let rival: { authorization: string };
const ids: Record<string, string> = {};
let rivalKeyPrefix = '';

const as = (auth: { authorization: string }, query: string, variables: Record<string, unknown> = {}) => graphqlHttp(stack.urls.graphql, query, variables, auth);

async function login(credentials: { email: string; password: string }) {
  const { login } = await graphqlData<{ login: { accessToken: string } }>(
    stack.urls.graphql,
    'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }',
    credentials,
  );
  return { authorization: `Bearer ${login.accessToken}` };
}

/** Tenant B's data as B sees it: must be the same before and after A's attempts. */
const RIVAL_VIEW = `{
  sites { edges { node { id name code } } }
  tanks { edges { node { id name capacityLiters strappingTable { version } twin { levelMm version desired { inletValveOpen } } } } }
  apiKeys { edges { node { id name revokedAt expiresAt scopes } } }
  users { id email role }
  trustedDocuments { sha256 }
  gateways { edges { node { id name secretRotatedAt deviceCount } } }
  devices { edges { node { kind id gatewayId } } }
  commands { edges { node { id status } } }
  detectors { edges { node { id levels { firstLel } valve { id twin { desiredOpen interlock { detectorId } } } } } }
  valves { totalCount }
  fleetAuditLog { totalCount }
  customers { edges { node { id name status blacklistReason phones account { balanceMinor creditLimitMinor entries { totalCount } } history { totalCount } gasPermits { revokedAt } contracts { terminatedAt } } } }
  serviceOrders { edges { node { id number type status reason assignee store { id } deadline events { kind } } } }
  cylinders(first: 10) { edges { node { id serial state location { id } holder { id } history(first: 5) { totalCount } } } }
  transferOrders(first: 10) { edges { node { id state } } }
  fillingOrders(first: 10) { edges { node { id closedAt } } }
  fillingScales { id name }
  meters(first: 5) { edges { node { id name supplyProtected balanceMinor tariff { id } twin { registerKwh relay { intended } } } } }
  tariffs(first: 5) { edges { node { id name versions { effectiveFrom } } } }
}`;

/**
 * B's secrets anywhere in the response, or B's ids in its data (an error may echo the id A sent:
 * a marker that is also an id A sent, such as B's gateway id, counts only where A did not send it).
 */
function leaks(response: unknown, sent: unknown = {}): string[] {
  const body = response as GraphQLResponse<unknown>;
  const text = JSON.stringify(body);
  const data = JSON.stringify(body?.data ?? null);
  const echoed = JSON.stringify(sent);
  return [
    ...MARKERS.filter((m) => (echoed.includes(m) ? data.includes(m) : text.includes(m))),
    ...(rivalKeyPrefix && text.includes(rivalKeyPrefix) ? [rivalKeyPrefix] : []),
    ...Object.values(ids).filter((id) => data.includes(id)),
  ];
}

beforeAll(async () => {
  stack = await startTestStack();
  await ensureTenant(stack.db, RIVAL, 'Rival Gas');
  const rivalAdmin = await createUser(stack.db, RIVAL, { ...RIVAL_ADMIN, name: 'Rival secret admin', role: 'ADMIN' }, 'system');
  ids.User = rivalAdmin.id;
  rival = await login(RIVAL_ADMIN);
  const rivalGql = <T>(query: string, variables: Record<string, unknown> = {}) => graphqlData<T>(stack.urls.graphql, query, variables, rival);
  const { createSite } = await rivalGql<{ createSite: { id: string } }>(
    'mutation { createSite(input: { code: "RIVAL-1", name: "Rival secret depot" }) { id } }',
  );
  ids.Site = createSite.id;
  const { createTank } = await rivalGql<{ createTank: { id: string } }>(
    'mutation($site: ID!) { createTank(input: { siteId: $site, name: "Rival secret tank", product: "LPG", capacityLiters: 20000, densityKgPerL: 0.51, alarmLevels: { highHighMm: 1000 } }) { id } }',
    { site: createSite.id },
  );
  ids.Tank = createTank.id;
  await rivalGql(
    'mutation($tank: ID!) { setStrappingTable(tankId: $tank, input: { points: [{ levelMm: 0, volumeLiters: 0 }, { levelMm: 2000, volumeLiters: 20000 }] }) { version } }',
    {
      tank: createTank.id,
    },
  );
  const { createApiKey } = await rivalGql<{ createApiKey: { apiKey: { id: string; prefix: string } } }>(
    'mutation { createApiKey(input: { name: "Rival secret key", scopes: ["*:read"] }) { apiKey { id prefix } } }',
  );
  ids.ApiKey = createApiKey.apiKey.id;
  rivalKeyPrefix = createApiKey.apiKey.prefix;
  await rivalGql('mutation { registerTrustedDocument(body: "{ tanks { totalCount } }", name: "Rival secret document") { sha256 } }');
  // B's own IoT gateway reports B's tank, so B has a live twin with history.
  const gateway = await provisionGateway(stack.db, { id: 'rival-gw', tenantId: RIVAL, name: 'Rival secret gateway' });
  await bindDevice(stack.db, { kind: 'tank', id: createTank.id, tenantId: RIVAL, gatewayId: gateway.id });
  await publishRival(gateway.secret, 1234.5);
  (stack as TestStack & { rivalSecret: string }).rivalSecret = gateway.secret;
  ids.Gateway = gateway.id;
  ids.Device = createTank.id;
  // B's gas detector, bound to B's valve, both behind B's gateway.
  ids.Valve = 'rival-valve-7';
  ids.Detector = 'rival-detector-7';
  await bindDevice(stack.db, { kind: 'valve', id: ids.Valve, tenantId: RIVAL, gatewayId: gateway.id });
  await bindDevice(stack.db, { kind: 'detector', id: ids.Detector, tenantId: RIVAL, gatewayId: gateway.id });
  // B's filling station and scale on its registry, the scale bound as B's device (its twin, `scale`, `scaleTwinChanged`).
  await rivalGql('mutation($s: ID!) { saveFillingStation(input: { siteId: $s, company: "RIVAL-GAS" }) { siteId } }', { s: ids.Site });
  const { registerFillingScale } = await rivalGql<{ registerFillingScale: { id: string } }>(
    'mutation($s: ID!) { registerFillingScale(input: { id: "rival-scale-7", stationId: $s, name: "Rival secret scale" }) { id } }',
    { s: ids.Site },
  );
  ids.FillingScale = registerFillingScale.id;
  ids.Scale = ids.FillingScale;
  await bindDevice(stack.db, { kind: 'scale', id: ids.FillingScale, tenantId: RIVAL, gatewayId: gateway.id });
  // B's cylinders: one in full stock, one handed to B's customer below; a transfer order and a filling order.
  const rivalCylinder = async (serial: string) =>
    (
      await rivalGql<{ registerCylinder: { id: string } }>('mutation($i: RegisterCylinderInput!) { registerCylinder(input: $i) { id } }', {
        i: {
          serial,
          tag: `RIVAL-TAG-${serial}`,
          specCode: 'YSP35.5',
          manufacturer: 'Rival secret works',
          manufacturedOn: '2024-01-01',
          ownerCompany: 'RIVAL-GAS',
          locationSiteId: ids.Site,
        },
      })
    ).registerCylinder.id;
  ids.Cylinder = await rivalCylinder('RIVAL-0001');
  const handedCylinder = await rivalCylinder('RIVAL-0002');
  // Filled on B's line (as its fill intake records it), then into full stock.
  await stack.db.query(`UPDATE cylinders.cylinder SET state = 'FILLED' WHERE id = ANY($1::uuid[])`, [[ids.Cylinder, handedCylinder]]);
  for (const id of [ids.Cylinder, handedCylinder])
    await rivalGql('mutation($c: ID!, $s: ID!) { stockCylinderIn(id: $c, content: FULL, siteId: $s) { id } }', { c: id, s: ids.Site });
  const { createSite: rivalStore } = await rivalGql<{ createSite: { id: string } }>(
    'mutation { createSite(input: { code: "RIVAL-2", name: "Rival secret store" }) { id } }',
  );
  const { createTransferOrder } = await rivalGql<{ createTransferOrder: { id: string } }>(
    'mutation($f: ID!, $t: ID!) { createTransferOrder(input: { type: FULL_OUT, fromSiteId: $f, toSiteId: $t, lines: [{ specCode: "YSP35.5", planned: 2 }] }) { id } }',
    { f: ids.Site, t: rivalStore.id },
  );
  ids.TransferOrder = createTransferOrder.id;
  const { openFillingOrder } = await rivalGql<{ openFillingOrder: { id: string } }>(
    'mutation($s: ID!) { openFillingOrder(input: { stationId: $s, shiftDate: "2099-01-01", shift: "DAY", specCode: "YSP35.5" }) { id } }',
    { s: ids.Site },
  );
  ids.FillingOrder = openFillingOrder.id;
  await rivalGql('mutation($d: ID!, $v: ID!) { configureDetector(detectorId: $d, input: { valveId: $v, firstLel: 15 }) { id } }', {
    d: ids.Detector,
    v: ids.Valve,
  });
  // B's level is above its high-high set point: B has an alarm (stored with the reading, before the PUBACK).
  const [alarm] = await stack.db.query<{ id: string }>('SELECT id FROM twins.alarm WHERE tenant_id = $1', [RIVAL]);
  ids.Alarm = alarm!.id;
  // A command for B's tank, waiting for B's gateway (which is offline now).
  const { setTankDesiredState } = await rivalGql<{ setTankDesiredState: { id: string; status: string } }>(
    'mutation($tank: ID!) { setTankDesiredState(tankId: $tank, input: { inletValveOpen: false }) { id status } }',
    { tank: createTank.id },
  );
  expect(setTankDesiredState.status).toBe('PENDING');
  ids.Command = setTankDesiredState.id;
  // B's customer with a wallet B topped up.
  const { createCustomer } = await rivalGql<{ createCustomer: { id: string; account: { id: string } } }>(
    'mutation { createCustomer(input: { type: COMMERCIAL, name: "Rival secret restaurant", phones: ["13987654321"] }) { id account { id } } }',
  );
  ids.Customer = createCustomer.id;
  ids.Account = createCustomer.account.id;
  const { topUpAccount } = await rivalGql<{ topUpAccount: { journalId: string } }>(
    'mutation($a: ID!) { topUpAccount(input: { accountId: $a, amountMinor: 5000, idempotencyKey: "rival-1", method: CASH }) { journalId } }',
    { a: ids.Account },
  );
  // Journals are what a reversal names: B's top-up.
  ids.Journal = topUpAccount.journalId;
  const { recordContract } = await rivalGql<{ recordContract: { id: string } }>(
    'mutation($c: ID!) { recordContract(customerId: $c, input: { number: "RIVAL-K1", validFrom: "2026-01-01", validUntil: "2027-01-01", payment: CREDIT, creditLimitMinor: 100000, billing: BY_CYLINDER }) { id } }',
    { c: ids.Customer },
  );
  ids.Contract = recordContract.id;
  const { issueGasPermit } = await rivalGql<{ issueGasPermit: { id: string } }>(
    'mutation($c: ID!) { issueGasPermit(customerId: $c, input: { number: "RIVAL-P1", validUntil: "2099-01-01" }) { id } }',
    { c: ids.Customer },
  );
  ids.GasPermit = issueGasPermit.id;
  // Supply stations and stores are sites.
  ids.Station = ids.Site;
  ids.Store = rivalStore.id;
  // B's service order: a delivery to B's restaurant from B's depot, with B's phone.
  const { createServiceOrder } = await rivalGql<{ createServiceOrder: { id: string } }>(
    'mutation($c: ID!, $s: ID!) { createServiceOrder(input: { type: DELIVERY, customerId: $c, storeId: $s, requestedDate: "2099-01-01", timeSlot: "09:00-12:00", notes: "Rival secret delivery" }) { id } }',
    { c: ids.Customer, s: ids.Store },
  );
  ids.ServiceOrder = createServiceOrder.id;
  // B's customer holds one of B's cylinders, on loan.
  const { handOverCylinder } = await rivalGql<{ handOverCylinder: { id: string } }>(
    'mutation($c: ID!, $cust: ID!, $s: ID!) { handOverCylinder(input: { cylinderId: $c, customerId: $cust, storeId: $s, loanDueOn: "2099-01-01", idempotencyKey: "rival-loan-1" }) { id } }',
    { c: handedCylinder, cust: ids.Customer, s: ids.Site },
  );
  ids.CylinderHandover = handOverCylinder.id;
  // B's fuel station, its pump (a device behind B's gateway), B's customer's card and B's fleet's master card.
  await rivalGql('mutation($s: ID!) { saveFuelStation(input: { siteId: $s }) { id } }', { s: ids.Site });
  ids.FuelStation = ids.Site;
  const { registerPump } = await rivalGql<{ registerPump: { id: string } }>(
    'mutation($s: ID!) { registerPump(input: { id: "rival-pump-7", stationId: $s, dispenser: "1", name: "Rival secret pump", nozzles: [{ number: 1, gradeCode: "92#" }] }) { id } }',
    { s: ids.Site },
  );
  ids.Pump = registerPump.id;
  await bindDevice(stack.db, { kind: 'pump', id: ids.Pump, tenantId: RIVAL, gatewayId: gateway.id });
  const issueCard = (input: string, variables: Record<string, unknown>) =>
    rivalGql<{ issueFuelCard: { id: string } }>(`mutation($c: ID!) { issueFuelCard(input: ${input}) { id } }`, variables);
  ids.FuelCard = (await issueCard('{ cardNumber: "8800000000000001", kind: NAMED, customerId: $c }', { c: ids.Customer })).issueFuelCard.id;
  ids.Card = ids.FuelCard;
  ids.MasterCard = (await issueCard('{ cardNumber: "8800000000000002", kind: MASTER, customerId: $c }', { c: ids.Customer })).issueFuelCard.id;
  const { setFuelPrice } = await rivalGql<{ setFuelPrice: { id: string } }>(
    // Scheduled far ahead: a price in effect now would send B's pump a command of B's own while A probes.
    'mutation($s: ID!) { setFuelPrice(input: { gradeCode: "92#", stationId: $s, unitPriceMinor: 699, effectiveAt: "2099-01-01T00:00:00Z" }) { id } }',
    { s: ids.Site },
  );
  ids.FuelPrice = setFuelPrice.id;
  // B's shop meter on B's tariff, paid from B's customer's wallet, behind B's gateway (its twin, `meterTwinChanged`).
  const { createTariff } = await rivalGql<{ createTariff: { id: string } }>(
    'mutation { createTariff(input: { kind: ELECTRICITY, name: "Rival secret tariff", version: { type: FLAT, unitPrice: "0.5283" } }) { id } }',
  );
  ids.Tariff = createTariff.id;
  const { registerMeter } = await rivalGql<{ registerMeter: { id: string } }>(
    'mutation($s: ID!) { registerMeter(input: { kind: ELECTRICITY, serial: "990000000001", name: "Rival secret meter", siteId: $s }) { id } }',
    { s: ids.Site },
  );
  ids.Meter = registerMeter.id;
  await rivalGql('mutation($m: ID!, $c: ID!, $t: ID!) { bindMeter(meterId: $m, customerId: $c, tariffId: $t) { id } }', {
    m: ids.Meter,
    c: ids.Customer,
    t: ids.Tariff,
  });
  await bindDevice(stack.db, { kind: 'meter', id: ids.Meter, tenantId: RIVAL, gatewayId: gateway.id });
  // B's meter reports (its twin and its first reading stored) before B's view is taken.
  await publishRival(gateway.secret, 1234.5);
  await waitUntil('B’s meter twin', async () => {
    const [row] = await stack.db.query('SELECT 1 FROM twins.meter_reading WHERE tenant_id = $1 AND meter_id = $2', [RIVAL, ids.Meter]);
    return Boolean(row);
  });

  const { data } = await as(stack.auth, getIntrospectionQuery());
  schema = buildClientSchema(data as unknown as IntrospectionQuery);
});
afterAll(() => stack?.destroy());

async function publishRival(secret: string, levelMm: number) {
  const client = await mqtt.connectAsync(stack.urls.mqtt, { username: 'rival-gw', password: secret, reconnectPeriod: 0 });
  await client.publishAsync(`hearth/v1/rival-gw/tank/${ids.Tank}/telemetry`, JSON.stringify({ levelMm, temperatureC: 15 }), { qos: 1 });
  if (ids.Detector)
    await client.publishAsync(`hearth/v1/rival-gw/detector/${ids.Detector}/telemetry`, JSON.stringify({ lelPercent: levelMm / 100 }), { qos: 1 });
  if (ids.Meter)
    await client.publishAsync(`hearth/v1/rival-gw/meter/${ids.Meter}/telemetry`, JSON.stringify({ registerKwh: levelMm, relay: 'CLOSED' }), { qos: 1 });
  await client.endAsync();
}

describe('tenant A cannot reach tenant B', () => {
  let operations: ProbeOperation[];
  let before: unknown;

  beforeAll(async () => {
    operations = probeOperations(schema, { ids, samples: schemaSamples });
    const view = await as(rival, RIVAL_VIEW);
    expect(view.errors ?? []).toEqual([]);
    before = view.data;
    expect(JSON.stringify(before)).toContain('Rival secret tank');
  });

  it('covers every root field of the schema', () => {
    const fields = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((t) =>
      Object.keys(t?.getFields() ?? {})
        .filter((f) => !f.startsWith('_'))
        .map((f) => `${t!.name}.${f}`),
    );
    expect(operations.map((o) => o.field).sort()).toEqual(fields.sort());
    expect(operations.length).toBeGreaterThan(15);
  });

  it('queries: by id, by list, nested — nothing of B comes back', async () => {
    for (const op of operations.filter((o) => o.kind === 'query')) {
      const res = await as(stack.auth, op.query, op.variables);
      // Each probe must really run: a malformed one would prove nothing.
      expect(res.errors ?? [], `${op.field}: ${op.query}`).toEqual([]);
      expect(leaks(res, op.variables), `${op.field}: ${op.query}`).toEqual([]);
    }
  });

  it("mutations: every change aimed at B's data is refused as not found, and B's data is unchanged", async () => {
    for (const op of operations.filter((o) => o.kind === 'mutation')) {
      // A fresh session each time: one of them is logout.
      const res = await as(await login(stack.demo.admin), op.query, op.variables);
      expect(leaks(res, op.variables), `${op.field}: ${JSON.stringify(res)}`).toEqual([]);
      if (op.targetsIds) {
        const codes = (res.errors ?? []).map((e) => e.extensions?.code);
        expect(codes, `${op.field} must be refused (add a valid sample if it failed validation instead): ${JSON.stringify(res)}`).toEqual(['NOT_FOUND']);
      }
    }
    expect((await as(rival, RIVAL_VIEW)).data).toEqual(before);
  });

  it("subscriptions: A subscribed to B's ids gets no event of B's", async () => {
    const client = createClient({ url: stack.urls.ws, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: stack.auth });
    const received: unknown[] = [];
    const stops = operations
      .filter((o) => o.kind === 'subscription')
      .map((op) =>
        client.subscribe(
          { query: op.query, variables: op.variables },
          { next: (r) => received.push(r), error: (e) => received.push({ error: e }), complete: () => {} },
        ),
      );
    await new Promise((resolve) => setTimeout(resolve, 300));
    await publishRival((stack as TestStack & { rivalSecret: string }).rivalSecret, 1500);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    stops.forEach((stop) => stop());
    await client.dispose();
    expect(received.flatMap(leaks)).toEqual([]);
    expect(received.filter((r) => (r as { data?: unknown }).data)).toEqual([]);
  });

  it('entity references: every subgraph resolves B’s entities to null for A, even called directly with A’s signed context', async () => {
    const signer = new ContextSigner(stack.contextKeys.privateKeyPem);
    const context = await signer.sign({ tenantId: stack.demo.tenantId, requestId: 'cross-tenant', principal: { kind: 'user', id: 'a' }, scopes: ['*:read'] });
    const headers = { [CONTEXT_HEADER]: context };
    let probed = 0;
    for (const url of [
      stack.tanks.graphqlUrl,
      stack.twins.graphqlUrl,
      stack.twins.fleet.graphqlUrl,
      stack.customers.graphqlUrl,
      stack.cylinders.graphqlUrl,
      stack.fueling.graphqlUrl,
      stack.metering.graphqlUrl,
    ]) {
      const { _service } = await graphqlData<{ _service: { sdl: string } }>(url, '{ _service { sdl } }', {}, headers);
      const entities = parse(_service.sdl).definitions.filter(
        (d): d is ObjectTypeDefinitionNode =>
          (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION) && Boolean(d.directives?.some((x) => x.name.value === 'key')),
      );
      for (const entity of entities) {
        const id = ids[entity.name.value];
        expect(id, `no tenant-B id for entity ${entity.name.value}: add one to this test`).toBeDefined();
        const apiType = schema.getType(entity.name.value) as GraphQLObjectType;
        // Of a nested type, only the leaves this subgraph defines (another subgraph's entity is a stub here: its key).
        const own = (name: string) =>
          new Set(
            parse(_service.sdl)
              .definitions.filter((d): d is ObjectTypeDefinitionNode => 'name' in d && d.name?.value === name && 'fields' in d)
              .flatMap((d) => (d.fields ?? []).map((f) => f.name.value)),
          );
        const leaves = (type: GraphQLObjectType) =>
          Object.values(type.getFields())
            .filter((f) => !f.args.length && isLeafType(getNamedType(f.type)) && own(type.name).has(f.name))
            .map((f) => f.name);
        // Every field this subgraph resolves on the entity: leaves, and objects one level down.
        const selection = (entity.fields ?? [])
          .map((f) => apiType.getFields()[f.name.value])
          .filter((f) => f && !f.args.length)
          .map((f) => {
            const type = getNamedType(f!.type);
            return isLeafType(type) ? f!.name : `${f!.name} { ${leaves(type as GraphQLObjectType).join(' ')} }`;
          });
        const res = await graphqlHttp<{ _entities: (Record<string, unknown> | null)[] }>(
          url,
          `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${entity.name.value} { __typename ${selection.join(' ')} } } }`,
          { r: [{ __typename: entity.name.value, id }] },
          headers,
        );
        expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
        // The reference may come back as itself (its key echoed), but with nothing of B's attached.
        const [found] = res.data!._entities;
        const { __typename: _type, id: _key, ...fields } = found ?? {};
        expect(
          Object.values(fields).filter((v) => v !== null),
          `${entity.name.value} in ${url}: ${JSON.stringify(res)}`,
        ).toEqual([]);
        expect(leaks({ data: fields })).toEqual([]);
        probed += 1;
      }
    }
    expect(probed).toBeGreaterThanOrEqual(5);
  });
});
