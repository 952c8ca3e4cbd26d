import type { UsersRepository } from '../users/users-repository.js';
import type { MessagesRepository } from './messages-repository.js';

export interface MessagesDeps {
  messages: MessagesRepository;
  users: UsersRepository;
  now: () => Date;
}
