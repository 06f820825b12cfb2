/** Moves the keyboard focus to the status bar (StatusBar.tsx, id "status", tabIndex -1), where the run that was
 *  just resumed or queued shows its progress: the button pressed may be gone after the press (the banner, a
 *  question, a run row's Resume), and focus must never fall to the page. */
export function focusStatus(): void {
  document.getElementById('status')?.focus();
}
