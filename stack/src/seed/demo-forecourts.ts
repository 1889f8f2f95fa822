import { join } from 'node:path';
import { DartForecourt, ForecourtSimulator, type ForecourtPace } from '@hearth/edge';
import type { FuelingServices } from '@hearth/fueling';
import type { Logger } from '@hearth/platform';
import { fuelTankStrapping } from './demo-fueling';
import type { DemoData } from './demo-seed';

export interface DemoForecourtsOptions {
  demo: DemoData;
  fueling: FuelingServices;
  tenantId: string;
  mqttUrl: string;
  /** The gateway's GraphQL URL: each station reads its offline card lists there with the controllers' key. */
  graphqlUrl: string;
  dataDir: string;
  logger: Logger;
  pace?: Partial<ForecourtPace>;
}

/** The station whose pumps speak Wayne DART through the edge bridge; the others are played over MQTT. */
const DART_STATION = 'Riverside fuel station';

/**
 * The demo's live forecourts, one per demo fuel station behind the station's own gateway, selling
 * on the demo's cards through the card host, from the prices in effect at the station. Riverside's
 * four pumps are simulated Wayne DART pumps on in-process serial lines run by the real edge bridge
 * (so the demo exercises the driver); the other station is played by the MQTT forecourt simulator,
 * with its power cuts and offline spells, and confirms each card-list version it applied (the DART
 * bridge does not: Riverside reads no lists). Each station's underground tanks are gauged as its
 * nozzles draw from them — at Riverside by a Veeder-Root TLS console the bridge polls, at Airport
 * Road by the simulator on its own link. Counters, totalisers, tank contents and the bridge's
 * journal live in `dataDir/forecourts/`, so a restarted demo goes on with the same pumps and tanks.
 */
export async function startDemoForecourts(options: DemoForecourtsOptions): Promise<{ stop(): Promise<void> }[]> {
  const { demo, logger } = options;
  const running: { stop(): Promise<void> }[] = [];
  const points = fuelTankStrapping();
  for (const station of demo.fuelStations) {
    const gateway = demo.fuelGateways.find((g) => g.id === station.gatewayId);
    if (!gateway) continue;
    const found = await options.fueling.stations.prices.inEffect(options.tenantId, station.id);
    const prices = Object.fromEntries(found.map((p) => [p.gradeCode, p.unitPriceMinor]));
    const pumps = demo.pumps.filter((p) => p.stationId === station.id);
    // A data dir seeded before the stations had tanks has none to gauge.
    const tanks = (demo.fuelTanks ?? []).filter((t) => t.stationId === station.id).map((t) => ({ id: t.id, gradeCode: t.gradeCode, points }));
    if (station.name === DART_STATION) {
      const dart = await DartForecourt.start({
        url: options.mqttUrl,
        gatewayId: gateway.id,
        secret: gateway.secret,
        pumps,
        cards: demo.fuelCards,
        prices,
        tanks,
        pace: options.pace,
        dir: join(options.dataDir, 'forecourts', gateway.id),
        logger,
      }).catch((err: unknown) => {
        // A demo that cannot open its serial lines still sells: this station then plays its pumps over MQTT.
        logger.warn({ err, gatewayId: gateway.id }, 'the DART forecourt did not start; simulating its pumps over MQTT');
        return undefined;
      });
      if (dart) {
        running.push(dart);
        continue;
      }
    }
    const simulator = new ForecourtSimulator({
      url: options.mqttUrl,
      gatewayId: gateway.id,
      secret: gateway.secret,
      pumps,
      cards: demo.fuelCards,
      prices,
      stateFile: join(options.dataDir, 'forecourts', `${gateway.id}.json`),
      tanks,
      pace: options.pace,
      // The controllers' own key (fueling only): it reads the lists and confirms the version applied.
      cardList: { graphqlUrl: options.graphqlUrl, apiKey: demo.forecourtApiKey, stationId: station.id },
      logger,
    });
    simulator.start();
    running.push(simulator);
  }
  return running;
}
