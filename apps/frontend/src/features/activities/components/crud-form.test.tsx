import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type InProcessApi, startInProcessApi } from '../../../../test/support/in-process-api.js';

let api: InProcessApi;
let CrudForm: typeof import('./crud-form.js').CrudForm;

beforeAll(async () => {
  api = await startInProcessApi(window.location.origin);
  vi.stubEnv('VITE_BACKEND_URL', api.url);
  ({ CrudForm } = await import('./crud-form.js'));
}, 60_000);

afterEach(cleanup);

afterAll(async () => {
  vi.unstubAllEnvs();
  await api?.stop();
});

describe('the crud form', () => {
  it('counts characters as they are typed, emoji as one', async () => {
    render(<CrudForm onCreated={() => undefined} />);
    await userEvent.type(screen.getByLabelText('What would you like to say?'), 'Qapla 🖖');
    expect(screen.getByTestId('character-counter').textContent).toBe('7/280');
  });

  it('offers the seven time-to-live choices, seven days first selected', () => {
    render(<CrudForm onCreated={() => undefined} />);
    const select = screen.getByLabelText('expires in') as HTMLSelectElement;
    expect([...select.options].map((option) => option.value)).toEqual([
      '30-days',
      '7-days',
      '3-days',
      '1-day',
      '12-hours',
      '3-hours',
      '1-hour',
    ]);
    expect(select.value).toBe('7-days');
  });

  it('refuses a blank crud without calling the API', async () => {
    const onCreated = vi.fn();
    render(<CrudForm onCreated={onCreated} />);
    await userEvent.type(screen.getByLabelText('What would you like to say?'), '   ');
    await userEvent.click(screen.getByRole('button', { name: 'Crud' }));
    expect(screen.getByRole('alert').textContent).toBe('Write something first.');
    expect(onCreated).not.toHaveBeenCalled();
  });

  it('marks a crud past 280 characters and says by how much', async () => {
    render(<CrudForm onCreated={() => undefined} />);
    const box = screen.getByLabelText('What would you like to say?');
    await userEvent.click(box);
    await userEvent.paste('x'.repeat(283));
    const counter = screen.getByTestId('character-counter');
    expect(counter.textContent).toBe('283/280');
    expect(counter.className).toContain('counter-over');
    await userEvent.click(screen.getByRole('button', { name: 'Crud' }));
    expect(screen.getByRole('alert').textContent).toBe('3 characters too many.');
  });

  it('posts to the API with the chosen time-to-live and clears the draft', async () => {
    const onCreated = vi.fn();
    render(<CrudForm onCreated={onCreated} />);
    const box = screen.getByLabelText('What would you like to say?') as HTMLTextAreaElement;
    await userEvent.type(box, 'Component crud');
    await userEvent.selectOptions(screen.getByLabelText('expires in'), '3-hours');
    await userEvent.click(screen.getByRole('button', { name: 'Crud' }));
    await vi.waitFor(() => expect(onCreated).toHaveBeenCalledOnce());
    const created = onCreated.mock.calls[0]![0] as {
      message: string;
      created_at: string;
      expires_at: string;
    };
    expect(created.message).toBe('Component crud');
    expect(Date.parse(created.expires_at) - Date.parse(created.created_at)).toBe(3 * 3_600_000);
    expect(box.value).toBe('');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
