import type { Database, Queryable } from '../../db/database.js';
import type { Message, MessageGroup } from './message.js';

type Row<T extends { created_at: string }> = Omit<T, 'created_at'> & { created_at: Date };

const withIsoTime = <T extends { created_at: string }>(row: Row<T>): T =>
  ({ ...row, created_at: row.created_at.toISOString() }) as T;

const SELECT_MESSAGE = `SELECT m.uuid, m.message_group_uuid, u.display_name, u.handle, m.message,
  m.created_at
FROM messages m JOIN users u ON u.uuid = m.user_uuid`;

export interface NewMessage {
  senderUuid: string;
  receiverUuid: string;
  message: string;
  createdAt: Date;
}

export interface MessagesRepository {
  listGroups(userUuid: string): Promise<MessageGroup[]>;
  listBetween(userUuid: string, otherUuid: string): Promise<Message[]>;
  create(message: NewMessage): Promise<Message>;
}

/** The pair's group, created on first message; the pair is stored lower uuid first. */
async function groupFor(tx: Queryable, a: string, b: string): Promise<string> {
  const rows = await tx.query<{ uuid: string }>(
    `INSERT INTO message_groups (user_a_uuid, user_b_uuid)
     VALUES (LEAST($1::uuid, $2::uuid), GREATEST($1::uuid, $2::uuid))
     ON CONFLICT (user_a_uuid, user_b_uuid) DO UPDATE SET user_a_uuid = EXCLUDED.user_a_uuid
     RETURNING uuid`,
    [a, b],
  );
  return rows[0]!.uuid;
}

export function createMessagesRepository(db: Database): MessagesRepository {
  return {
    async listGroups(userUuid) {
      const rows = await db.query<Row<MessageGroup>>(
        `SELECT g.uuid, other.display_name, other.handle, latest.message, latest.created_at
         FROM message_groups g
         JOIN users other ON other.uuid =
           CASE WHEN g.user_a_uuid = $1 THEN g.user_b_uuid ELSE g.user_a_uuid END
         JOIN LATERAL (
           SELECT m.message, m.created_at FROM messages m
           WHERE m.message_group_uuid = g.uuid
           ORDER BY m.created_at DESC LIMIT 1
         ) latest ON true
         WHERE $1 IN (g.user_a_uuid, g.user_b_uuid)
         ORDER BY latest.created_at DESC`,
        [userUuid],
      );
      return rows.map(withIsoTime);
    },
    async listBetween(userUuid, otherUuid) {
      const rows = await db.query<Row<Message>>(
        `${SELECT_MESSAGE}
         JOIN message_groups g ON g.uuid = m.message_group_uuid
         WHERE g.user_a_uuid = LEAST($1::uuid, $2::uuid)
           AND g.user_b_uuid = GREATEST($1::uuid, $2::uuid)
         ORDER BY m.created_at ASC`,
        [userUuid, otherUuid],
      );
      return rows.map(withIsoTime);
    },
    create: (message) =>
      db.transaction(async (tx) => {
        const groupUuid = await groupFor(tx, message.senderUuid, message.receiverUuid);
        const inserted = await tx.query<{ uuid: string }>(
          `INSERT INTO messages (message_group_uuid, user_uuid, message, created_at)
           VALUES ($1, $2, $3, $4) RETURNING uuid`,
          [groupUuid, message.senderUuid, message.message, message.createdAt],
        );
        const rows = await tx.query<Row<Message>>(`${SELECT_MESSAGE} WHERE m.uuid = $1`, [
          inserted[0]!.uuid,
        ]);
        return withIsoTime(rows[0]!);
      }),
  };
}
