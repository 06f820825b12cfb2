import { useId, type ReactNode } from 'react';

export interface QuestionChoice {
  label: string;
  onChoose: () => void;
  primary?: boolean;
}

/** A question the main button asks before it queues (resume or start again; a run of hours): the text, then
 *  the choices. Not modal: the settings stay usable. The first choice takes the keyboard focus when it appears,
 *  and is described by the text, so a screen reader reads the question with it. */
export function TrainQuestion({ title, children, choices }: { title: string; children: ReactNode; choices: readonly QuestionChoice[] }) {
  const titleId = useId();
  const textId = useId();
  return (
    <div className="train-question" role="group" aria-labelledby={titleId} data-testid="train-question">
      <p className="train-question-title" id={titleId}>
        {title}
      </p>
      <div id={textId}>{children}</div>
      <div className="train-question-choices">
        {choices.map((choice, index) => (
          <button
            type="button"
            key={choice.label}
            className={choice.primary ? 'primary' : undefined}
            // React focuses an autoFocus element when it mounts.
            autoFocus={index === 0}
            aria-describedby={index === 0 ? textId : undefined}
            onClick={choice.onChoose}
          >
            {choice.label}
          </button>
        ))}
      </div>
    </div>
  );
}
