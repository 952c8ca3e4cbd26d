import { CharacterCounter } from '../../../components/character-counter.js';
import { FormErrors } from '../../../components/form-errors.js';
import { draftProblem } from '../../../lib/message-length.js';
import { useCheckedSubmit } from '../../../lib/use-checked-submit.js';
import { type Message, sendMessage } from '../api/messages-api.js';

export function MessageForm({
  receiverHandle,
  onSent,
}: {
  receiverHandle: string;
  onSent: (message: Message) => void;
}) {
  const draft = useCheckedSubmit({
    check: draftProblem,
    send: (message) => sendMessage(receiverHandle, message),
    onSent,
    clearOnSent: true,
  });

  return (
    <form className="message-form" onSubmit={draft.submit} noValidate aria-label="Send a message">
      <textarea
        name="message"
        aria-label={`Message to @${receiverHandle}`}
        placeholder="send a direct message…"
        value={draft.value}
        rows={2}
        onChange={(event) => draft.setValue(event.target.value)}
      />
      <div className="form-row">
        <CharacterCounter message={draft.value} />
        <button type="submit" className="button-primary" disabled={draft.sending}>
          {draft.sending ? 'Sending…' : 'Message'}
        </button>
      </div>
      <FormErrors problem={draft.problem} error={draft.error} />
    </form>
  );
}
