import { DuplicateNameError, type XraySettingsStore } from '../store/xray-settings-store.js';
import {
  ARN_PREFIX,
  DEFAULT_RULE_NAME,
  defaultSamplingRule,
  MAX_SAMPLING_RULES,
  type SamplingRuleInput,
  type SamplingRuleRecord,
} from './sampling-rule.js';

export interface SamplingStatistics {
  readonly RuleName: string;
  readonly ClientID: string;
  readonly Timestamp: number;
  readonly RequestCount: number;
  readonly SampledCount: number;
  readonly BorrowCount?: number | undefined;
}

/** How often SDKs should report statistics and fetch targets, in seconds (X-Ray's default). */
const TARGET_INTERVAL_S = 10;
/** A client that has not reported for this long no longer shares a rule's reservoir. */
const CLIENT_ACTIVE_S = 60;

export class RuleLimitError extends Error {
  override name = 'RuleLimitError';
}

/**
 * Centralized sampling: the rules (user rules plus X-Ray's `Default`) and the targets that hand
 * each SDK its share of a rule's per-second reservoir.
 */
export class SamplingService {
  readonly #default: SamplingRuleRecord;
  #lastModification: number;
  /** Per rule, the clients that reported recently and when. */
  readonly #clients = new Map<string, Map<string, number>>();
  /** Per rule, what SDKs reported, for operators reading the health detail. */
  readonly #totals = new Map<string, { requests: number; sampled: number; borrowed: number }>();

  constructor(
    private readonly settings: XraySettingsStore,
    startedAtS: number,
  ) {
    this.#default = defaultSamplingRule(startedAtS);
    this.#lastModification = Math.max(startedAtS, ...settings.rules().map((r) => r.ModifiedAt));
  }

  /** Calls answered, so an operator (or a test) can see that SDKs are polling. */
  readonly polls = { rules: 0, targets: 0 };

  /** Highest priority (lowest number) first, `Default` last. */
  records(): SamplingRuleRecord[] {
    const rules = [...this.settings.rules()].sort(
      (a, b) =>
        a.SamplingRule.Priority - b.SamplingRule.Priority ||
        a.SamplingRule.RuleName.localeCompare(b.SamplingRule.RuleName),
    );
    return [...rules, this.#default];
  }

  async create(input: SamplingRuleInput, nowS: number): Promise<SamplingRuleRecord> {
    if (input.RuleName === DEFAULT_RULE_NAME) throw new DuplicateNameError(input.RuleName);
    if (this.settings.rules().length >= MAX_SAMPLING_RULES) {
      throw new RuleLimitError(
        `at most ${MAX_SAMPLING_RULES} sampling rules may exist besides Default`,
      );
    }
    const record = await this.settings.createRule(
      {
        ...input,
        RuleARN: `${ARN_PREFIX}:sampling-rule/${input.RuleName}`,
        Attributes: input.Attributes ?? {},
      },
      nowS,
    );
    this.#lastModification = nowS;
    return record;
  }

  /** Undefined when no such rule; `Default` cannot be deleted, as in X-Ray. */
  async delete(name: string, nowS: number): Promise<SamplingRuleRecord | undefined> {
    const record = await this.settings.deleteRule(name);
    if (record !== undefined) this.#lastModification = nowS;
    return record;
  }

  findName(nameOrArn: string): string | undefined {
    return this.records().find(
      (r) => r.SamplingRule.RuleName === nameOrArn || r.SamplingRule.RuleARN === nameOrArn,
    )?.SamplingRule.RuleName;
  }

  targets(statistics: readonly SamplingStatistics[], nowS: number): Record<string, unknown> {
    this.polls.targets++;
    const byName = new Map(this.records().map((r) => [r.SamplingRule.RuleName, r.SamplingRule]));
    const targets: Record<string, unknown>[] = [];
    const unprocessed: Record<string, unknown>[] = [];
    for (const stat of statistics) {
      const rule = byName.get(stat.RuleName);
      if (rule === undefined) {
        unprocessed.push({ RuleName: stat.RuleName, ErrorCode: '400', Message: 'Unknown rule' });
        continue;
      }
      const clients = this.#clients.get(rule.RuleName) ?? new Map<string, number>();
      clients.set(stat.ClientID, nowS);
      for (const [client, seen] of clients)
        if (nowS - seen > CLIENT_ACTIVE_S) clients.delete(client);
      this.#clients.set(rule.RuleName, clients);
      const totals = this.#totals.get(rule.RuleName) ?? { requests: 0, sampled: 0, borrowed: 0 };
      totals.requests += stat.RequestCount;
      totals.sampled += stat.SampledCount;
      totals.borrowed += stat.BorrowCount ?? 0;
      this.#totals.set(rule.RuleName, totals);
      targets.push({
        RuleName: rule.RuleName,
        FixedRate: rule.FixedRate,
        ReservoirQuota: reservoirShare(rule.ReservoirSize, [...clients.keys()], stat.ClientID),
        ReservoirQuotaTTL: nowS + TARGET_INTERVAL_S,
        Interval: TARGET_INTERVAL_S,
      });
    }
    return {
      SamplingTargetDocuments: targets,
      LastRuleModification: this.#lastModification,
      UnprocessedStatistics: unprocessed,
    };
  }

  statisticsTotals(): Record<string, { requests: number; sampled: number; borrowed: number }> {
    return Object.fromEntries(this.#totals);
  }
}

/** The reservoir split evenly among active clients; the remainder goes to the first in id order. */
function reservoirShare(size: number, clients: readonly string[], client: string): number {
  const sorted = [...clients].sort();
  const base = Math.floor(size / sorted.length);
  return base + (sorted.indexOf(client) < size % sorted.length ? 1 : 0);
}
