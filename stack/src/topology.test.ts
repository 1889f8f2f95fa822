import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SUBGRAPHS, subgraphUrlsFor } from '@hearth/platform';

interface ComposeFile {
  services: Record<string, { environment?: Record<string, string> }>;
}

const compose = parse(await readFile(new URL('../../docker-compose.yml', import.meta.url), 'utf8'), { merge: true }) as ComposeFile;

/** docker-compose is written by hand for its users; the one list of subgraphs (platform) decides what it must say. */
describe('docker-compose runs the subgraphs of the one list', () => {
  it('has the gateway compose every subgraph, at its service and port', () => {
    expect(compose.services.gateway?.environment?.SUBGRAPH_URLS).toBe(subgraphUrlsFor((service) => service));
  });

  it('runs each subgraph in its service, on its port', () => {
    for (const subgraph of SUBGRAPHS) {
      const environment = compose.services[subgraph.service]?.environment ?? {};
      expect(Object.values(environment), `${subgraph.name} on ${subgraph.service}:${subgraph.port}`).toContain(String(subgraph.port));
    }
  });
});
