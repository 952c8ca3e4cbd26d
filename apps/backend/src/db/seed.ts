import type { Database, Queryable } from './database.js';
import { seedActivities, seedMessages, seedUsers } from './seeds/seed-data.js';

const SEED_NAME = 'original-cruddur-users-and-cruds';
const SEED_LOCK_ID = 4_567_002;
const HOUR_MS = 3_600_000;

const hoursFrom = (now: Date, hours: number) => new Date(now.getTime() + hours * HOUR_MS);

async function insertSeed(tx: Queryable, now: Date): Promise<void> {
  const userUuids = new Map<string, string>();
  for (const user of seedUsers) {
    // ON CONFLICT keeps a user someone already created by hand; we still need their uuid.
    const rows = await tx.query<{ uuid: string }>(
      `INSERT INTO users (display_name, handle, email) VALUES ($1, $2, $3)
       ON CONFLICT (handle) DO UPDATE SET handle = EXCLUDED.handle
       RETURNING uuid`,
      [user.displayName, user.handle, user.email],
    );
    userUuids.set(user.handle, rows[0]!.uuid);
  }

  const activityUuids = new Map<string, string>();
  for (const activity of seedActivities) {
    const replyTo = activity.replyTo === undefined ? null : activityUuids.get(activity.replyTo);
    const rows = await tx.query<{ uuid: string }>(
      `INSERT INTO activities (user_uuid, message, reply_to_activity_uuid, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5) RETURNING uuid`,
      [
        userUuids.get(activity.handle),
        activity.message,
        replyTo,
        hoursFrom(now, -activity.createdHoursAgo),
        hoursFrom(now, activity.expiresInHours),
      ],
    );
    activityUuids.set(activity.key, rows[0]!.uuid);
    if (replyTo !== null) {
      await tx.query('UPDATE activities SET replies_count = replies_count + 1 WHERE uuid = $1', [
        replyTo,
      ]);
    }
  }

  for (const message of seedMessages) {
    const from = userUuids.get(message.from);
    const to = userUuids.get(message.to);
    const groups = await tx.query<{ uuid: string }>(
      `INSERT INTO message_groups (user_a_uuid, user_b_uuid)
       VALUES (LEAST($1::uuid, $2::uuid), GREATEST($1::uuid, $2::uuid))
       ON CONFLICT (user_a_uuid, user_b_uuid) DO UPDATE SET user_a_uuid = EXCLUDED.user_a_uuid
       RETURNING uuid`,
      [from, to],
    );
    await tx.query(
      `INSERT INTO messages (message_group_uuid, user_uuid, message, created_at)
       VALUES ($1, $2, $3, $4)`,
      [groups[0]!.uuid, from, message.message, hoursFrom(now, -message.createdHoursAgo)],
    );
  }
}

/**
 * Inserts the seed data the first time only: the `schema_seeds` row makes a restart, or a second
 * process racing this one (advisory lock), a no-op. Returns whether this call seeded.
 */
export async function seed(db: Database, now: Date = new Date()): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK_ID]);
    // Under the lock: concurrent CREATE TABLE IF NOT EXISTS can still collide in pg_type.
    await tx.query(
      `CREATE TABLE IF NOT EXISTS schema_seeds (
        name text PRIMARY KEY,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`,
    );
    const done = await tx.query('SELECT 1 FROM schema_seeds WHERE name = $1', [SEED_NAME]);
    if (done.length > 0) return false;
    await insertSeed(tx, now);
    await tx.query('INSERT INTO schema_seeds (name) VALUES ($1)', [SEED_NAME]);
    return true;
  });
}
