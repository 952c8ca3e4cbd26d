import { randomBytes } from 'node:crypto';
import type { SamplingRule, SamplingRuleRecord } from '../xray/sampling-rule.js';
import type { XrayGroup } from '../xray/xray-group.js';
import type { TelemetryStore } from './telemetry-store.js';

const GROUPS_DDL = `CREATE TABLE IF NOT EXISTS xray_groups (
  name VARCHAR NOT NULL,
  group_json VARCHAR NOT NULL,
  created_at_ms BIGINT NOT NULL
)`;

const RULES_DDL = `CREATE TABLE IF NOT EXISTS xray_sampling_rules (
  name VARCHAR NOT NULL,
  record_json VARCHAR NOT NULL,
  created_at_ms BIGINT NOT NULL
)`;

/** The name is already taken. */
export class DuplicateNameError extends Error {
  override name = 'DuplicateNameError';
}

/**
 * X-Ray groups and sampling rules, durable in their own DuckDB tables beside the events and held
 * in memory, since the sampling paths read them on every SDK poll.
 */
export class XraySettingsStore {
  readonly #groups = new Map<string, XrayGroup>();
  readonly #rules = new Map<string, SamplingRuleRecord>();

  private constructor(private readonly store: TelemetryStore) {}

  static async open(store: TelemetryStore): Promise<XraySettingsStore> {
    await store.query(GROUPS_DDL);
    await store.query(RULES_DDL);
    const settings = new XraySettingsStore(store);
    for (const row of await store.query(
      'SELECT group_json FROM xray_groups ORDER BY created_at_ms',
    )) {
      const group = JSON.parse(String(row.group_json)) as XrayGroup;
      settings.#groups.set(group.GroupName, group);
    }
    for (const row of await store.query(
      'SELECT record_json FROM xray_sampling_rules ORDER BY created_at_ms',
    )) {
      const record = JSON.parse(String(row.record_json)) as SamplingRuleRecord;
      settings.#rules.set(record.SamplingRule.RuleName, record);
    }
    return settings;
  }

  groups(): XrayGroup[] {
    return [...this.#groups.values()];
  }

  group(name: string): XrayGroup | undefined {
    return this.#groups.get(name);
  }

  groupByArn(arn: string): XrayGroup | undefined {
    return this.groups().find((group) => group.GroupARN === arn);
  }

  /** Claims the name in memory first, so two concurrent creates cannot both succeed. */
  async createGroup(group: XrayGroup): Promise<void> {
    if (this.#groups.has(group.GroupName)) throw new DuplicateNameError(group.GroupName);
    this.#groups.set(group.GroupName, group);
    try {
      await this.store.query('INSERT INTO xray_groups VALUES ($1, $2, $3)', [
        group.GroupName,
        JSON.stringify(group),
        BigInt(Date.now()),
      ]);
    } catch (error) {
      this.#groups.delete(group.GroupName);
      throw error;
    }
  }

  async deleteGroup(name: string): Promise<boolean> {
    if (!this.#groups.delete(name)) return false;
    await this.store.query('DELETE FROM xray_groups WHERE name = $1', [name]);
    return true;
  }

  rules(): SamplingRuleRecord[] {
    return [...this.#rules.values()];
  }

  async createRule(rule: SamplingRule, nowSeconds: number): Promise<SamplingRuleRecord> {
    if (this.#rules.has(rule.RuleName)) throw new DuplicateNameError(rule.RuleName);
    const record: SamplingRuleRecord = {
      SamplingRule: rule,
      CreatedAt: nowSeconds,
      ModifiedAt: nowSeconds,
    };
    this.#rules.set(rule.RuleName, record);
    try {
      await this.store.query('INSERT INTO xray_sampling_rules VALUES ($1, $2, $3)', [
        rule.RuleName,
        JSON.stringify(record),
        BigInt(Date.now()),
      ]);
    } catch (error) {
      this.#rules.delete(rule.RuleName);
      throw error;
    }
    return record;
  }

  async deleteRule(name: string): Promise<SamplingRuleRecord | undefined> {
    const record = this.#rules.get(name);
    if (record === undefined) return undefined;
    this.#rules.delete(name);
    await this.store.query('DELETE FROM xray_sampling_rules WHERE name = $1', [name]);
    return record;
  }
}

/** A random id for ARNs, as X-Ray appends one to group ARNs. */
export function newArnId(): string {
  return randomBytes(13).toString('base64url').slice(0, 26).toUpperCase();
}
