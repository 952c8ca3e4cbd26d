import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import type { SpanView } from '../../../../src/contract/trace-view.js';
import { SpanDetails } from './span-details.js';
import { Waterfall } from './waterfall.js';

afterEach(cleanup);

const PAYLOAD = '<img src=x onerror=alert(1)>';

function span(spanId: string, parentSpanId: string | null, name: string): SpanView {
  return {
    traceId: 'b'.repeat(32),
    spanId,
    parentSpanId,
    name,
    service: 'cruddur-backend',
    kind: 'server',
    startTimeUnixNano: '1763700000000000000',
    durationMs: 12,
    status: { code: 'error', message: PAYLOAD },
    attributes: { 'xss.payload': PAYLOAD, nested: { html: '<b>x</b>' } },
    resource: { 'service.name': 'cruddur-backend' },
    events: [
      {
        timeUnixNano: '1763700000001000000',
        name: 'exception',
        attributes: { 'exception.message': PAYLOAD },
      },
    ],
    links: [],
    source: 'otlp',
  };
}

describe('waterfall and span details render user data as text', () => {
  it('shows an HTML payload in names, attributes, events and logs literally', () => {
    const s = span('0000000000000001', null, PAYLOAD);
    const { container } = render(
      <MemoryRouter>
        <SpanDetails
          span={s}
          logs={[
            {
              timeUnixNano: s.startTimeUnixNano,
              spanId: s.spanId,
              service: 'cruddur-backend',
              severity: 'INFO',
              body: PAYLOAD,
              logGroup: null,
              logStream: null,
            },
          ]}
        />
      </MemoryRouter>,
    );
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    const attributes = screen.getByRole('table', { name: 'Attributes' });
    expect(within(attributes).getByText(PAYLOAD)).toBeTruthy();
    expect(within(attributes).getByText('{"html":"<b>x</b>"}')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2 }).textContent).toContain(PAYLOAD);
    expect(screen.getAllByText(PAYLOAD, { exact: false }).length).toBeGreaterThanOrEqual(4);
  });

  it('collapses and selects spans from the keyboard', async () => {
    const user = userEvent.setup();
    const spans = [
      span('0000000000000001', null, 'root'),
      span('0000000000000002', '0000000000000001', 'child'),
    ];
    const selected: string[] = [];
    const toggled: string[] = [];
    render(
      <Waterfall
        spans={spans}
        collapsed={new Set()}
        selectedSpanId="0000000000000001"
        onSelect={(id) => selected.push(id)}
        onToggle={(id) => toggled.push(id)}
      />,
    );
    expect(screen.getAllByRole('treeitem')).toHaveLength(2);
    screen.getAllByRole('button', { name: /root/ }).at(-1)!.focus();
    await user.keyboard('{ArrowDown}');
    expect(selected).toEqual(['0000000000000002']);
    await user.keyboard('{ArrowLeft}');
    expect(toggled).toEqual(['0000000000000001']);
    await user.click(screen.getByRole('button', { name: 'Collapse root' }));
    expect(toggled).toEqual(['0000000000000001', '0000000000000001']);
  });
});
