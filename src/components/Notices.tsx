import { useAppState, useServices } from '../state/appContext';

/** Where a notice comes from, as its first word: the user knows which of their actions it is about. */
const TITLES = {
  config: 'Settings',
  data: 'Dataset',
  backend: 'GPU backend',
  training: 'Training',
  url: 'Link',
  experiment: 'Experiment',
  import: 'Import',
  history: 'Saved runs',
  checkpoint: 'Checkpoints',
} as const;

/** Errors the user must see, at the top of the page, until dismissed. */
export function Notices() {
  const { store } = useServices();
  const notices = useAppState((state) => state.notices);
  if (notices.length === 0) return null;
  return (
    <div className="notices" aria-live="assertive">
      {notices.map((notice) => (
        <div key={notice.id} className={`notice notice-${notice.scope}`} role="alert">
          <strong>{TITLES[notice.scope]}:</strong> <span className="notice-message">{notice.message}</span>
          {notice.actions?.map((action) => (
            <button
              key={action.label}
              type="button"
              className="notice-action"
              onClick={() => {
                action.perform();
                store.dispatch({ type: 'noticeDismissed', id: notice.id });
              }}
            >
              {action.label}
            </button>
          ))}
          <button type="button" aria-label="Dismiss" onClick={() => store.dispatch({ type: 'noticeDismissed', id: notice.id })}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
