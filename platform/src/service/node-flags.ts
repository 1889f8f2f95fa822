/**
 * The Node.js options every Hearth service process starts with: `npm start`, each container of
 * `docker-compose.yml` (the image's `NODE_OPTIONS`), and the benchmark's stack, so what is
 * measured is what runs.
 *
 * `--max-semi-space-size=64` (MiB, V8's default is 16 on 64-bit): a live event or an MQTT reading
 * lives for one or two turns of the event loop, but at thousands a second a 16 MiB young generation
 * fills between those turns, so scavenges copy objects that are about to die and promote them to
 * the old generation, where only a full mark-compact frees them. Profiled at 5,000 readings a
 * second with 1,000 subscribers, garbage collection was a quarter of the services' thread; with
 * 64 MiB semi-spaces p99 publish → event fell from 636 to 239 ms (bench/README.md). The young
 * generation only grows to this size under that load.
 */
export const SERVICE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];
