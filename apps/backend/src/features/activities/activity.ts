/** A crud as the API returns it; times are ISO 8601 strings in UTC. */
export interface Activity {
  uuid: string;
  display_name: string;
  handle: string;
  message: string;
  replies_count: number;
  reposts_count: number;
  likes_count: number;
  reply_to_activity_uuid: string | null;
  created_at: string;
  expires_at: string;
}

export interface ActivityWithReplies extends Activity {
  replies: Activity[];
}
