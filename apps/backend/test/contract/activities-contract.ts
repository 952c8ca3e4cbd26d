import { describe, expect, it } from 'vitest';
import { type DatabaseTarget, useApi } from '../support/api-target.js';
import type { ActivityJson } from '../support/api-types.js';

const HOUR_MS = 3_600_000;
const asActivities = (body: unknown) => body as ActivityJson[];

export function activitiesContract(target: DatabaseTarget): void {
  describe(`activities (${target.name})`, () => {
    const api = useApi(target);

    async function insertExpiredCrud(message: string): Promise<string> {
      const rows = await api.db.query<{ uuid: string }>(
        `INSERT INTO activities (user_uuid, message, created_at, expires_at)
         SELECT uuid, $1, $2, $3 FROM users WHERE handle = 'worf' RETURNING uuid`,
        [message, new Date(Date.now() - 3 * HOUR_MS), new Date(Date.now() - HOUR_MS)],
      );
      return rows[0]!.uuid;
    }

    it('serves the seeded home feed newest first, top-level cruds with their replies', async () => {
      const res = await api.client.get('/api/activities/home');
      expect(res.status).toBe(200);
      const feed = asActivities(res.body);
      expect(feed.map((a) => a.handle)).toEqual(
        expect.arrayContaining(['andrewbrown', 'worf', 'garek']),
      );
      const times = feed.map((a) => a.created_at);
      expect(times).toEqual([...times].sort().reverse());
      expect(feed.every((a) => a.reply_to_activity_uuid === null)).toBe(true);
      const cloud = feed.find((a) => a.message === 'Cloud is very fun!');
      expect(cloud).toMatchObject({
        handle: 'andrewbrown',
        display_name: 'Andrew Brown',
        replies_count: 1,
      });
      expect(cloud?.replies).toEqual([
        expect.objectContaining({
          handle: 'worf',
          message: 'This post has no honor!',
          reply_to_activity_uuid: cloud?.uuid,
        }),
      ]);
    });

    it('leaves expired cruds out of the feed, search, profile and lookup', async () => {
      const uuid = await insertExpiredCrud('expired qapla crud');
      const home = asActivities((await api.client.get('/api/activities/home')).body);
      expect(home.some((a) => a.uuid === uuid)).toBe(false);
      const search = await api.client.get('/api/activities/search?term=qapla');
      expect(search.body).toEqual([]);
      const worf = asActivities((await api.client.get('/api/activities/@worf')).body);
      expect(worf.some((a) => a.uuid === uuid)).toBe(false);
      expect((await api.client.get(`/api/activities/${uuid}`)).status).toBe(404);
    });

    it("lists one user's cruds and 404s an unknown or impossible handle", async () => {
      const res = await api.client.get('/api/activities/@worf');
      expect(res.status).toBe(200);
      const cruds = asActivities(res.body);
      expect(cruds.length).toBeGreaterThan(0);
      expect(cruds.every((a) => a.handle === 'worf')).toBe(true);
      expect(cruds.map((a) => a.message)).toContain('I am out of prune juice');
      for (const path of ['/api/activities/@nobody', '/api/activities/@no%20such!']) {
        const missing = await api.client.get(path);
        expect(missing.status).toBe(404);
        expect(missing.body).toMatchObject({ error: 'user_not_found' });
      }
    });

    it('searches case-insensitively, treats % and _ as text, and rejects a blank term', async () => {
      const found = asActivities((await api.client.get('/api/activities/search?term=PRUNE')).body);
      expect(found.map((a) => a.message)).toEqual(['I am out of prune juice']);
      expect((await api.client.get('/api/activities/search?term=%25')).body).toEqual([]);
      expect((await api.client.get('/api/activities/search?term=_')).body).toEqual([]);
      for (const query of ['?term=', '?term=%20%20', '']) {
        const blank = await api.client.get(`/api/activities/search${query}`);
        expect(blank.status).toBe(422);
        expect(blank.body).toEqual(['search_term_blank']);
      }
      const repeated = await api.client.get('/api/activities/search?term=a&term=b');
      expect(repeated.status).toBe(400);
      expect(repeated.body).toMatchObject({ error: 'invalid_query' });
    });

    it('creates a crud that expires after its ttl and tops the feed', async () => {
      const res = await api.client.post('/api/activities', {
        message: 'Hello from tests',
        ttl: '3-hours',
      });
      expect(res.status).toBe(200);
      const crud = res.body as ActivityJson;
      expect(crud).toMatchObject({
        handle: 'andrewbrown',
        display_name: 'Andrew Brown',
        message: 'Hello from tests',
      });
      expect(crud.uuid).toMatch(/^[0-9a-f-]{36}$/);
      expect(Date.parse(crud.expires_at) - Date.parse(crud.created_at)).toBe(3 * HOUR_MS);
      const home = asActivities((await api.client.get('/api/activities/home')).body);
      expect(home[0]?.uuid).toBe(crud.uuid);
    });

    it('answers 422 with every validation code at once', async () => {
      const cases: [unknown, string[]][] = [
        [{}, ['message_blank', 'ttl_blank']],
        [{ message: '   ', ttl: '1-day' }, ['message_blank']],
        [{ message: 'x'.repeat(281), ttl: '1-day' }, ['message_exceed_max_chars']],
        [{ message: 'hi', ttl: '' }, ['ttl_blank']],
        [{ message: 'hi', ttl: '2-weeks' }, ['ttl_invalid']],
      ];
      for (const [body, codes] of cases) {
        const res = await api.client.post('/api/activities', body);
        expect(res.status, JSON.stringify(body)).toBe(422);
        expect(res.body).toEqual(codes);
      }
    });

    it('counts characters, not UTF-16 units: 280 emoji fit', async () => {
      const res = await api.client.post('/api/activities', {
        message: '🖖'.repeat(280),
        ttl: '1-hour',
      });
      expect(res.status).toBe(200);
    });

    it('answers malformed JSON, wrong types, unknown fields and non-JSON bodies with 4xx, never 500', async () => {
      const malformed = await api.client.request('POST', '/api/activities', {
        body: '{"message": ',
        headers: { 'content-type': 'application/json' },
      });
      expect(malformed.status).toBe(400);
      expect(malformed.body).toMatchObject({
        error: 'malformed_json',
        message: expect.any(String),
      });

      const wrongType = await api.client.post('/api/activities', { message: 42, ttl: '1-day' });
      expect(wrongType.status).toBe(400);
      expect(wrongType.body).toMatchObject({
        error: 'invalid_body',
        message: expect.stringContaining('message'),
      });

      const unknown = await api.client.post('/api/activities', {
        message: 'hi',
        ttl: '1-day',
        admin: true,
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body).toMatchObject({
        error: 'invalid_body',
        message: expect.stringContaining('admin'),
      });

      const array = await api.client.post('/api/activities', ['hi']);
      expect(array.status).toBe(400);

      const form = await api.client.request('POST', '/api/activities', {
        body: 'message=hi&ttl=1-day',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(form.status).toBe(415);
      expect(form.body).toMatchObject({ error: 'unsupported_media_type' });

      const huge = await api.client.post('/api/activities', {
        message: 'x'.repeat(20_000),
        ttl: '1-day',
      });
      expect(huge.status).toBe(413);
    });

    it('shows one crud with its replies; 404 unknown, 400 not a uuid', async () => {
      const home = asActivities((await api.client.get('/api/activities/home')).body);
      const cloud = home.find((a) => a.message === 'Cloud is very fun!')!;
      const res = await api.client.get(`/api/activities/${cloud.uuid}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        uuid: cloud.uuid,
        replies: [expect.objectContaining({ handle: 'worf' })],
      });

      const missing = await api.client.get('/api/activities/00000000-0000-4000-8000-000000000000');
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ error: 'activity_not_found' });

      const bad = await api.client.get('/api/activities/not-a-uuid');
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ error: 'invalid_activity_uuid' });
    });

    it('replies to a crud: the reply shares its expiry and shows under it', async () => {
      const home = asActivities((await api.client.get('/api/activities/home')).body);
      const prune = home.find((a) => a.message === 'I am out of prune juice')!;
      const res = await api.client.post(`/api/activities/${prune.uuid}/reply`, {
        message: 'Try the replicator',
      });
      expect(res.status).toBe(200);
      const reply = res.body as ActivityJson;
      expect(reply).toMatchObject({
        handle: 'andrewbrown',
        reply_to_activity_uuid: prune.uuid,
        expires_at: prune.expires_at,
      });

      const shown = (await api.client.get(`/api/activities/${prune.uuid}`)).body as ActivityJson;
      expect(shown.replies_count).toBe(prune.replies_count + 1);
      expect(shown.replies?.map((r) => r.uuid)).toContain(reply.uuid);

      const blank = await api.client.post(`/api/activities/${prune.uuid}/reply`, {});
      expect(blank.status).toBe(422);
      expect(blank.body).toEqual(['message_blank']);
      const long = await api.client.post(`/api/activities/${prune.uuid}/reply`, {
        message: 'x'.repeat(281),
      });
      expect(long.body).toEqual(['message_exceed_max_chars']);
      const unknownField = await api.client.post(`/api/activities/${prune.uuid}/reply`, {
        message: 'x',
        ttl: '1-day',
      });
      expect(unknownField.status).toBe(400);
      const missing = await api.client.post(
        '/api/activities/00000000-0000-4000-8000-000000000000/reply',
        { message: 'hi' },
      );
      expect(missing.status).toBe(404);
      const bad = await api.client.post('/api/activities/nope/reply', { message: 'hi' });
      expect(bad.status).toBe(400);
    });

    it('notifies about replies to and mentions of the current user, not their own cruds', async () => {
      const res = await api.client.get('/api/activities/notifications');
      expect(res.status).toBe(200);
      const messages = asActivities(res.body).map((a) => `${a.handle}: ${a.message}`);
      expect(messages).toEqual(
        expect.arrayContaining([
          'worf: This post has no honor!',
          'garek: My dear @andrewbrown, I am just a simple tailor. Nothing more.',
        ]),
      );
      expect(asActivities(res.body).some((a) => a.handle === 'andrewbrown')).toBe(false);
    });
  });

  describe(`without a default user (${target.name})`, () => {
    const api = useApi(target, { defaultUserHandle: undefined });

    it('answers user_handle_blank when nobody is signed in', async () => {
      const create = await api.client.post('/api/activities', { message: 'hi', ttl: '1-day' });
      expect(create.status).toBe(422);
      expect(create.body).toEqual(['user_handle_blank']);
      const notifications = await api.client.get('/api/activities/notifications');
      expect(notifications.body).toEqual(['user_handle_blank']);
      expect((await api.client.get('/api/sessions/me')).status).toBe(401);
      // Reading the public feed needs nobody.
      expect((await api.client.get('/api/activities/home')).status).toBe(200);
    });
  });
}
