import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { beforeEach, describe, expect, it } from 'vitest';
import { type DatabaseTarget, useApi } from '../support/api-target.js';
import type { ActivityJson } from '../support/api-types.js';
import type { InMemoryTracing } from '../support/in-memory-tracing.js';

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function tracingContract(target: DatabaseTarget, tracing: InMemoryTracing): void {
  describe(`spans (${target.name})`, () => {
    const api = useApi(target);
    beforeEach(() => tracing.reset());

    it('runs each service in its own span with app.now, app.result_length and app.user_handle', async () => {
      const res = await api.client.get('/api/activities/home');
      const span = tracing.findSpan('home-activities');
      expect(span.attributes['app.now']).toMatch(ISO_TIME);
      expect(span.attributes['app.result_length']).toBe((res.body as unknown[]).length);
      expect(span.attributes['app.user_handle']).toBe('andrewbrown');
      expect(span.status.code).not.toBe(SpanStatusCode.ERROR);
    });

    it('names a span for every use case', async () => {
      const home = (await api.client.get('/api/activities/home')).body as ActivityJson[];
      const first = home[0]!;
      await api.client.get('/api/activities/@worf');
      await api.client.get('/api/activities/notifications');
      await api.client.get('/api/activities/search?term=juice');
      await api.client.get(`/api/activities/${first.uuid}`);
      await api.client.post('/api/activities', { message: 'traced', ttl: '1-hour' });
      await api.client.post(`/api/activities/${first.uuid}/reply`, { message: 'traced reply' });
      await api.client.get('/api/message_groups');
      await api.client.get('/api/messages/@worf');
      await api.client.post('/api/messages', {
        message: 'traced dm',
        user_receiver_handle: 'worf',
      });
      await api.client.post('/api/sessions', { handle: 'garek' });
      const expected: [string, number][] = [
        ['user-activities', 1],
        ['notifications-activities', 2],
        ['search-activities', 1],
        ['show-activity', 1],
        ['create-activity', 1],
        ['create-reply', 1],
        ['message-groups', 2],
        ['messages', 2],
        ['create-message', 1],
        ['create-session', 1],
      ];
      for (const [name, length] of expected) {
        const span = tracing.findSpan(name);
        expect(span.attributes['app.result_length'], name).toBe(length);
        expect(span.attributes['app.now'], name).toMatch(ISO_TIME);
        expect(span.attributes['app.user_handle'], name).toEqual(expect.any(String));
      }
    });

    it('gives user-activities a data child span with app.now and app.results_size', async () => {
      await api.client.get('/api/activities/@worf');
      const parent = tracing.findSpan('user-activities');
      const child = tracing.findSpan('user-activities-data');
      expect(child.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
      expect(child.attributes['app.now']).toBe(parent.attributes['app.now']);
      expect(child.attributes['app.results_size']).toBe(parent.attributes['app.result_length']);
    });

    it('continues the caller trace from a W3C traceparent header', async () => {
      const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
      const parentId = '00f067aa0ba902b7';
      await api.client.get('/api/activities/home', { traceparent: `00-${traceId}-${parentId}-01` });
      const span = tracing.findSpan('home-activities');
      expect(span.spanContext().traceId).toBe(traceId);
      expect(span.parentSpanContext?.spanId).toBe(parentId);
    });

    it('marks validation failures with ERROR status and app.error_codes', async () => {
      await api.client.post('/api/activities', { message: '', ttl: '' });
      const span = tracing.findSpan('create-activity');
      expect(span.status.code).toBe(SpanStatusCode.ERROR);
      expect(span.attributes['app.error_codes']).toEqual(['message_blank', 'ttl_blank']);
      await api.client.get('/api/activities/search?term=');
      expect(tracing.findSpan('search-activities').attributes['app.error_codes']).toEqual([
        'search_term_blank',
      ]);
    });

    it('tags spans with the signed-in user', async () => {
      await api.client.post('/api/sessions', { handle: 'worf' });
      tracing.reset();
      await api.client.get('/api/activities/notifications');
      const service = tracing.findSpan('notifications-activities');
      expect(service.attributes['app.user_handle']).toBe('worf');
      // The session's own user lookup runs before the user is known, so it is not checked here.
      for (const span of tracing.childrenOf(service)) {
        expect(span.attributes['app.user_handle'], span.name).toBe('worf');
      }
    });

    if (target.name === 'pglite') {
      it('wraps each PGlite query in a CLIENT span under the service span, without literal values', async () => {
        await api.client.get('/api/activities/search?term=prune');
        const service = tracing.findSpan('search-activities');
        const [query, ...others] = tracing.childrenOf(service);
        expect(others).toEqual([]);
        expect(query?.name).toMatch(/^pg\.query:SELECT \w+$/);
        expect(query?.kind).toBe(SpanKind.CLIENT);
        expect(query?.spanContext().traceId).toBe(service.spanContext().traceId);
        expect(query?.attributes).toMatchObject({
          'db.system': 'postgresql',
          'db.operation.name': 'SELECT',
          'app.user_handle': 'andrewbrown',
        });
        const text = String(query?.attributes['db.query.text']);
        expect(text).toContain('$2');
        expect(text).not.toContain('prune');
        expect(text).not.toContain("'%'");

        await api.client.get('/api/activities/home');
        expect(tracing.childrenOf(tracing.findSpan('home-activities'))).toHaveLength(2);
      });

      it('records a failing query on its span', async () => {
        await expect(api.db.query('SELECT * FROM no_such_table')).rejects.toThrow();
        const span = tracing.findSpan('pg.query:SELECT postgres');
        expect(span.status.code).toBe(SpanStatusCode.ERROR);
        expect(span.attributes['db.response.status_code']).toBe('42P01');
      });
    } else {
      it('adds no spans of its own around pg queries (the pg instrumentation makes them)', async () => {
        await api.client.get('/api/activities/home');
        const service = tracing.findSpan('home-activities');
        expect(tracing.childrenOf(service)).toEqual([]);
        expect(tracing.spans().filter((span) => span.name.startsWith('pg.'))).toEqual([]);
      });
    }
  });
}
