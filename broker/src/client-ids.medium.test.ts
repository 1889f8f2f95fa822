import { waitUntil } from '@hearth/testkit/eventually';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrokerFixture, secrets, type BrokerFixture } from './testing/broker-fixture';
import { connackCode, connectPacket, rawConnection } from './testing/raw-mqtt';

describe('client ids belong to the gateway that authenticated', () => {
  let f: BrokerFixture;
  beforeAll(async () => {
    f = await startBrokerFixture();
  });
  afterAll(async () => {
    await f?.close();
  });

  it("lets the owner in while another tenant's gateway connects with the same client id", async () => {
    // The other tenant's gateway takes the id while its owner is away…
    const squatter = await f.connect('gw-9', { clientId: 'gw-1-main' });
    // …and the owner still gets in, every time, without either connection ending the other.
    const owner = await f.connect('gw-1', { clientId: 'gw-1-main' });
    await owner.endAsync();
    const ownerAgain = await f.connect('gw-1', { clientId: 'gw-1-main' });
    expect(ownerAgain.connected).toBe(true);
    expect(squatter.connected).toBe(true);
    await ownerAgain.endAsync();
    await squatter.endAsync();
  });

  it("never touches another gateway's persistent session", async () => {
    const persistent = { clientId: 'depot-persistent', clean: false };
    const first = await f.connect('gw-1', persistent);
    await first.subscribeAsync('hearth/v1/gw-1/+/+/command', { qos: 1 });
    await first.endAsync();
    // A clean session under the same id would wipe the stored session if ids were one namespace.
    const other = await f.connect('gw-9', { clientId: 'depot-persistent', clean: true });
    await other.endAsync();
    const back = await f.connect('gw-1', persistent);
    await waitUntil('the restored session routes commands', () => f.broker.downlink.canReceive('gw-1', 'tank', 'tank-1'));
    await back.endAsync();
  });

  it('refuses a zero-length client id with clean session 0 [MQTT-3.1.3-8], and counts it', async () => {
    const before = f.broker.rejections.totals().MQTT_IDENTIFIER_REJECTED;
    const raw = await rawConnection(f.ports.tcpPort);
    raw.socket.write(connectPacket({ clientId: '', clean: false, username: 'gw-1', password: secrets['gw-1'] }));
    expect(connackCode(await raw.closed)).toBe(2);
    expect(f.broker.rejections.totals().MQTT_IDENTIFIER_REJECTED).toBe(before + 1);
  });

  it('assigns a unique id to a zero-length client id with clean session 1 [MQTT-3.1.3-6]', async () => {
    const a = await f.connect('gw-2', { clientId: '', clean: true });
    const b = await f.connect('gw-2', { clientId: '', clean: true });
    expect(a.connected && b.connected).toBe(true);
    await a.endAsync();
    await b.endAsync();
  });
});
