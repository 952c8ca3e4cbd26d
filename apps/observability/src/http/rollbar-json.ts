import type { ErrorItemView, ErrorOccurrenceView } from '../contract/error-view.js';

/** Everything is one project here. */
const PROJECT_ID = 1;

const seconds = (ms: number | null) => (ms === null ? null : Math.floor(ms / 1000));

/** An item as Rollbar's read API shows it (times in Unix seconds). */
export function itemToRollbarJson(item: ErrorItemView): Record<string, unknown> {
  return {
    id: item.id,
    counter: item.id,
    project_id: PROJECT_ID,
    environment: item.environment,
    framework: item.framework,
    platform: item.platform,
    level: item.level,
    status: item.status,
    title: item.title,
    hash: item.fingerprint,
    total_occurrences: item.totalOccurrences,
    unique_occurrences: null,
    first_occurrence_id: item.firstOccurrenceId,
    first_occurrence_timestamp: seconds(item.firstOccurrenceMs),
    last_occurrence_id: item.lastOccurrenceId,
    last_occurrence_timestamp: seconds(item.lastOccurrenceMs),
    last_activated_timestamp: seconds(item.lastActivatedMs ?? item.firstOccurrenceMs),
    activating_occurrence_id: item.activatingOccurrenceId ?? item.firstOccurrenceId,
    last_resolved_timestamp: seconds(item.lastResolvedMs),
    resolved_in_version: item.resolvedInVersion,
    assigned_user_id: null,
    assigned_team_id: null,
  };
}

/** An occurrence as Rollbar's `/instance` shows it: the payload it was sent as, under `data`. */
export function occurrenceToRollbarJson(occurrence: ErrorOccurrenceView): Record<string, unknown> {
  return {
    id: occurrence.id,
    project_id: PROJECT_ID,
    item_id: occurrence.itemId,
    timestamp: seconds(occurrence.timeMs),
    version: 2,
    data: occurrence.data,
    billable: 1,
  };
}
