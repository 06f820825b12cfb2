/**
 * Exponential moving average with bias correction (as TensorBoard and Adam do): the average starts at 0, so
 * early values are divided by 1 - weight^t to remove the pull towards 0. The first smoothed value equals the
 * first raw value, whatever the weight. weight 0 returns the values unchanged.
 */
export function debiasedEma(values: readonly number[], weight: number): number[] {
  if (!(weight >= 0 && weight < 1)) throw new RangeError(`Smoothing weight must be in [0, 1), got ${weight}`);
  let average = 0;
  let correction = 1;
  return values.map((value) => {
    average = weight * average + (1 - weight) * value;
    correction *= weight;
    return average / (1 - correction);
  });
}
