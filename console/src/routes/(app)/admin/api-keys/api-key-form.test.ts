import { describe, expect, it } from 'vitest';
import { emptyApiKeyForm, parseList, toCreateApiKeyInput } from './api-key-form';

const NOW = Date.parse('2026-01-01T08:00:00Z');

describe('toCreateApiKeyInput', () => {
  it('sends only what was filled in, so the gateway defaults apply to the rest', () => {
    const result = toCreateApiKeyInput({ ...emptyApiKeyForm(), name: ' ERP ', scopes: ['tanks:read'] }, NOW);
    expect(result).toEqual({ input: { name: 'ERP', scopes: ['tanks:read'] } });
  });

  it('converts every optional field', () => {
    const result = toCreateApiKeyInput(
      {
        name: 'ERP',
        scopes: ['tanks:read', 'twins:write'],
        expiresAt: '2027-01-01T00:00',
        allowedOrigins: 'https://a.example\nhttps://b.example, https://a.example',
        allowedIps: '10.0.0.0/24 203.0.113.7',
        ratePerMinute: 120,
        dailyQuota: 10_000,
      },
      NOW,
    );
    expect(result).toEqual({
      input: {
        name: 'ERP',
        scopes: ['tanks:read', 'twins:write'],
        expiresAt: new Date('2027-01-01T00:00').toISOString(),
        allowedOrigins: ['https://a.example', 'https://b.example'],
        allowedIps: ['10.0.0.0/24', '203.0.113.7'],
        ratePerMinute: 120,
        dailyQuota: 10_000,
      },
    });
  });

  it('names every field that is wrong', () => {
    const result = toCreateApiKeyInput({ ...emptyApiKeyForm(), expiresAt: '2020-01-01T00:00', ratePerMinute: 0, dailyQuota: 1.5 }, NOW);
    expect('errors' in result ? result.errors : {}).toEqual({
      name: 'nameMissing',
      scopes: 'noScope',
      expiresAt: 'pastDate',
      ratePerMinute: 'invalidRate',
      dailyQuota: 'invalidQuota',
    });
  });
});

describe('parseList', () => {
  it('splits on lines, commas and spaces and drops blanks and repeats', () => {
    expect(parseList(' a, b\n\nc a ')).toEqual(['a', 'b', 'c']);
  });
});
