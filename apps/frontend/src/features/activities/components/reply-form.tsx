import { CharacterCounter } from '../../../components/character-counter.js';
import { FormErrors } from '../../../components/form-errors.js';
import { draftProblem } from '../../../lib/message-length.js';
import { useCheckedSubmit } from '../../../lib/use-checked-submit.js';
import { createReply } from '../api/activities-api.js';
import type { Activity } from '../api/activity-schemas.js';

/** The form that opens under a crud; a reply lives as long as the crud it answers. */
export function ReplyForm({
  activity,
  onReplied,
  onCancel,
}: {
  activity: Activity;
  onReplied: (reply: Activity) => void;
  onCancel: () => void;
}) {
  // The draft is not cleared on success: the form closes once the reply is in the thread.
  const draft = useCheckedSubmit({
    check: draftProblem,
    send: (message) => createReply(activity.uuid, message),
    onSent: onReplied,
  });

  return (
    <form
      className="reply-form"
      onSubmit={draft.submit}
      noValidate
      aria-label={`Reply to @${activity.handle}`}
    >
      <textarea
        name="reply"
        aria-label={`Your reply to @${activity.handle}`}
        placeholder="your reply"
        value={draft.value}
        rows={2}
        // biome-ignore lint/a11y/noAutofocus: the user just asked to reply; the field is the point.
        autoFocus
        onChange={(event) => draft.setValue(event.target.value)}
      />
      <div className="form-row">
        <CharacterCounter message={draft.value} />
        <button type="button" className="button-secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button-primary" disabled={draft.sending}>
          {draft.sending ? 'Replying…' : 'Reply'}
        </button>
      </div>
      <FormErrors problem={draft.problem} error={draft.error} />
    </form>
  );
}
