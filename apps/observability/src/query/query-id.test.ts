import { describe, expect, it } from 'vitest';
import { queryId } from './query-id.js';

describe('queryId', () => {
  const spec = { calculations: [{ op: 'COUNT' }], time_range: 600 };

  it('names the same spec on the same dataset the same way, whatever the key order', () => {
    expect(queryId('svc', spec)).toBe(
      queryId('svc', { time_range: 600, calculations: [{ op: 'COUNT' }] }),
    );
  });

  it('tells apart datasets, values and array order', () => {
    const id = queryId('svc', spec);
    expect(queryId('other', spec)).not.toBe(id);
    expect(queryId('svc', { ...spec, time_range: 601 })).not.toBe(id);
    expect(queryId('svc', { breakdowns: ['a', 'b'] })).not.toBe(
      queryId('svc', { breakdowns: ['b', 'a'] }),
    );
  });

  it('is URL-safe and short', () => {
    expect(queryId('svc', spec)).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });
});
