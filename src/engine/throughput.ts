/**
 * Steps per second over a sliding window of recent (iteration, time) samples; pauses and test evaluations
 * are cut out so the ETA speaks about training only. Times in ms (performance.now()).
 */
export class Throughput {
  private samples: { iteration: number; time: number }[] = [];

  constructor(private readonly windowSize = 20) {}

  record(iteration: number, time: number): void {
    this.samples.push({ iteration, time });
    if (this.samples.length > this.windowSize) this.samples.shift();
  }

  /** Forget the interval that just passed (a pause or an evaluation): the next sample starts a fresh window
   *  from the same iteration at `time`. */
  skipPause(time: number): void {
    const last = this.samples[this.samples.length - 1];
    this.samples = last ? [{ iteration: last.iteration, time }] : [];
  }

  stepsPerSecond(): number {
    if (this.samples.length < 2) return 0;
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    const seconds = (last.time - first.time) / 1000;
    return seconds > 0 ? (last.iteration - first.iteration) / seconds : 0;
  }

  /** Seconds for `steps` more steps at the current speed; Infinity while unknown. */
  secondsFor(steps: number): number {
    const rate = this.stepsPerSecond();
    if (steps <= 0) return 0;
    return rate > 0 ? steps / rate : Infinity;
  }
}
