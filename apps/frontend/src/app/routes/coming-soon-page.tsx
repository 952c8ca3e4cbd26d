import { Link } from 'react-router-dom';
import { PageTitle } from './page-title.js';

/**
 * Sign-up, confirmation and recovery need a real identity provider (Cognito in the original),
 * which the API does not have yet; these pages say so instead of faking a flow.
 */
export function ComingSoonPage({ title, what }: { title: string; what: string }) {
  return (
    <section className="auth-page">
      <PageTitle title={title} />
      <div className="coming-soon" role="note">
        <p>{what}</p>
        <p>
          Until accounts arrive, <Link to="/signin">sign in</Link> with a seeded handle:
          andrewbrown, worf or garek.
        </p>
      </div>
    </section>
  );
}
