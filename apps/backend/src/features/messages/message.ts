/** One direct message; `handle` and `display_name` are the sender's. */
export interface Message {
  uuid: string;
  message_group_uuid: string;
  display_name: string;
  handle: string;
  message: string;
  created_at: string;
}

/** A conversation as the list shows it: the other person and the latest message. */
export interface MessageGroup {
  uuid: string;
  display_name: string;
  handle: string;
  message: string;
  created_at: string;
}
