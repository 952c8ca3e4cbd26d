import { Router } from 'express';
import { getCurrentUser } from '../../http/current-user.js';
import { parseRequest } from '../../http/parse-request.js';
import { NotFoundError } from '../../shared/app-errors.js';
import { handleSchema } from '../users/users-schemas.js';
import { createMessage } from './create-message-service.js';
import { messageGroups } from './message-groups-service.js';
import type { MessagesDeps } from './messages-deps.js';
import { createMessageBodySchema } from './messages-schemas.js';
import { messages } from './messages-service.js';

export function messagesRoutes(deps: MessagesDeps): Router {
  const router = Router();

  router.get('/api/message_groups', async (req, res) => {
    res.json(await messageGroups(deps, getCurrentUser(req).user));
  });

  router.get('/api/messages/@:handle', async (req, res) => {
    const handle = req.params.handle;
    if (!handleSchema.safeParse(handle).success) {
      throw new NotFoundError('user_not_found', `no user @${handle}`);
    }
    res.json(await messages(deps, getCurrentUser(req).user, handle.toLowerCase()));
  });

  router.post('/api/messages', async (req, res) => {
    const body = parseRequest(createMessageBodySchema, req.body);
    res.json(await createMessage(deps, getCurrentUser(req).user, body));
  });

  return router;
}
