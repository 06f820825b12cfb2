// Pause, resume and stop for a training loop that runs on the same thread as the message handler:
// the loop checks in at step boundaries, and waits on a promise while paused.

export class RunControl {
  private paused = false;
  private stopped = false;
  private wake: (() => void) | null = null;

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.wakeUp();
  }

  stop(): void {
    this.stopped = true;
    this.wakeUp();
  }

  get isPaused(): boolean {
    return this.paused && !this.stopped;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Resolves at once when running; otherwise when resumed or stopped. */
  waitWhilePaused(): Promise<void> {
    if (!this.isPaused) return Promise.resolve();
    return new Promise((resolve) => {
      this.wake = resolve;
    });
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}

/**
 * Lets queued messages (pause, stop) run between steps. A resolved promise is not enough (microtasks run
 * before messages), setTimeout is clamped to 4 ms when nested, and requestAnimationFrame stops in hidden
 * tabs (DESIGN.md); a MessageChannel round trip is a real macrotask with no clamp.
 */
export function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
