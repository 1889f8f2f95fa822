import { describe, expect, it } from 'vitest';
import { detailsText } from './audit-details';

describe('detailsText', () => {
  it('pretty-prints JSON whether it arrives as text or parsed', () => {
    expect(detailsText('{"failures":2}')).toBe('{\n  "failures": 2\n}');
    expect(detailsText({ failures: 2 })).toBe('{\n  "failures": 2\n}');
  });
  it('shows nothing for empty details', () => {
    expect(detailsText('{}')).toBeNull();
    expect(detailsText('')).toBeNull();
    expect(detailsText(null)).toBeNull();
  });
  it('shows text that is not JSON as it is', () => {
    expect(detailsText('revoked by hand')).toBe('revoked by hand');
  });
});
