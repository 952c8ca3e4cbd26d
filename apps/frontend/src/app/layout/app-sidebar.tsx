import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useSession } from '../../features/auth/session-context.js';

const SUGGESTED = [
  { handle: 'andrewbrown', name: 'Andrew Brown' },
  { handle: 'worf', name: 'Worf' },
  { handle: 'garek', name: 'Garek' },
];

/** Search and suggestions on wide screens; hidden on narrow ones (search has its own page). */
export function AppSidebar() {
  const session = useSession();
  const navigate = useNavigate();
  const [term, setTerm] = useState('');
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void navigate(`/search?term=${encodeURIComponent(term)}`);
  };
  return (
    <aside className="app-sidebar">
      <search>
        <form className="sidebar-search" onSubmit={submit}>
          <input
            aria-label="Search cruds"
            placeholder="Search Cruddur"
            value={term}
            onChange={(event) => setTerm(event.target.value)}
          />
        </form>
      </search>
      <section className="sidebar-box">
        <h2>Suggested users</h2>
        <ul>
          {SUGGESTED.filter((user) => user.handle !== session.handle).map((user) => (
            <li key={user.handle}>
              <Link to={`/@${user.handle}`}>
                {user.name} <span className="handle">@{user.handle}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
      {session.user?.signed_in ? null : (
        <section className="sidebar-box">
          <h2>Join the party!</h2>
          <p>Have something to say? Sign in and crud it before it expires.</p>
          <Link className="button-link" to="/signin">
            Sign in
          </Link>
        </section>
      )}
    </aside>
  );
}
