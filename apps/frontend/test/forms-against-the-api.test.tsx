import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Activity } from '../src/features/activities/api/activity-schemas.js';
import { type InProcessApi, startInProcessApi } from './support/in-process-api.js';

let api: InProcessApi;
let ReplyForm: typeof import('../src/features/activities/components/reply-form.js').ReplyForm;
let SignInForm: typeof import('../src/features/auth/components/sign-in-form.js').SignInForm;
let MessageForm: typeof import('../src/features/messages/components/message-form.js').MessageForm;
let crud: Activity;

beforeAll(async () => {
  api = await startInProcessApi(window.location.origin);
  // Read when the modules load: the forms must call this API, not the default port.
  vi.stubEnv('VITE_BACKEND_URL', api.url);
  ({ ReplyForm } = await import('../src/features/activities/components/reply-form.js'));
  ({ SignInForm } = await import('../src/features/auth/components/sign-in-form.js'));
  ({ MessageForm } = await import('../src/features/messages/components/message-form.js'));
  crud = ((await (await fetch(`${api.url}/api/activities/home`)).json()) as Activity[])[0]!;
}, 60_000);

afterEach(cleanup);

afterAll(async () => {
  vi.unstubAllEnvs();
  await api?.stop();
});

describe('the reply form', () => {
  it('is labelled for the crud it answers and focused', () => {
    render(<ReplyForm activity={crud} onReplied={() => undefined} onCancel={() => undefined} />);
    expect(screen.getByRole('form', { name: `Reply to @${crud.handle}` })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('textbox'));
  });

  it('refuses a blank reply', async () => {
    const onReplied = vi.fn();
    render(<ReplyForm activity={crud} onReplied={onReplied} onCancel={() => undefined} />);
    await userEvent.click(screen.getByRole('button', { name: 'Reply' }));
    expect(screen.getByRole('alert').textContent).toBe('Write something first.');
    expect(onReplied).not.toHaveBeenCalled();
  });

  it('posts the reply under the crud', async () => {
    const onReplied = vi.fn();
    render(<ReplyForm activity={crud} onReplied={onReplied} onCancel={() => undefined} />);
    await userEvent.type(screen.getByRole('textbox'), 'Well said');
    expect(screen.getByTestId('character-counter').textContent).toBe('9/280');
    await userEvent.click(screen.getByRole('button', { name: 'Reply' }));
    await vi.waitFor(() => expect(onReplied).toHaveBeenCalledOnce());
    expect(onReplied.mock.calls[0]![0]).toMatchObject({
      message: 'Well said',
      reply_to_activity_uuid: crud.uuid,
      expires_at: crud.expires_at,
    });
  });

  it("shows the API's 404 when the crud is gone", async () => {
    const gone = { ...crud, uuid: '00000000-0000-4000-8000-000000000000' };
    render(<ReplyForm activity={gone} onReplied={() => undefined} onCancel={() => undefined} />);
    await userEvent.type(screen.getByRole('textbox'), 'Hello?');
    await userEvent.click(screen.getByRole('button', { name: 'Reply' }));
    await vi.waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'That crud no longer exists (it may have expired).',
      ),
    );
  });

  it('cancels without posting', async () => {
    const onCancel = vi.fn();
    render(<ReplyForm activity={crud} onReplied={() => undefined} onCancel={onCancel} />);
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledOnce();
  });
});

describe('the sign-in form', () => {
  it('asks for a handle before calling the API', async () => {
    const onSignedIn = vi.fn();
    render(<SignInForm onSignedIn={onSignedIn} />);
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByRole('alert').textContent).toBe('Enter your handle.');
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it("shows the API's answer for a handle nobody has", async () => {
    render(<SignInForm onSignedIn={() => undefined} />);
    await userEvent.type(screen.getByLabelText('Handle'), 'quark');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await vi.waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('There is no user with that handle.'),
    );
  });

  it('signs in a seeded user, ignoring a leading @', async () => {
    const onSignedIn = vi.fn();
    render(<SignInForm onSignedIn={onSignedIn} />);
    await userEvent.type(screen.getByLabelText('Handle'), '@worf');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await vi.waitFor(() => expect(onSignedIn).toHaveBeenCalledOnce());
    expect(onSignedIn.mock.calls[0]![0]).toMatchObject({ handle: 'worf', signed_in: true });
  });

  it('says that passwords are not checked yet instead of pretending', () => {
    render(<SignInForm onSignedIn={() => undefined} />);
    expect((screen.getByLabelText('Password') as HTMLInputElement).disabled).toBe(true);
  });
});

describe('the message form', () => {
  it("shows the API's validation message: nobody messages themselves", async () => {
    render(<MessageForm receiverHandle="andrewbrown" onSent={() => undefined} />);
    await userEvent.type(screen.getByRole('textbox'), 'Note to self');
    await userEvent.click(screen.getByRole('button', { name: 'Message' }));
    await vi.waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('You cannot message yourself.'),
    );
  });

  it('sends a message and clears the draft', async () => {
    const onSent = vi.fn();
    render(<MessageForm receiverHandle="worf" onSent={onSent} />);
    const box = screen.getByRole('textbox') as HTMLTextAreaElement;
    await userEvent.type(box, 'Prune juice?');
    await userEvent.click(screen.getByRole('button', { name: 'Message' }));
    await vi.waitFor(() => expect(onSent).toHaveBeenCalledOnce());
    expect(onSent.mock.calls[0]![0]).toMatchObject({
      message: 'Prune juice?',
      handle: 'andrewbrown',
    });
    expect(box.value).toBe('');
  });
});
