import { Link, useNavigate } from 'react-router-dom';
import { SignInForm } from '../../features/auth/components/sign-in-form.js';
import { useSession } from '../../features/auth/session-context.js';
import { PageTitle } from './page-title.js';

export function SignInPage() {
  const session = useSession();
  const navigate = useNavigate();
  return (
    <section className="auth-page">
      <PageTitle title="Sign in to Cruddur" />
      <SignInForm
        onSignedIn={(user) => {
          session.setUser(user);
          void navigate('/');
        }}
      />
      <p className="auth-links">
        <Link to="/signup">Create an account</Link> · <Link to="/forgot">Forgot password?</Link>
      </p>
    </section>
  );
}
