import { Router } from 'express';
import { getCurrentUser } from '../../http/current-user.js';
import { parseRequest } from '../../http/parse-request.js';
import { NotFoundError } from '../../shared/app-errors.js';
import { handleSchema } from '../users/users-schemas.js';
import type { ActivitiesDeps } from './activities-deps.js';
import {
  activityUuidSchema,
  createActivityBodySchema,
  createReplyBodySchema,
  searchQuerySchema,
} from './activities-schemas.js';
import { createActivity } from './create-activity-service.js';
import { createReply } from './create-reply-service.js';
import { homeActivities } from './home-activities-service.js';
import { notificationsActivities } from './notifications-activities-service.js';
import { searchActivities } from './search-activities-service.js';
import { showActivity } from './show-activity-service.js';
import { userActivities } from './user-activities-service.js';

const parseUuid = (value: unknown) =>
  parseRequest(activityUuidSchema, value, 'invalid_activity_uuid');

/** Fixed paths come before `/:uuid`, which would otherwise swallow `home` and `@handle`. */
export function activitiesRoutes(deps: ActivitiesDeps): Router {
  const router = Router();

  router.get('/api/activities/home', async (req, res) => {
    res.json(await homeActivities(deps, getCurrentUser(req).user));
  });

  router.get('/api/activities/notifications', async (req, res) => {
    res.json(await notificationsActivities(deps, getCurrentUser(req).user));
  });

  router.get('/api/activities/search', async (req, res) => {
    const query = parseRequest(searchQuerySchema, req.query, 'invalid_query');
    res.json(await searchActivities(deps, getCurrentUser(req).user, query.term));
  });

  router.get('/api/activities/@:handle', async (req, res) => {
    const handle = req.params.handle;
    // A handle that cannot exist is simply an unknown user.
    if (!handleSchema.safeParse(handle).success) {
      throw new NotFoundError('user_not_found', `no user @${handle}`);
    }
    res.json(await userActivities(deps, getCurrentUser(req).user, handle.toLowerCase()));
  });

  router.get('/api/activities/:uuid', async (req, res) => {
    const uuid = parseUuid(req.params.uuid);
    res.json(await showActivity(deps, getCurrentUser(req).user, uuid));
  });

  router.post('/api/activities', async (req, res) => {
    const body = parseRequest(createActivityBodySchema, req.body);
    res.json(await createActivity(deps, getCurrentUser(req).user, body));
  });

  router.post('/api/activities/:uuid/reply', async (req, res) => {
    const uuid = parseUuid(req.params.uuid);
    const body = parseRequest(createReplyBodySchema, req.body);
    res.json(await createReply(deps, getCurrentUser(req).user, uuid, body.message));
  });

  return router;
}
