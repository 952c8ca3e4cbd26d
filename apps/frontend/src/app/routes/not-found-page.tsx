import { Link } from 'react-router-dom';
import { PageTitle } from './page-title.js';

export function NotFoundPage() {
  return (
    <section>
      <PageTitle title="Not found" />
      <p className="empty">
        There is nothing at this address. <Link to="/">Back home</Link>
      </p>
    </section>
  );
}
