import { useState } from 'react';
import type { Activity } from '../../api/activity';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { describeCancelError, useCancelActivity } from './use-cancel-activity';

/** Renders the cancel button of one cancellable activity, its confirmation and the outcome. */
export function CancelControl({ serverId, activity }: { serverId: string; activity: Activity }) {
  const [confirming, setConfirming] = useState(false);
  const cancel = useCancelActivity(serverId, activity);
  const name = activity.title || activity.type;

  const confirm = () => {
    setConfirming(false);
    // A second click on a slow dialog must not send a second DELETE.
    if (!cancel.isPending && !cancel.isSuccess) cancel.mutate();
  };

  if (cancel.isPending || cancel.isSuccess) {
    return (
      <span className="text-sm font-medium text-warn" data-state="cancelling">
        Cancelling…
      </span>
    );
  }

  return (
    <div className="flex flex-col items-end gap-1">
      <Button aria-label={`Cancel ${name}`} onClick={() => setConfirming(true)}>
        Cancel
      </Button>
      {cancel.isError && cancel.error && !isGone(cancel.error) ? (
        <p role="alert" className="max-w-64 text-right text-xs text-danger">
          {describeCancelError(cancel.error)}
        </p>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title={`Cancel “${name}”?`}
        confirmLabel="Cancel activity"
        dismissLabel="Keep running"
        onConfirm={confirm}
        onDismiss={() => setConfirming(false)}
      >
        Plex stops this work now. What it has finished so far stays done; the rest waits for the
        next run.
      </ConfirmDialog>
    </div>
  );
}

function isGone(error: Error): boolean {
  return 'status' in error && error.status === 404;
}

export default CancelControl;
