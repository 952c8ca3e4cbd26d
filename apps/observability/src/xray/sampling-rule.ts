import { z } from 'zod';

/** A sampling rule as the API and the SDKs exchange it. */
export interface SamplingRule {
  readonly RuleName: string;
  readonly RuleARN: string;
  readonly ResourceARN: string;
  readonly Priority: number;
  readonly FixedRate: number;
  readonly ReservoirSize: number;
  readonly ServiceName: string;
  readonly ServiceType: string;
  readonly Host: string;
  readonly HTTPMethod: string;
  readonly URLPath: string;
  readonly Version: number;
  readonly Attributes: Record<string, string>;
}

export interface SamplingRuleRecord {
  readonly SamplingRule: SamplingRule;
  /** Epoch seconds. */
  readonly CreatedAt: number;
  readonly ModifiedAt: number;
}

/** X-Ray's quota of user sampling rules per account and region. */
export const MAX_SAMPLING_RULES = 25;
export const DEFAULT_RULE_NAME = 'Default';
export const ARN_PREFIX = 'arn:aws:xray:us-east-1:000000000000';

/**
 * X-Ray's built-in catch-all: 1 request a second, then 5 %. Priority 10000 is above what users
 * may set, so it always matches last.
 */
export function defaultSamplingRule(createdAt: number): SamplingRuleRecord {
  return {
    SamplingRule: {
      RuleName: DEFAULT_RULE_NAME,
      RuleARN: `${ARN_PREFIX}:sampling-rule/${DEFAULT_RULE_NAME}`,
      ResourceARN: '*',
      Priority: 10_000,
      FixedRate: 0.05,
      ReservoirSize: 1,
      ServiceName: '*',
      ServiceType: '*',
      Host: '*',
      HTTPMethod: '*',
      URLPath: '*',
      Version: 1,
      Attributes: {},
    },
    CreatedAt: createdAt,
    ModifiedAt: createdAt,
  };
}

const matcher = (max: number) => z.string().min(1).max(max);

/** CreateSamplingRule's `SamplingRule`, with X-Ray's bounds. */
export const samplingRuleInputSchema = z.object({
  RuleName: z
    .string()
    .min(1)
    .max(32)
    .regex(/^[A-Za-z0-9_-]+$/, 'may hold letters, digits, _ and - only'),
  RuleARN: z.string().optional(),
  ResourceARN: z.string().max(500),
  Priority: z.number().int().min(1).max(9_999),
  FixedRate: z.number().min(0).max(1),
  ReservoirSize: z.number().int().min(0),
  ServiceName: matcher(64),
  ServiceType: matcher(64),
  Host: matcher(64),
  HTTPMethod: matcher(10),
  URLPath: matcher(128),
  Version: z.number().int().min(1),
  Attributes: z.record(z.string().min(1).max(32), z.string().min(1).max(32)).optional(),
});
export type SamplingRuleInput = z.infer<typeof samplingRuleInputSchema>;

/**
 * Rules the X-Ray SDKs would fetch and then silently ignore are refused with the reason, so a
 * rule that is accepted is a rule that applies.
 */
export function ignoredBySdks(rule: SamplingRuleInput): string | undefined {
  if (rule.Version !== 1) {
    return `Version ${rule.Version} is not supported: the X-Ray SDKs only apply rules with Version 1`;
  }
  if (rule.ResourceARN !== '*') {
    return 'ResourceARN must be "*": the X-Ray SDKs ignore rules that match on a resource ARN';
  }
  return undefined;
}
