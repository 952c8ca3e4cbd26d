import type { Database, Queryable } from '../../db/database.js';
import type { Activity } from './activity.js';

/** Both drivers return `timestamptz` as `Date`; the API speaks ISO strings. */
interface ActivityRow extends Omit<Activity, 'created_at' | 'expires_at'> {
  created_at: Date;
  expires_at: Date;
}

const toActivity = (row: ActivityRow): Activity => ({
  ...row,
  created_at: row.created_at.toISOString(),
  expires_at: row.expires_at.toISOString(),
});

const SELECT_ACTIVITY = `SELECT a.uuid, u.display_name, u.handle, a.message, a.replies_count,
  a.reposts_count, a.likes_count, a.reply_to_activity_uuid, a.created_at, a.expires_at
FROM activities a JOIN users u ON u.uuid = a.user_uuid`;

/** A feed page; the original showed a fixed first page too. */
const FEED_LIMIT = 100;

export interface NewActivity {
  userUuid: string;
  message: string;
  createdAt: Date;
  expiresAt: Date;
  replyToActivityUuid?: string;
}

export interface ActivitiesRepository {
  listHome(now: Date): Promise<Activity[]>;
  listByUser(userUuid: string, now: Date): Promise<Activity[]>;
  listMentioningOrReplyingTo(
    user: { uuid: string; handle: string },
    now: Date,
  ): Promise<Activity[]>;
  search(term: string, now: Date): Promise<Activity[]>;
  listReplies(activityUuids: readonly string[], now: Date): Promise<Activity[]>;
  findLive(uuid: string, now: Date): Promise<Activity | undefined>;
  create(activity: NewActivity): Promise<Activity>;
}

/** `%`, `_` and `\` in a search term are text, not LIKE wildcards. */
const escapeLike = (term: string) => term.replace(/[\\%_]/g, (c) => `\\${c}`);

async function insertActivity(tx: Queryable, activity: NewActivity): Promise<Activity> {
  const inserted = await tx.query<{ uuid: string }>(
    `INSERT INTO activities (user_uuid, message, reply_to_activity_uuid, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5) RETURNING uuid`,
    [
      activity.userUuid,
      activity.message,
      activity.replyToActivityUuid ?? null,
      activity.createdAt,
      activity.expiresAt,
    ],
  );
  if (activity.replyToActivityUuid !== undefined) {
    await tx.query('UPDATE activities SET replies_count = replies_count + 1 WHERE uuid = $1', [
      activity.replyToActivityUuid,
    ]);
  }
  const rows = await tx.query<ActivityRow>(`${SELECT_ACTIVITY} WHERE a.uuid = $1`, [
    inserted[0]!.uuid,
  ]);
  return toActivity(rows[0]!);
}

export function createActivitiesRepository(db: Database): ActivitiesRepository {
  const list = async (sql: string, params: readonly unknown[]) =>
    (await db.query<ActivityRow>(sql, params)).map(toActivity);

  return {
    listHome: (now) =>
      list(
        `${SELECT_ACTIVITY}
         WHERE a.reply_to_activity_uuid IS NULL AND a.expires_at > $1
         ORDER BY a.created_at DESC LIMIT $2`,
        [now, FEED_LIMIT],
      ),
    listByUser: (userUuid, now) =>
      list(
        `${SELECT_ACTIVITY}
         WHERE a.user_uuid = $1 AND a.reply_to_activity_uuid IS NULL AND a.expires_at > $2
         ORDER BY a.created_at DESC LIMIT $3`,
        [userUuid, now, FEED_LIMIT],
      ),
    listMentioningOrReplyingTo: (user, now) =>
      list(
        `${SELECT_ACTIVITY}
         LEFT JOIN activities parent ON parent.uuid = a.reply_to_activity_uuid
         WHERE a.expires_at > $1 AND a.user_uuid <> $2
           AND (parent.user_uuid = $2 OR a.message ~* $3)
         ORDER BY a.created_at DESC LIMIT $4`,
        // Handles match ^[a-z0-9_]+$ (a CHECK in the schema), so no regex escaping is needed.
        [now, user.uuid, `(^|[^a-z0-9_])@${user.handle}([^a-z0-9_]|$)`, FEED_LIMIT],
      ),
    search: (term, now) =>
      list(
        `${SELECT_ACTIVITY}
         WHERE a.expires_at > $1 AND a.message ILIKE '%' || $2 || '%' ESCAPE '\\'
         ORDER BY a.created_at DESC LIMIT $3`,
        [now, escapeLike(term), FEED_LIMIT],
      ),
    listReplies: async (activityUuids, now) =>
      activityUuids.length === 0
        ? []
        : list(
            `${SELECT_ACTIVITY}
             WHERE a.reply_to_activity_uuid = ANY($1::uuid[]) AND a.expires_at > $2
             ORDER BY a.created_at ASC`,
            [activityUuids, now],
          ),
    findLive: async (uuid, now) =>
      (await list(`${SELECT_ACTIVITY} WHERE a.uuid = $1 AND a.expires_at > $2`, [uuid, now]))[0],
    create: (activity) => db.transaction((tx) => insertActivity(tx, activity)),
  };
}
