import { MAX_ISSUE_SUMMARIES } from './otlp-limits.js';

interface IssueTally {
  count: number;
  readonly firstAt: string;
}

/** Which request is being decoded; names the path segments the way the .proto does. */
export interface SignalNames {
  readonly resources: 'resource_spans' | 'resource_logs';
  readonly scopes: 'scope_spans' | 'scope_logs';
  readonly items: 'spans' | 'log_records';
  readonly itemNoun: 'span' | 'log record';
}

export const TRACE_NAMES: SignalNames = {
  resources: 'resource_spans',
  scopes: 'scope_spans',
  items: 'spans',
  itemNoun: 'span',
};

export const LOGS_NAMES: SignalNames = {
  resources: 'resource_logs',
  scopes: 'scope_logs',
  items: 'log_records',
  itemNoun: 'log record',
};

/**
 * Per-request decoding state shared by the protobuf and JSON decoders: where we are (as plain
 * indices, turned into a path only when something is reported) and the rejections and warnings
 * so far, tallied by reason so that a request with 10,000 bad spans still yields a short
 * partial-success message.
 */
export class DecodeContext {
  readonly names: SignalNames;
  resourceIndex = -1;
  scopeIndex = -1;
  itemIndex = -1;
  rejected = 0;
  readonly #rejections = new Map<string, IssueTally>();
  readonly #warnings = new Map<string, IssueTally>();

  constructor(names: SignalNames) {
    this.names = names;
  }

  /** The current location, e.g. `resource_spans[0].scope_spans[1].spans[3]`. */
  where(): string {
    const n = this.names;
    let path = `${n.resources}[${this.resourceIndex}]`;
    if (this.scopeIndex >= 0) path += `.${n.scopes}[${this.scopeIndex}]`;
    if (this.itemIndex >= 0) path += `.${n.items}[${this.itemIndex}]`;
    return path;
  }

  enterResource(index: number): void {
    this.resourceIndex = index;
    this.scopeIndex = -1;
    this.itemIndex = -1;
  }

  enterScope(index: number): void {
    this.scopeIndex = index;
    this.itemIndex = -1;
  }

  enterItem(index: number): void {
    this.itemIndex = index;
  }

  /** Leaves the item level so that issues found later (scope attributes) are placed right. */
  leaveItems(): void {
    this.itemIndex = -1;
  }

  /** Counts the current item as rejected; `reason` must be fixed text so that tallies merge. */
  reject(reason: string): void {
    this.rejected++;
    tally(this.#rejections, reason, this);
  }

  /** Records a non-fatal change made to the data (truncation, dropping); fixed text as well. */
  warn(message: string, count = 1): void {
    const existing = this.#warnings.get(message);
    if (existing) existing.count += count;
    else this.#warnings.set(message, { count, firstAt: this.where() });
  }

  /** Summaries for the partial-success `error_message`: rejections first, then warnings. */
  summaries(): string[] {
    const out: string[] = [];
    const noun = this.names.itemNoun;
    for (const [reason, t] of this.#rejections) {
      out.push(
        `${t.count} ${noun}${t.count === 1 ? '' : 's'} rejected: ${reason} (first at ${t.firstAt})`,
      );
    }
    for (const [message, t] of this.#warnings) {
      out.push(`${message} (${t.count}×, first at ${t.firstAt})`);
    }
    if (out.length <= MAX_ISSUE_SUMMARIES) return out;
    const kept = out.slice(0, MAX_ISSUE_SUMMARIES);
    kept.push(`${out.length - MAX_ISSUE_SUMMARIES} more kinds of issue not shown`);
    return kept;
  }
}

function tally(map: Map<string, IssueTally>, key: string, ctx: DecodeContext): void {
  const existing = map.get(key);
  if (existing) existing.count++;
  else map.set(key, { count: 1, firstAt: ctx.where() });
}
