import { describe, expect, it } from 'vitest';
import type { CylinderSummary } from '$lib/api/cylinder-types';
import { searchHits } from './search-hits';

const cyl = (id: string, serial: string): CylinderSummary => ({ id, serial, tag: `E200-${id}`, state: 'EMPTY_STOCK', spec: { code: 'YSP15' }, location: null });
const page = (...nodes: CylinderSummary[]) => ({
  totalCount: nodes.length,
  pageInfo: { hasNextPage: false, endCursor: null },
  edges: nodes.map((node) => ({ node })),
});

describe('searchHits', () => {
  it('puts the cylinder the tag names first, and lists it once', () => {
    const tagged = cyl('b', 'HZ-2');
    expect(searchHits({ cylinders: page(cyl('a', 'HZ-1'), tagged), cylinderByTag: tagged }).map((c) => c.id)).toEqual(['b', 'a']);
  });

  it('lists serials alone when no tag matches', () => {
    expect(searchHits({ cylinders: page(cyl('a', 'HZ-1')), cylinderByTag: null }).map((c) => c.id)).toEqual(['a']);
  });
});
