import type { CylinderSearchResult, CylinderSummary } from '$lib/api/cylinder-types';

/** The cylinder a tag names first, then serials starting with the text (each once). */
export function searchHits(result: CylinderSearchResult): CylinderSummary[] {
  const byTag = result.cylinderByTag;
  const bySerial = result.cylinders.edges.map((e) => e.node).filter((c) => c.id !== byTag?.id);
  return byTag ? [byTag, ...bySerial] : bySerial;
}
