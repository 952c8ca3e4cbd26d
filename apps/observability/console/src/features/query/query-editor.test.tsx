import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { QueryEditor } from './query-editor.js';
import { stateToSpec } from './query-state.js';
import { searchToState } from './query-url.js';

afterEach(cleanup);

function renderEditor(initial = '/query') {
  const router = createMemoryRouter(
    [
      {
        path: '/query',
        element: (
          <QueryEditor
            datasets={['cruddur-backend', 'cruddur-frontend']}
            columns={['duration_ms', 'app.userId', 'http.route']}
          />
        ),
      },
    ],
    { initialEntries: [initial] },
  );
  render(<RouterProvider router={router} />);
  const spec = () => stateToSpec(searchToState(router.state.location.search));
  const dataset = () => searchToState(router.state.location.search).dataset;
  return { router, spec, dataset };
}

describe('QueryEditor: the builder bound to the URL', () => {
  it('builds AVG(duration_ms) WHERE … GROUP BY app.userId and puts the spec in the URL', async () => {
    const user = userEvent.setup();
    const { router, spec, dataset } = renderEditor();
    await user.selectOptions(screen.getByLabelText('Dataset'), 'cruddur-backend');
    await user.selectOptions(screen.getByLabelText('Calculation 1 operator'), 'AVG');
    await user.type(screen.getByLabelText('Calculation 1 column'), 'duration_ms');
    await user.click(screen.getByRole('button', { name: '+ Filter' }));
    await user.type(screen.getByLabelText('Filter 1 column'), 'http.route');
    await user.selectOptions(screen.getByLabelText('Filter 1 operator'), 'starts-with');
    await user.type(screen.getByLabelText('Filter 1 value'), '/api');
    await user.click(screen.getByRole('button', { name: '+ Group by' }));
    await user.type(screen.getByLabelText('Group by 1'), 'app.userId');
    await user.click(screen.getByRole('button', { name: '+ Order' }));
    await user.selectOptions(screen.getByLabelText('Order 1 term'), 'AVG(duration_ms)');
    await user.selectOptions(screen.getByLabelText('Time range preset'), '3600');
    const limit = screen.getByLabelText('Limit');
    await user.clear(limit);
    await user.type(limit, '20');
    expect(router.state.location.search).toBe('');

    await user.click(screen.getByRole('button', { name: 'Run query' }));
    expect(router.state.location.pathname).toBe('/query');
    expect(dataset()).toBe('cruddur-backend');
    expect(spec()).toEqual({
      calculations: [{ op: 'AVG', column: 'duration_ms' }],
      filters: [{ column: 'http.route', op: 'starts-with', value: '/api' }],
      breakdowns: ['app.userId'],
      orders: [{ op: 'AVG', column: 'duration_ms', order: 'descending' }],
      limit: 20,
      time_range: 3600,
    });
  });

  it('restores the builder from a shared link, and from history on back', async () => {
    const user = userEvent.setup();
    const shared = new URLSearchParams({
      dataset: 'cruddur-frontend',
      query: JSON.stringify({
        calculations: [{ op: 'P99', column: 'duration_ms' }],
        filters: [
          { column: 'app.userId', op: 'in', value: ['worf', 'ro'] },
          { column: 'error', op: 'exists' },
        ],
        filter_combination: 'OR',
        havings: [{ calculate_op: 'COUNT', op: '>', value: 2 }],
        start_time: 1_763_700_000,
        end_time: 1_763_703_600,
      }),
    });
    const { router, spec } = renderEditor(`/query?${shared}`);
    expect(screen.getByLabelText<HTMLSelectElement>('Dataset').value).toBe('cruddur-frontend');
    expect(screen.getByLabelText<HTMLSelectElement>('Calculation 1 operator').value).toBe('P99');
    expect(screen.getByLabelText<HTMLInputElement>('Filter 1 value').value).toBe('worf, ro');
    expect(screen.getByLabelText<HTMLSelectElement>('Filter combination').value).toBe('OR');
    expect(screen.queryByLabelText('Filter 2 value')).toBeNull();
    expect(screen.getByLabelText<HTMLInputElement>('Having 1 value').value).toBe('2');
    expect(screen.getByLabelText<HTMLSelectElement>('Time range preset').value).toBe('absolute');
    const before = spec();

    await user.selectOptions(screen.getByLabelText('Filter combination'), 'AND');
    await user.click(screen.getByRole('button', { name: 'Remove having 1' }));
    await user.click(screen.getByRole('button', { name: 'Run query' }));
    expect(spec().filter_combination).toBeUndefined();
    expect(spec().havings).toBeUndefined();
    expect(screen.queryByLabelText('Having 1 value')).toBeNull();

    await act(() => router.navigate(-1));
    expect(spec()).toEqual(before);
    expect(screen.getByLabelText<HTMLSelectElement>('Filter combination').value).toBe('OR');
    expect(screen.getByLabelText<HTMLInputElement>('Having 1 value').value).toBe('2');
  });

  it('runs on Enter, so the builder works from the keyboard', async () => {
    const user = userEvent.setup();
    const { spec } = renderEditor();
    await user.selectOptions(screen.getByLabelText('Calculation 1 operator'), 'MAX');
    await user.type(screen.getByLabelText('Calculation 1 column'), 'duration_ms{Enter}');
    expect(spec().calculations).toEqual([{ op: 'MAX', column: 'duration_ms' }]);
  });
});
