import { describe, expect, it } from 'vitest';
import { withLoopbackTwins } from './loopback-twins.js';

describe('withLoopbackTwins', () => {
  it('adds the 127.0.0.1 twin of a localhost origin, keeping scheme and port', () => {
    expect(withLoopbackTwins(['http://localhost:3000', 'https://localhost:8443'])).toEqual([
      'http://localhost:3000',
      'http://127.0.0.1:3000',
      'https://localhost:8443',
      'https://127.0.0.1:8443',
    ]);
  });

  it('adds the localhost twin of a 127.0.0.1 origin, and lists each origin once', () => {
    expect(withLoopbackTwins(['http://127.0.0.1:3000', 'http://localhost:3000'])).toEqual([
      'http://127.0.0.1:3000',
      'http://localhost:3000',
    ]);
  });

  it('leaves origins that are not loopback names alone', () => {
    expect(withLoopbackTwins(['https://app.example.com', 'http://10.0.0.5:3000'])).toEqual([
      'https://app.example.com',
      'http://10.0.0.5:3000',
    ]);
  });
});
