import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClientSchema, getIntrospectionQuery, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import mqtt from 'mqtt';
import { bindDevice, deviceKinds, type DeviceKind } from '@hearth/broker';
import { waitUntil } from '@hearth/testkit/eventually';
import { graphqlData, graphqlPost } from '@hearth/testkit/graphql-http';
import { hostileAnswerProblems, hostileVariants } from '@hearth/testkit/hostile-inputs';
import { hostilePayloads } from '@hearth/testkit/hostile-payloads';
import { schemaSamples } from '@hearth/testkit/schema-samples';
import { probeOperations } from '@hearth/testkit/schema-walker';
import { startTestStack, type TestStack } from '@hearth/testkit/test-stack';

/**
 * Every front door, run through the hostile-input suite of `testkit/src`: every root field of the
 * federated schema with hostile values in each scalar it takes, and every device kind's telemetry
 * with payloads no device should send. Both are generated (from the schema, from the metric
 * ranges), so a new domain or device kind is probed without editing this file. Each answer must be
 * a client error with a code of the registry, nothing internal may leak, nothing may crash, and
 * the service must still answer properly afterwards.
 */
let stack: TestStack;
let schema: GraphQLSchema;

beforeAll(async () => {
  stack = await startTestStack();
  const { data } = await graphqlPost(stack.urls.graphql, getIntrospectionQuery(), {}, stack.auth);
  schema = buildClientSchema(data as unknown as IntrospectionQuery);
});
afterAll(() => stack?.destroy());

describe('GraphQL: hostile values in every argument of every root field', () => {
  it('answers each with a client error of the registry (or takes it as text), leaks nothing internal, and keeps serving', async () => {
    const [site] = stack.demo.sites;
    const [tank] = stack.demo.tanks;
    const [detector] = stack.demo.detectors;
    const ids = {
      Site: site!.id,
      Tank: tank!.id,
      Gateway: stack.demo.gateway.id,
      Device: tank!.id,
      Detector: detector!.id,
      Valve: detector!.valveId,
      User: '00000000-0000-4000-8000-000000000001',
      Customer: stack.demo.customers[0]!.id,
      Account: stack.demo.customers[0]!.accountId,
      Station: site!.id,
      Store: stack.demo.stores[0]!.id,
      Cylinder: stack.demo.cylinders.find((c) => c.id)!.id!,
      FillingScale: stack.demo.fillingScales[0]!.id,
      Scale: stack.demo.fillingScales[0]!.id,
      Pump: stack.demo.pumps[0]!.id,
      FuelStation: stack.demo.fuelStations[0]!.id,
      FuelCard: stack.demo.fuelCards[0]!.id,
      Card: stack.demo.fuelCards[0]!.id,
      MasterCard: stack.demo.fuelCards.find((c) => c.kind === 'MASTER')!.id,
    };
    const operations = probeOperations(schema, {
      ids: {
        ...ids,
        ...Object.fromEntries(
          [
            'ApiKey',
            'Command',
            'Alarm',
            'Journal',
            'Contract',
            'GasPermit',
            'ServiceOrder',
            'TransferOrder',
            'FillingOrder',
            'CylinderHandover',
            'Meter',
            'Tariff',
          ].map((t) => [t, ids.User]),
        ),
      },
      samples: schemaSamples,
    }).filter((o) => o.kind !== 'subscription');
    const variants = hostileVariants(schema, operations);
    expect(variants.length).toBeGreaterThan(100);
    const failures: string[] = [];
    for (const variant of variants) {
      const { status, body } = await graphqlPost(stack.urls.graphql, variant.query, variant.variables, stack.auth);
      const problems = hostileAnswerProblems(status, body);
      if (problems.length) failures.push(`${variant.name}: ${problems.join('; ')}`);
    }
    expect(failures).toEqual([]);
    // Still serving, correctly.
    const { tanks } = await graphqlData<{ tanks: { totalCount: number } }>(stack.urls.graphql, '{ tanks { totalCount } }', {}, stack.auth);
    expect(tanks.totalCount).toBeGreaterThanOrEqual(stack.demo.tanks.length);
  });
});

describe('MQTT: hostile telemetry for every device kind', () => {
  it('acknowledges and counts each under its reason, keeps the connection, and still stores a good reading', async () => {
    const { gateway, tenantId } = stack.demo;
    const tankId = stack.demo.tanks[0]!.id;
    // A meter is one of the company's metering meters (its kind decides which register it may send).
    const meterId = randomUUID();
    await stack.db.query(`INSERT INTO metering.meter (id, tenant_id, kind, serial, name) VALUES ($1, $2, 'ELECTRICITY', '990000000777', 'hostile meter')`, [
      meterId,
      tenantId,
    ]);
    const device = (kind: DeviceKind) => (kind === 'tank' ? tankId : kind === 'meter' ? meterId : `hostile-${kind}-1`);
    for (const kind of deviceKinds) if (kind !== 'tank') await bindDevice(stack.db, { kind, id: device(kind), tenantId, gatewayId: gateway.id });

    const client = await mqtt.connectAsync(stack.urls.mqtt, { username: gateway.id, password: gateway.secret, reconnectPeriod: 0, clientId: 'hostile-suite' });
    const closed: string[] = [];
    client.on('close', () => closed.push('closed'));
    const totals = () => stack.twins.broker.rejections.totals();
    try {
      for (const kind of deviceKinds) {
        for (const hostile of hostilePayloads(kind)) {
          const before = totals()[hostile.reason];
          // publishAsync resolves on the PUBACK: acknowledged, not dropped on the floor or answered by a disconnect.
          await client.publishAsync(`hearth/v1/${gateway.id}/${kind}/${device(kind)}/telemetry`, hostile.payload, { qos: 1 });
          expect(totals()[hostile.reason], `${kind}: ${hostile.name}`).toBe(before + 1);
        }
      }
      expect(closed).toEqual([]);
      await client.publishAsync(`hearth/v1/${gateway.id}/tank/${tankId}/telemetry`, JSON.stringify({ seq: Date.now() * 10, levelMm: 1234.5 }), { qos: 1 });
      await waitUntil('the good reading shows on the twin', async () => {
        const { tank } = await graphqlData<{ tank: { twin: { levelMm: number } } }>(
          stack.urls.graphql,
          'query($id: ID!) { tank(id: $id) { twin { levelMm } } }',
          { id: tankId },
          stack.auth,
        );
        return tank.twin.levelMm === 1234.5;
      });
    } finally {
      await client.endAsync();
    }
  });
});
