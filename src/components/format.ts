// Number formatting shared by the status bar, run list and chart.

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '–';
  // Rounded once, before splitting: 119.6 s is "2 min 0 s", not "1 min 60 s".
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole} s`;
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return `${minutes} min ${whole % 60} s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  // A run of days on a slow device reads as days ("2 days 21 h"), not as 69 hours.
  return `${Math.floor(hours / 24)} days ${hours % 24} h`;
}

export function formatPercent(value: number | undefined, digits = 1): string {
  return value === undefined || !Number.isFinite(value) ? '–' : `${value.toFixed(digits)}%`;
}

export function formatRate(imagesPerSecond: number): string {
  if (!Number.isFinite(imagesPerSecond) || imagesPerSecond <= 0) return '–';
  return imagesPerSecond >= 100 ? `${Math.round(imagesPerSecond)} img/s` : `${imagesPerSecond.toPrecision(2)} img/s`;
}

/** Storage sizes: a micro network's checkpoint is a few kB, ResNet-110's several MB. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '–';
  if (bytes < 1e3) return `${Math.round(bytes)} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
