import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('loadConfig: browser origins (CORS on ingest routes)', () => {
  it('leaves them unset by default, so the server uses the front end defaults', () => {
    expect(loadConfig([], {}).corsOrigins).toBeUndefined();
  });

  it('reads a comma list from OBSERVABILITY_CORS_ORIGINS', () => {
    const env = { OBSERVABILITY_CORS_ORIGINS: 'http://localhost:3000, https://cruddur.example ,' };
    expect(loadConfig([], env).corsOrigins).toEqual([
      'http://localhost:3000',
      'https://cruddur.example',
    ]);
  });

  it('lets --cors-origins win over the environment', () => {
    const env = { OBSERVABILITY_CORS_ORIGINS: 'http://localhost:3000' };
    expect(loadConfig(['--cors-origins', 'http://127.0.0.1:5173'], env).corsOrigins).toEqual([
      'http://127.0.0.1:5173',
    ]);
  });
});
