import { describe, expect, it } from 'vitest';
import { propagateToOrigins } from './propagate-to-origins.js';

const matches = (patterns: RegExp[], url: string) => patterns.some((pattern) => pattern.test(url));

describe('propagateToOrigins', () => {
  const patterns = propagateToOrigins(['http://localhost:4567/']);

  it('matches the API origin and every path under it', () => {
    expect(matches(patterns, 'http://localhost:4567')).toBe(true);
    expect(matches(patterns, 'http://localhost:4567/api/activities/home')).toBe(true);
    expect(matches(patterns, 'http://localhost:4567?x=1')).toBe(true);
  });

  it('matches no other origin, however similar', () => {
    expect(matches(patterns, 'http://localhost:45678/api')).toBe(false);
    expect(matches(patterns, 'http://localhost:4567.evil.example/api')).toBe(false);
    expect(matches(patterns, 'https://localhost:4567/api')).toBe(false);
    expect(matches(patterns, 'http://127.0.0.1:4567/api')).toBe(false);
    expect(matches(patterns, 'https://api.rollbar.com/api/1/item/')).toBe(false);
  });

  it('treats dots in host names literally', () => {
    const api = propagateToOrigins(['https://api.cruddur.example']);
    expect(matches(api, 'https://api.cruddur.example/api')).toBe(true);
    expect(matches(api, 'https://apixcruddurxexample/api')).toBe(false);
  });
});
