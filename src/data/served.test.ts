import { describe, expect, it } from 'vitest';
import { DataFormatError, REQUIRED_FILES } from './cifarFormat';
import { computeMeanImage } from './meanImage';
import { encodeMeanImage } from './meanImageFile';
import { fetchServedFiles, fetchServedMeanImage, SERVED_ORDER } from './served';
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
  it('fetches data_batch_1 and test_batch first, then data_batch_2..5, with progress over the official total', async () => {
    const requested: string[] = [];
    const progress: [number, string][] = [];
    const arrived: string[][] = [];
    const files = await fetchServedFiles(`${BASE}/`, (f, m) => progress.push([f, m]), fakeFetch(allFiles(), requested), (name, soFar) =>
      arrived.push([name, ...soFar.keys()]),
    );
    const order = ['data_batch_1.bin', 'test_batch.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin'];
    expect(SERVED_ORDER).toEqual(order);
    expect(requested).toEqual(order.map((name) => `${BASE}/${name}`));
    // Each file is announced as it completes, with every file so far: after the second, a subset run can start.
    expect(arrived[1]).toEqual(['test_batch.bin', 'data_batch_1.bin', 'test_batch.bin']);
    expect(arrived.map(([name]) => name)).toEqual(order);
    expect(files).not.toBeNull();
    for (const [name, bytes] of contents) expect(sameElements(files?.get(name), bytes)).toBe(true);
    expect(progress.at(-1)?.[0]).toBe(1);
    expect(progress[0][1]).toMatch(/^Loading CIFAR-10: 0\.1 MB of 184\.4 MB$/);
  });

  it('reports progress at most every 100 ms however fast the bytes come, and always the end', async () => {
    let clock = 0;
    const progress: number[] = [];
    // A fast link: each 10,000-byte chunk arrives 0.1 ms after the last. The six 3 MB files (18 MB, 9.8% of the
    // official total) cross 19 of the 0.5% steps in 180 ms: 2 reports at 100 ms apart, then the end.
    const fastChunks = (bytes: Uint8Array) => () => {
      let at = 0;
      return new Response(
        new ReadableStream<Uint8Array>({
          pull(controller) {
            clock += 0.1;
            if (at >= bytes.length) return controller.close();
            controller.enqueue(bytes.slice(at, (at += 10_000)));
          },
        }),
        { headers: binary },
      );
    };
    const routes = Object.fromEntries(REQUIRED_FILES.map((name) => [`${BASE}/${name}`, fastChunks(new Uint8Array(3_000_000))]));
    await fetchServedFiles(BASE, (fraction) => progress.push(fraction), fakeFetch(routes), undefined, () => clock);
    expect(progress.length).toBeLessThanOrEqual(3);
    expect(progress.at(-1)).toBe(1);
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

describe('fetchServedMeanImage', () => {
  const mean = computeMeanImage({ images: noise(3 * 3072, 5), labels: new Uint8Array(3), count: 3 });
  const url = `${BASE}/mean_image.f32`;

  it('reads the mean image that prepare-data wrote, value for value', async () => {
    const served = await fetchServedMeanImage(BASE, fakeFetch({ [url]: () => new Response(encodeMeanImage(mean) as Uint8Array<ArrayBuffer>, { headers: binary }) }));
    expect(sameElements(served ?? undefined, mean)).toBe(true);
  });

  it('is null without one (404, the HTML fallback, a wrong size, a network failure)', async () => {
    expect(await fetchServedMeanImage(BASE, fakeFetch({}))).toBeNull();
    const html = () => new Response('<!doctype html>', { headers: { 'content-type': 'text/html' } });
    expect(await fetchServedMeanImage(BASE, fakeFetch({ [url]: html }))).toBeNull();
    expect(await fetchServedMeanImage(BASE, fakeFetch({ [url]: () => new Response(new Uint8Array(100), { headers: binary }) }))).toBeNull();
    expect(await fetchServedMeanImage(BASE, () => Promise.reject(new TypeError('Failed to fetch')))).toBeNull();
  });
});
