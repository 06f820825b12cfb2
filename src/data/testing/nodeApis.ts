// Test-only access to Node built-ins. src/ is type-checked as browser code (tsconfig.app.json has no
// @types/node, and adding it would retype setTimeout & co. for the whole app), so the few Node APIs the tests
// use are declared here, minimally, and loaded with a dynamic import that the type checker does not resolve.

interface NodeHash {
  update(data: Uint8Array): NodeHash;
  digest(encoding: 'hex'): string;
}
export interface NodeCrypto {
  createHash(algorithm: 'md5'): NodeHash;
}

export interface SpawnResult {
  status: number | null;
  stdout: string;
  stderr: string;
  error?: Error;
}
export interface NodeChildProcess {
  spawnSync(
    command: string,
    args: readonly string[],
    options: { cwd: string; env: Record<string, string | undefined>; encoding: 'utf8'; timeout: number },
  ): SpawnResult;
}

interface NodeStats {
  size: number;
  mtimeMs: number;
}
export interface NodeFs {
  mkdtempSync(prefix: string): string;
  mkdirSync(path: string, options: { recursive: true }): void;
  writeFileSync(path: string, data: Uint8Array | string): void;
  readFileSync(path: string): Uint8Array;
  readdirSync(path: string): string[];
  statSync(path: string): NodeStats;
  existsSync(path: string): boolean;
  rmSync(path: string, options: { recursive: true; force: true }): void;
}

export interface NodeProcess {
  env: Record<string, string | undefined>;
  cwd(): string;
}
export interface NodeOs {
  tmpdir(): string;
}

async function importNode<T>(specifier: string): Promise<T> {
  return (await import(/* @vite-ignore */ specifier)) as T;
}

export const nodeCrypto = (): Promise<NodeCrypto> => importNode('node:crypto');
export const nodeChildProcess = (): Promise<NodeChildProcess> => importNode('node:child_process');
export const nodeFs = (): Promise<NodeFs> => importNode('node:fs');
export const nodeOs = (): Promise<NodeOs> => importNode('node:os');
export const nodeProcess = (): Promise<NodeProcess> => importNode('node:process');
