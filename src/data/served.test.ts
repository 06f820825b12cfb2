import { describe, expect, it } from 'vitest';
import { DataFormatError, REQUIRED_FILES } from './cifarFormat';
import { fetchServedFiles } from './served';
import { noise, sameElements } from './testing/fixtures';

const BASE = 'http://app.test/data/cifar-10-batches-bin';
const binary = { 'content-type': 'application/octet-stream' };
const contents = new Map(REQUIRED_FILES.map((name, i) => [name, noise(100_000 + i, i + 1)]));

/** A fetch over a table of URL -> response maker; unknown URLs are 404, like a static server. */
function fakeFetch(routes: Record<string, () => Response>, requested: string[] = []): typeof fetch {
  return async (input) => {
    const url = String(input);
    requested.push(url);
    const route = routes[url];
    return route ? route() : new Response('not found', { status: 404 });
  };
}

const allFiles = (): Record<string, () => Response> =>
  Object.fromEntries([...contents].map(([name, bytes]) => [`${BASE}/${name}`, () => new Response(bytes, { headers: binary })]));

async function rejection(promise: Promise<unknown>): Promise<DataFormatError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DataFormatError);
    return error as DataFormatError;
  }
  throw new Error('expected a rejection');
}

describe('fetchServedFiles', () => {
  it('fetches the six files in order with progress over the official total', async () => {
    const requested: string[] = [];
    const progress: [number, string][] = [];
    const files = await fetchServedFiles(`${BASE}/`, (f, m) => progress.push([f, m]), fakeFetch(allFiles(), requested));
    expect(requested).toEqual(REQUIRED_FILES.map((name) => `${BASE}/${name}`));
    expect(files).not.toBeNull();
    for (const [name, bytes] of contents) expect(sameElements(files?.get(name), bytes)).toBe(true);
    expect(progress.at(-1)?.[0]).toBe(1);
    expect(progress[0][1]).toMatch(/^Loading CIFAR-10: 0\.1 MB of 184\.4 MB$/);
  });

  it('returns null when the data was not prepared (404)', async () => {
    expect(await fetchServedFiles(BASE, () => undefined, fakeFetch({}))).toBeNull();
  });

  it("returns null when the server answers with its HTML page (Vite's fallback for a missing file)", async () => {
    const html = () => new Response('<!doctype html>', { headers: { 'content-type': 'text/html; charset=utf-8' } });
    expect(await fetchServedFiles(BASE, () => undefined, fakeFetch({ [`${BASE}/data_batch_1.bin`]: html }))).toBeNull();
  });

  it('throws when a later file is missing', async () => {
    const routes = allFiles();
    delete routes[`${BASE}/data_batch_3.bin`];
    const error = await rejection(fetchServedFiles(BASE, () => undefined, fakeFetch(routes)));
    expect(error.message).toContain('data_batch_3.bin is missing from the served data');
    expect(error.message).toContain('npm run prepare-data');
  });

  it('throws on a server error or a network failure', async () => {
    const serverError = fakeFetch({ [`${BASE}/data_batch_1.bin`]: () => new Response('boom', { status: 500 }) });
    expect((await rejection(fetchServedFiles(BASE, () => undefined, serverError))).message).toContain('HTTP 500');
    const offline: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    expect((await rejection(fetchServedFiles(BASE, () => undefined, offline))).message).toContain(
      'data_batch_1.bin could not be downloaded',
    );
  });
});
