import type { Migration } from './migration.js';

export const createSchema: Migration = {
  version: 1,
  name: 'create-schema',
  statements: [
    `CREATE TABLE users (
      uuid uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      display_name text NOT NULL,
      handle text NOT NULL UNIQUE CHECK (handle ~ '^[a-z0-9_]+$'),
      email text,
      cognito_user_id text,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE TABLE activities (
      uuid uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_uuid uuid NOT NULL REFERENCES users (uuid),
      message text NOT NULL,
      replies_count integer NOT NULL DEFAULT 0,
      reposts_count integer NOT NULL DEFAULT 0,
      likes_count integer NOT NULL DEFAULT 0,
      reply_to_activity_uuid uuid REFERENCES activities (uuid),
      expires_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    'CREATE INDEX activities_feed_idx ON activities (created_at DESC) WHERE reply_to_activity_uuid IS NULL',
    'CREATE INDEX activities_user_idx ON activities (user_uuid, created_at DESC)',
    'CREATE INDEX activities_reply_to_idx ON activities (reply_to_activity_uuid)',
    // A pair is stored once, lower uuid first, so "the group of A and B" has one row.
    `CREATE TABLE message_groups (
      uuid uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_a_uuid uuid NOT NULL REFERENCES users (uuid),
      user_b_uuid uuid NOT NULL REFERENCES users (uuid),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (user_a_uuid, user_b_uuid),
      CHECK (user_a_uuid < user_b_uuid)
    )`,
    `CREATE TABLE messages (
      uuid uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      message_group_uuid uuid NOT NULL REFERENCES message_groups (uuid),
      user_uuid uuid NOT NULL REFERENCES users (uuid),
      message text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    'CREATE INDEX messages_group_idx ON messages (message_group_uuid, created_at)',
  ],
};
