// Export file names sort by time and say what they are: residual-playground-2026-11-27T22-15.csv
// (local time, the user's clock; no colons, which some systems refuse in file names).

const two = (n: number) => String(n).padStart(2, '0');

export function exportFileName(extension: string, now: Date = new Date()): string {
  const date = `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
  return `residual-playground-${date}T${two(now.getHours())}-${two(now.getMinutes())}.${extension}`;
}
