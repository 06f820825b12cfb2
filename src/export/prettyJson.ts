// JSON.stringify(value, null, 2) puts every field of every point on its own line: a long run's export would be
// several times larger than the data. Here objects and arrays holding only plain values stay on one line.

function isLeafContainer(value: object): boolean {
  return Object.values(value).every((item) => item === null || typeof item !== 'object');
}

/** `value` must be what JSON.parse could have produced (plus undefined fields and non-finite numbers, written as JSON does). */
export function prettyJson(value: unknown, indent = '  ', depth = 0): string {
  if (value === null || typeof value !== 'object' || isLeafContainer(value)) return JSON.stringify(value) ?? 'null';
  const inner = indent.repeat(depth + 1);
  const close = indent.repeat(depth);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => inner + prettyJson(item, indent, depth + 1)).join(',\n')}\n${close}]`;
  }
  // Like JSON.stringify, fields that are undefined are left out.
  const entries = Object.entries(value).filter(([, item]) => item !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${prettyJson(item, indent, depth + 1)}`).join(',\n')}\n${close}}`;
}
