/** Response shapes as the tests read them; loose on purpose, the tests assert the details. */
export interface ActivityJson {
  uuid: string;
  display_name: string;
  handle: string;
  message: string;
  replies_count: number;
  reply_to_activity_uuid: string | null;
  created_at: string;
  expires_at: string;
  replies?: ActivityJson[];
}

export interface MessageJson {
  uuid: string;
  message_group_uuid: string;
  display_name: string;
  handle: string;
  message: string;
  created_at: string;
}

export interface SessionJson {
  uuid: string;
  handle: string;
  display_name: string;
  signed_in: boolean;
}
