import { describe, expect, it } from 'vitest';
import { jsonDepthExceeds } from './json-depth.js';

describe('jsonDepthExceeds', () => {
  it('counts nested objects and arrays', () => {
    expect(jsonDepthExceeds('{"a":[{"b":1}]}', 3)).toBe(false);
    expect(jsonDepthExceeds('{"a":[{"b":[1]}]}', 3)).toBe(true);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(jsonDepthExceeds(`{"a":"[[[[\\"{{{{"}`, 1)).toBe(false);
  });

  it('finds a hostile nesting quickly', () => {
    expect(jsonDepthExceeds('['.repeat(500_000), 64)).toBe(true);
  });
});
