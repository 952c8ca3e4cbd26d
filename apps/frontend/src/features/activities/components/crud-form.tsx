import { useState } from 'react';
import { CharacterCounter } from '../../../components/character-counter.js';
import { FormErrors } from '../../../components/form-errors.js';
import { draftProblem } from '../../../lib/message-length.js';
import { useCheckedSubmit } from '../../../lib/use-checked-submit.js';
import { createActivity } from '../api/activities-api.js';
import { type Activity, TTL_CHOICES, type Ttl } from '../api/activity-schemas.js';

/**
 * Posts a crud. The draft is checked as it is typed (the counter) and again on submit, so the
 * API's 422 is for what only it can know; whatever it answers is shown, never swallowed.
 */
export function CrudForm({ onCreated }: { onCreated: (activity: Activity) => void }) {
  const [ttl, setTtl] = useState<Ttl>('7-days');
  const draft = useCheckedSubmit({
    check: draftProblem,
    send: (message) => createActivity(message, ttl),
    onSent: onCreated,
    clearOnSent: true,
  });

  return (
    <form className="crud-form" onSubmit={draft.submit} noValidate aria-label="Post a crud">
      <textarea
        name="message"
        aria-label="What would you like to say?"
        placeholder="what would you like to say?"
        value={draft.value}
        rows={3}
        onChange={(event) => draft.setValue(event.target.value)}
      />
      <div className="form-row">
        <CharacterCounter message={draft.value} />
        <label className="ttl">
          <span>expires in</span>
          <select name="ttl" value={ttl} onChange={(event) => setTtl(event.target.value as Ttl)}>
            {TTL_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button-primary" disabled={draft.sending}>
          {draft.sending ? 'Posting…' : 'Crud'}
        </button>
      </div>
      <FormErrors problem={draft.problem} error={draft.error} />
    </form>
  );
}
