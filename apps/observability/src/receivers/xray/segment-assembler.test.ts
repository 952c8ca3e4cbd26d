import { describe, expect, it } from 'vitest';
import { parseXrayDocument } from './parse-xray-document.js';
import { type AssemblerOptions, SegmentAssembler } from './segment-assembler.js';
import type { XrayDocument } from './xray-segment-schema.js';

const TRACE = '1-5759e988-bd862e3fe1be46a994272793';
const OPTIONS: AssemblerOptions = {
  maxHeld: 3,
  inProgressTimeoutMs: 60_000,
  orphanTimeoutMs: 5_000,
  maxRemembered: 100,
};

function doc(fields: Record<string, unknown>): XrayDocument {
  const parsed = parseXrayDocument(
    JSON.stringify({
      trace_id: TRACE,
      name: 'cruddur-backend',
      start_time: 1_700_000_000,
      end_time: 1_700_000_001,
      ...fields,
    }),
  );
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.document;
}

function setup() {
  let now = 0;
  const assembler = new SegmentAssembler(OPTIONS, () => now);
  return { assembler, advance: (ms: number) => (now += ms) };
}

const names = (taken: { ready: { service: string; document: XrayDocument }[] }) =>
  taken.ready.map(
    (r) => `${r.document.name}@${r.service}${r.document.in_progress ? ' (in progress)' : ''}`,
  );

describe('SegmentAssembler', () => {
  it('holds an in-progress segment and releases only its completed version', () => {
    const { assembler } = setup();
    assembler.add(doc({ id: 'a'.repeat(16), end_time: undefined, in_progress: true }));
    expect(assembler.take().ready).toEqual([]);
    expect(assembler.heldInProgress).toBe(1);
    assembler.add(doc({ id: 'a'.repeat(16) }));
    const taken = assembler.take();
    expect(taken.ready).toHaveLength(1);
    expect(taken.ready[0]!.document.end_time).toBe(1_700_000_001);
    expect(assembler.heldInProgress).toBe(0);
  });

  it('ignores an in-progress version that arrives after the completed one', () => {
    const { assembler } = setup();
    assembler.add(doc({ id: 'a'.repeat(16) }));
    assembler.add(doc({ id: 'a'.repeat(16), end_time: undefined, in_progress: true }));
    expect(assembler.take().ready).toHaveLength(1);
    expect(assembler.heldInProgress).toBe(0);
  });

  it('releases an in-progress segment as it is after the timeout', () => {
    const { assembler, advance } = setup();
    assembler.add(doc({ id: 'a'.repeat(16), end_time: undefined, in_progress: true }));
    advance(59_999);
    expect(assembler.take().ready).toEqual([]);
    advance(1);
    expect(names(assembler.take())).toEqual(['cruddur-backend@cruddur-backend (in progress)']);
  });

  it('releases the oldest in-progress segment when the bound is reached', () => {
    const { assembler } = setup();
    for (const c of 'abcd')
      assembler.add(doc({ id: c.repeat(16), name: c, end_time: undefined, in_progress: true }));
    expect(names(assembler.take())).toEqual(['a@a (in progress)']);
    expect(assembler.heldInProgress).toBe(3);
  });

  it('names a subsegment that arrives before its segment after that segment, transitively', () => {
    const { assembler } = setup();
    assembler.add(
      doc({
        id: '2'.repeat(16),
        name: 'grandchild',
        type: 'subsegment',
        parent_id: '1'.repeat(16),
      }),
    );
    assembler.add(
      doc({ id: '1'.repeat(16), name: 'child', type: 'subsegment', parent_id: 'a'.repeat(16) }),
    );
    expect(assembler.take().ready).toEqual([]);
    expect(assembler.heldOrphans).toBe(2);
    assembler.add(doc({ id: 'a'.repeat(16) }));
    expect(names(assembler.take())).toEqual([
      'cruddur-backend@cruddur-backend',
      'child@cruddur-backend',
      'grandchild@cruddur-backend',
    ]);
    expect(assembler.heldOrphans).toBe(0);
  });

  it('names a subsegment after a nested subsegment of a segment it has seen', () => {
    const { assembler } = setup();
    assembler.add(
      doc({
        id: 'a'.repeat(16),
        subsegments: [{ id: 'b'.repeat(16), name: 'sql', start_time: 1, end_time: 2 }],
      }),
    );
    assembler.add(
      doc({ id: 'c'.repeat(16), name: 'row', type: 'subsegment', parent_id: 'b'.repeat(16) }),
    );
    expect(names(assembler.take())).toEqual([
      'cruddur-backend@cruddur-backend',
      'row@cruddur-backend',
    ]);
  });

  it('hands back a subsegment whose segment never came after the orphan timeout', () => {
    const { assembler, advance } = setup();
    assembler.add(
      doc({ id: '1'.repeat(16), name: 'child', type: 'subsegment', parent_id: 'a'.repeat(16) }),
    );
    advance(5_000);
    const taken = assembler.take();
    expect(taken.unresolved.map((d) => d.name)).toEqual(['child']);
    assembler.resolve(taken.unresolved[0]!, undefined);
    expect(names(assembler.take())).toEqual(['child@unknown_service']);
  });

  it('drains everything held at shutdown', () => {
    const { assembler } = setup();
    assembler.add(doc({ id: 'a'.repeat(16), end_time: undefined, in_progress: true }));
    assembler.add(
      doc({ id: '1'.repeat(16), name: 'child', type: 'subsegment', parent_id: 'f'.repeat(16) }),
    );
    const drained = assembler.drain();
    expect(names(drained)).toEqual(['cruddur-backend@cruddur-backend (in progress)']);
    expect(drained.unresolved.map((d) => d.name)).toEqual(['child']);
    expect(assembler.heldInProgress + assembler.heldOrphans).toBe(0);
  });
});
