import { Component, type ReactNode } from 'react';

interface Props {
  /** What the section is, for the message: "The chart", "The run list", ... */
  name: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

/**
 * Keeps one part of the page from taking the whole page down: if it throws while drawing, it is replaced by a
 * message and a retry button, and every other part (the run list, where the run that causes it can be hidden
 * or deleted; the exports) keeps working. Runs live in the store and the browser, not here: nothing is lost.
 */
export class SectionBoundary extends Component<Props, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="notice section-failed" role="alert">
        <span className="notice-message">
          {this.props.name} could not be drawn ({error.message.slice(0, 200)}). Your runs are kept: hide or delete the run
          that causes it in the run list, or export them.
        </span>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
