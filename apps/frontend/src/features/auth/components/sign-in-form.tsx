import { FormErrors } from '../../../components/form-errors.js';
import { useCheckedSubmit } from '../../../lib/use-checked-submit.js';
import { type SessionUser, signIn } from '../api/sessions-api.js';

/**
 * Signs in by handle alone: the API has no passwords yet, so the password field says so rather
 * than pretending to check one.
 */
export function SignInForm({ onSignedIn }: { onSignedIn: (user: SessionUser) => void }) {
  const form = useCheckedSubmit({
    check: (handle) => (handle.trim() === '' ? 'Enter your handle.' : undefined),
    send: (handle) => signIn(handle.trim().replace(/^@/, '')),
    onSent: onSignedIn,
  });

  return (
    <form className="auth-form" onSubmit={form.submit} noValidate aria-label="Sign in">
      <label>
        <span>Handle</span>
        <input
          name="handle"
          autoComplete="username"
          placeholder="worf"
          value={form.value}
          onChange={(event) => form.setValue(event.target.value)}
        />
      </label>
      <label>
        <span>Password</span>
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          disabled
          placeholder="not needed yet"
        />
      </label>
      <p className="hint">
        Passwords arrive with real sign-up. For now any seeded handle signs you in: andrewbrown,
        worf, garek.
      </p>
      <FormErrors problem={form.problem} error={form.error} />
      <button type="submit" className="button-primary" disabled={form.sending}>
        {form.sending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
