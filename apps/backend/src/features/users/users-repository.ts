import type { Queryable } from '../../db/database.js';
import type { User } from './user.js';

export interface UsersRepository {
  findByHandle(handle: string): Promise<User | undefined>;
  findByUuid(uuid: string): Promise<User | undefined>;
}

const USER_COLUMNS = 'uuid, handle, display_name';

export function createUsersRepository(db: Queryable): UsersRepository {
  return {
    async findByHandle(handle) {
      const rows = await db.query<User>(`SELECT ${USER_COLUMNS} FROM users WHERE handle = $1`, [
        handle,
      ]);
      return rows[0];
    },
    async findByUuid(uuid) {
      const rows = await db.query<User>(`SELECT ${USER_COLUMNS} FROM users WHERE uuid = $1`, [
        uuid,
      ]);
      return rows[0];
    },
  };
}
