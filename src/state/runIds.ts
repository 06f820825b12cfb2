// Run ids are unique across reloads and across imported files (an export's ids may collide with ours).
let counter = 0;

export function newRunId(): string {
  counter += 1;
  const random = Math.floor(Math.random() * 36 ** 4).toString(36);
  return `run-${Date.now().toString(36)}-${counter}-${random}`;
}
