import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiDataView } from '../../components/api-data-view.js';
import { searchActivities } from '../../features/activities/api/activities-api.js';
import { ActivityFeed } from '../../features/activities/components/activity-feed.js';
import { useApiData } from '../../lib/use-api-data.js';
import { PageTitle } from './page-title.js';

export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const term = params.get('term') ?? '';
  const [draft, setDraft] = useState(term);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setParams({ term: draft });
  };
  return (
    <section>
      <PageTitle title="Search" />
      <search>
        <form className="search-form" onSubmit={submit}>
          <input
            aria-label="Search term"
            placeholder="Search cruds"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
          />
          <button type="submit" className="button-primary">
            Search
          </button>
        </form>
      </search>
      {term === '' ? <p className="empty">Type a word to find the cruds that use it.</p> : null}
      {term === '' ? null : <SearchResults term={term} />}
    </section>
  );
}

function SearchResults({ term }: { term: string }) {
  const { state, reload } = useApiData((signal) => searchActivities(term, signal), term);
  return (
    <ApiDataView state={state} what="results" retry={reload}>
      {(found) => <ActivityFeed activities={found} empty={`No live cruds mention “${term}”.`} />}
    </ApiDataView>
  );
}
