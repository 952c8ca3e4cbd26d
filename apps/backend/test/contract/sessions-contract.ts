import { describe, expect, it } from 'vitest';
import { type DatabaseTarget, useApi } from '../support/api-target.js';
import type { ActivityJson, SessionJson } from '../support/api-types.js';

export function sessionsContract(target: DatabaseTarget): void {
  describe(`sessions (${target.name})`, () => {
    const api = useApi(target);

    it('acts as andrewbrown, not signed in, without a session', async () => {
      const me = await api.client.get('/api/sessions/me');
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({
        handle: 'andrewbrown',
        display_name: 'Andrew Brown',
        signed_in: false,
      });
    });

    it('signs in as worf, acts as worf, and signs out again', async () => {
      const signIn = await api.client.post('/api/sessions', { handle: 'worf' });
      expect(signIn.status).toBe(200);
      expect(signIn.body).toMatchObject({ handle: 'worf', signed_in: true });
      const cookie = signIn.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/^cruddur_session=s%3A/);
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);

      const me = (await api.client.get('/api/sessions/me')).body as SessionJson;
      expect(me).toMatchObject({ handle: 'worf', display_name: 'Worf', signed_in: true });

      const crud = await api.client.post('/api/activities', { message: 'Qapla!', ttl: '1-day' });
      expect((crud.body as ActivityJson).handle).toBe('worf');

      const signOut = await api.client.request('DELETE', '/api/sessions');
      expect(signOut.status).toBe(204);
      expect(signOut.headers.get('set-cookie')).toMatch(/cruddur_session=;/);
      expect(((await api.client.get('/api/sessions/me')).body as SessionJson).handle).toBe(
        'andrewbrown',
      );
    });

    it('ignores a forged session cookie', async () => {
      const signIn = await api.client.post('/api/sessions', { handle: 'garek' });
      const worf = (await api.client.post('/api/sessions', { handle: 'worf' })).body as SessionJson;
      expect(signIn.status).toBe(200);
      // Swap the uuid but keep garek's signature: cookie-parser must reject it.
      const forged = `cruddur_session=${encodeURIComponent(`s:${worf.uuid}.forgedsignature`)}`;
      api.client.setCookie(forged);
      const me = (await api.client.get('/api/sessions/me')).body as SessionJson;
      expect(me).toMatchObject({ handle: 'andrewbrown', signed_in: false });
    });

    it('rejects a blank, unknown or malformed sign-in', async () => {
      const blank = await api.client.post('/api/sessions', { handle: ' ' });
      expect(blank.status).toBe(422);
      expect(blank.body).toEqual(['handle_blank']);
      const missing = await api.client.post('/api/sessions', {});
      expect(missing.body).toEqual(['handle_blank']);
      const unknown = await api.client.post('/api/sessions', { handle: 'quark' });
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ error: 'user_not_found' });
      const wrongType = await api.client.post('/api/sessions', { handle: ['worf'] });
      expect(wrongType.status).toBe(400);
      const extra = await api.client.post('/api/sessions', { handle: 'worf', password: 'x' });
      expect(extra.status).toBe(400);
      expect(extra.body).toMatchObject({ error: 'invalid_body' });
    });
  });

  describe(`health, CORS and unknown routes (${target.name})`, () => {
    const api = useApi(target);

    it('answers liveness and /rollbar/test, and 404s unknown routes as JSON', async () => {
      const health = await api.client.get('/api/health');
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({ success: true });
      const rollbarTest = await fetch(`${api.client.baseUrl}/rollbar/test`);
      expect(rollbarTest.status).toBe(200);
      expect(await rollbarTest.text()).toBe('Hello World!');
      // The failing test route exists only when asked for (development).
      expect((await api.client.get('/rollbar/error')).status).toBe(404);
      const unknown = await api.client.get('/api/nope');
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ error: 'not_found' });
    });

    it('lets the frontend origin send trace headers with credentials, and no one else', async () => {
      const preflight = await api.client.request('OPTIONS', '/api/activities', {
        headers: {
          origin: 'http://localhost:3000',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,traceparent,tracestate',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
      expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
      const allowed = preflight.headers.get('access-control-allow-headers') ?? '';
      for (const header of ['content-type', 'traceparent', 'tracestate'])
        expect(allowed).toContain(header);
      const methods = preflight.headers.get('access-control-allow-methods') ?? '';
      for (const method of ['OPTIONS', 'GET', 'HEAD', 'POST']) expect(methods).toContain(method);

      const stranger = await api.client.get('/api/activities/home', {
        origin: 'https://evil.example',
      });
      expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
    });
  });
}
