import { z } from 'zod';
import { ARN_PREFIX } from './sampling-rule.js';

export interface XrayGroup {
  readonly GroupName: string;
  readonly GroupARN: string;
  readonly FilterExpression?: string;
  readonly InsightsConfiguration: { InsightsEnabled: boolean; NotificationsEnabled: boolean };
}

export const DEFAULT_GROUP_NAME = 'Default';

/** X-Ray lists a `Default` group (every trace) next to the ones users create. */
export const DEFAULT_GROUP: XrayGroup = {
  GroupName: DEFAULT_GROUP_NAME,
  GroupARN: `${ARN_PREFIX}:group/Default`,
  InsightsConfiguration: { InsightsEnabled: false, NotificationsEnabled: false },
};

export const groupNameSchema = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9_.-]+$/, 'may hold letters, digits, _ . and - only');

export function groupArn(name: string, id: string): string {
  return `${ARN_PREFIX}:group/${name}/${id}`;
}
