import { describe, expect, it } from 'vitest';
import { type DatabaseTarget, useApi } from '../support/api-target.js';
import type { MessageJson } from '../support/api-types.js';

export function messagesContract(target: DatabaseTarget): void {
  describe(`direct messages (${target.name})`, () => {
    const api = useApi(target);

    it("lists the current user's conversations, latest first", async () => {
      const res = await api.client.get('/api/message_groups');
      expect(res.status).toBe(200);
      expect(res.body).toEqual([
        expect.objectContaining({
          handle: 'garek',
          display_name: 'Garek',
          message: 'Lies are the foundation of a good conversation.',
        }),
        expect.objectContaining({ handle: 'worf', message: 'Today is a good day to die.' }),
      ]);
    });

    it('shows the messages between two users oldest first', async () => {
      const res = await api.client.get('/api/messages/@worf');
      expect(res.status).toBe(200);
      const messages = res.body as MessageJson[];
      expect(messages.map((m) => `${m.handle}: ${m.message}`)).toEqual([
        'andrewbrown: Have you had your prune juice today?',
        'worf: Today is a good day to die.',
      ]);
      expect((await api.client.get('/api/messages/@garek')).body).toHaveLength(1);
    });

    it('sends a message that both sides then see', async () => {
      const sent = await api.client.post('/api/messages', {
        message: 'Coffee, Worf?',
        user_receiver_handle: 'worf',
      });
      expect(sent.status).toBe(200);
      expect(sent.body).toMatchObject({
        handle: 'andrewbrown',
        message: 'Coffee, Worf?',
        uuid: expect.any(String),
      });

      const groups = (await api.client.get('/api/message_groups')).body as MessageJson[];
      expect(groups[0]).toMatchObject({ handle: 'worf', message: 'Coffee, Worf?' });

      await api.client.post('/api/sessions', { handle: 'worf' });
      const worfSees = (await api.client.get('/api/messages/@andrewbrown')).body as MessageJson[];
      expect(worfSees.at(-1)).toMatchObject({ handle: 'andrewbrown', message: 'Coffee, Worf?' });
      const reply = await api.client.post('/api/messages', {
        message: 'Raktajino.',
        user_receiver_handle: 'andrewbrown',
      });
      expect(reply.body).toMatchObject({
        handle: 'worf',
        message_group_uuid: (sent.body as MessageJson).message_group_uuid,
      });
    });

    it('starts a new conversation on the first message', async () => {
      await api.client.post('/api/sessions', { handle: 'worf' });
      expect((await api.client.get('/api/messages/@garek')).body).toEqual([]);
      const sent = await api.client.post('/api/messages', {
        message: 'You are no tailor.',
        user_receiver_handle: 'garek',
      });
      expect(sent.status).toBe(200);
      const groups = (await api.client.get('/api/message_groups')).body as MessageJson[];
      expect(groups.map((g) => g.handle)).toContain('garek');
    });

    it('rejects blank, too long, self-addressed and unknown-receiver messages', async () => {
      const cases: [unknown, number, unknown][] = [
        [{}, 422, ['message_blank', 'user_receiver_handle_blank']],
        [
          { message: 'x'.repeat(281), user_receiver_handle: 'worf' },
          422,
          ['message_exceed_max_chars'],
        ],
        [
          { message: 'hi', user_receiver_handle: 'andrewbrown' },
          422,
          ['user_receiver_handle_self'],
        ],
        [
          { message: 'hi', user_receiver_handle: 'quark' },
          404,
          expect.objectContaining({ error: 'user_not_found' }),
        ],
        [
          { message: 'hi', user_receiver_handle: 7 },
          400,
          expect.objectContaining({ error: 'invalid_body' }),
        ],
        [
          { message: 'hi', user_receiver_handle: 'worf', cc: 'garek' },
          400,
          expect.objectContaining({ error: 'invalid_body' }),
        ],
      ];
      for (const [body, status, expected] of cases) {
        const res = await api.client.post('/api/messages', body);
        expect(res.status, JSON.stringify(body)).toBe(status);
        expect(res.body).toEqual(expected);
      }
      expect((await api.client.get('/api/messages/@quark')).status).toBe(404);
    });
  });
}
