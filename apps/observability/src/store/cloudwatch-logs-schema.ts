/**
 * CloudWatch Logs log groups and streams. Their events live in `logs` (signal 2, `log_group`,
 * `log_stream`); these tables keep what the API reports about the containers.
 */
export const LOG_GROUPS_DDL = `CREATE TABLE IF NOT EXISTS cloudwatch_log_groups (
  name VARCHAR PRIMARY KEY,
  creation_time_ms BIGINT NOT NULL,
  retention_days INTEGER,
  kms_key_id VARCHAR,
  log_group_class VARCHAR NOT NULL,
  tags_json VARCHAR NOT NULL
)`;

export const LOG_STREAMS_DDL = `CREATE TABLE IF NOT EXISTS cloudwatch_log_streams (
  group_name VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  creation_time_ms BIGINT NOT NULL,
  first_event_ms BIGINT,
  last_event_ms BIGINT,
  last_ingestion_ms BIGINT,
  stored_bytes BIGINT NOT NULL,
  upload_sequence BIGINT NOT NULL,
  PRIMARY KEY (group_name, name)
)`;

export const CLOUDWATCH_LOGS_DDL = [LOG_GROUPS_DDL, LOG_STREAMS_DDL] as const;
