import { describe, expect, it } from 'vitest';
import { httpUrlOf } from './http-url.js';

describe('httpUrlOf', () => {
  it.each([
    [{ 'url.full': 'https://api.example.com/a?b=1' }, 'https://api.example.com/a?b=1'],
    [{ 'http.url': 'http://old.example.com/x' }, 'http://old.example.com/x'],
    [
      {
        'url.scheme': 'http',
        'server.address': '127.0.0.1',
        'server.port': 4567,
        'url.path': '/api/activities/home',
      },
      'http://127.0.0.1:4567/api/activities/home',
    ],
    [
      {
        'url.scheme': 'https',
        'server.address': 'cruddur.com',
        'server.port': 443,
        'url.path': '/',
        'url.query': 'q=1',
      },
      'https://cruddur.com/?q=1',
    ],
    [
      { 'http.host': 'localhost:4567', 'http.target': '/api/messages' },
      'http://localhost:4567/api/messages',
    ],
    [{ 'url.path': '/no-host' }, undefined],
    [{}, undefined],
  ])('%j → %s', (attributes, expected) => {
    expect(httpUrlOf(attributes)).toBe(expected);
  });
});
