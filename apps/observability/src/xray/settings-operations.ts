import { firstIssue } from '../receivers/first-issue.js';
import { DuplicateNameError, newArnId } from '../store/xray-settings-store.js';
import {
  type FilterExpression,
  FilterExpressionError,
  parseFilterExpression,
} from './filter-expression-parser.js';
import { DEFAULT_RULE_NAME, ignoredBySdks, samplingRuleInputSchema } from './sampling-rule.js';
import { RuleLimitError } from './sampling-service.js';
import { invalidRequest, XrayApiError } from './xray-api-error.js';
import {
  createGroupSchema,
  createSamplingRuleSchema,
  groupRefSchema,
  parseRequest,
  ruleRefSchema,
  samplingTargetsSchema,
} from './xray-api-schemas.js';
import {
  DEFAULT_GROUP,
  DEFAULT_GROUP_NAME,
  groupArn,
  groupNameSchema,
  type XrayGroup,
} from './xray-group.js';
import type { XrayServices } from './xray-services.js';

export async function createGroup(services: XrayServices, body: unknown): Promise<unknown> {
  const request = parseRequest(createGroupSchema, body);
  const name = groupNameSchema.safeParse(request.GroupName);
  if (!name.success)
    throw invalidRequest(`GroupName: ${name.error.issues[0]?.message ?? 'invalid'}`);
  if (request.FilterExpression !== undefined) {
    try {
      // A group defined by groups could define itself: refused, as a cycle would never end.
      if (referencesGroup(parseFilterExpression(request.FilterExpression))) {
        throw invalidRequest('A group filter expression cannot refer to groups');
      }
    } catch (error) {
      if (error instanceof FilterExpressionError)
        throw invalidRequest(`Invalid filter expression: ${error.message}`);
      throw error;
    }
  }
  if (name.data === DEFAULT_GROUP_NAME) throw invalidRequest('Group Default already exists');
  const group: XrayGroup = {
    GroupName: name.data,
    GroupARN: groupArn(name.data, newArnId()),
    ...(request.FilterExpression === undefined
      ? {}
      : { FilterExpression: request.FilterExpression }),
    InsightsConfiguration: {
      InsightsEnabled: request.InsightsConfiguration?.InsightsEnabled ?? false,
      NotificationsEnabled: request.InsightsConfiguration?.NotificationsEnabled ?? false,
    },
  };
  try {
    await services.settings.createGroup(group);
  } catch (error) {
    if (error instanceof DuplicateNameError)
      throw invalidRequest(`Group ${name.data} already exists`);
    throw error;
  }
  return { Group: group };
}

export function getGroups(services: XrayServices, body: unknown): unknown {
  parseRequest(groupRefSchema.partial(), body);
  return { Groups: [DEFAULT_GROUP, ...services.settings.groups()] };
}

export function getGroup(services: XrayServices, body: unknown): unknown {
  return { Group: findGroup(services, body) };
}

export async function deleteGroup(services: XrayServices, body: unknown): Promise<unknown> {
  const group = findGroup(services, body);
  if (group.GroupName === DEFAULT_GROUP_NAME)
    throw invalidRequest('The Default group cannot be deleted');
  await services.settings.deleteGroup(group.GroupName);
  return {};
}

function findGroup(services: XrayServices, body: unknown): XrayGroup {
  const request = parseRequest(groupRefSchema, body);
  if (request.GroupName === undefined && request.GroupARN === undefined) {
    throw invalidRequest('GroupName or GroupARN is required');
  }
  if (request.GroupName === DEFAULT_GROUP_NAME || request.GroupARN === DEFAULT_GROUP.GroupARN)
    return DEFAULT_GROUP;
  const group =
    request.GroupName !== undefined
      ? services.settings.group(request.GroupName)
      : services.settings.groupByArn(request.GroupARN!);
  if (group === undefined)
    throw invalidRequest(`Group ${request.GroupName ?? request.GroupARN} not found`);
  return group;
}

export async function createSamplingRule(
  services: XrayServices,
  body: unknown,
  nowS: number,
): Promise<unknown> {
  const request = parseRequest(createSamplingRuleSchema, body);
  const rule = samplingRuleInputSchema.safeParse(request.SamplingRule);
  if (!rule.success) {
    const { where, message } = firstIssue(rule.error, '');
    throw invalidRequest(`SamplingRule.${where}: ${message}`);
  }
  const ignored = ignoredBySdks(rule.data);
  if (ignored !== undefined) throw invalidRequest(ignored);
  try {
    return { SamplingRuleRecord: await services.sampling.create(rule.data, nowS) };
  } catch (error) {
    if (error instanceof DuplicateNameError)
      throw invalidRequest(`Sampling rule ${rule.data.RuleName} already exists`);
    if (error instanceof RuleLimitError)
      throw new XrayApiError('RuleLimitExceededException', error.message);
    throw error;
  }
}

export function getSamplingRules(services: XrayServices): unknown {
  services.sampling.polls.rules++;
  return { SamplingRuleRecords: services.sampling.records() };
}

export async function deleteSamplingRule(
  services: XrayServices,
  body: unknown,
  nowS: number,
): Promise<unknown> {
  const request = parseRequest(ruleRefSchema, body);
  const ref = request.RuleName ?? request.RuleARN;
  if (ref === undefined) throw invalidRequest('RuleName or RuleARN is required');
  const name = services.sampling.findName(ref);
  if (name === DEFAULT_RULE_NAME)
    throw invalidRequest('The Default sampling rule cannot be deleted');
  const record = name === undefined ? undefined : await services.sampling.delete(name, nowS);
  if (record === undefined) throw invalidRequest(`Sampling rule ${ref} not found`);
  return { SamplingRuleRecord: record };
}

export function getSamplingTargets(services: XrayServices, body: unknown, nowS: number): unknown {
  const request = parseRequest(samplingTargetsSchema, body);
  return services.sampling.targets(request.SamplingStatisticsDocuments, nowS);
}

function referencesGroup(expression: FilterExpression): boolean {
  switch (expression.type) {
    case 'group':
      return true;
    case 'and':
    case 'or':
      return referencesGroup(expression.left) || referencesGroup(expression.right);
    case 'not':
      return referencesGroup(expression.operand);
    case 'service':
      return expression.filter !== undefined && referencesGroup(expression.filter);
    default:
      return false;
  }
}
