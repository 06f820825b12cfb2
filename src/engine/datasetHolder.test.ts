// The worker's dataset holder with the real cache code over fake-indexeddb and a fake server: served files are
// kept for the next visit, and while the later files download the first part serves runs that fit in it.
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REQUIRED_FILES } from '../data/cifarFormat';
import { assembleDataset } from '../data/cifarParser';
import { computeMeanImage } from '../data/meanImage';
import { encodeMeanImage, MEAN_IMAGE_FILE } from '../data/meanImageFile';
import { makeBatchBytes, sameElements } from '../data/testing/fixtures';
import type { DataStatus, WorkerEvent } from '../protocol';
import { DatasetHolder } from './datasetHolder';

const BASE = 'http://app.test/data/cifar-10-batches-bin';
/** The six official-size files (30.7 MB each), each with its own labels and pixels. */
const FILES = new Map(REQUIRED_FILES.map((name, i) => [name, makeBatchBytes(10_000, i + 1) as Uint8Array<ArrayBuffer>]));
/** The mean of all 50,000 training images, as prepare-data writes it next to the batches. */
const FULL_MEAN = computeMeanImage(assembleDataset(FILES).train);
FILES.set(MEAN_IMAGE_FILE, encodeMeanImage(FULL_MEAN) as Uint8Array<ArrayBuffer>);

/** A static server of FILES that counts requests; files listed in `heldBack` are answered once `release()`. */
function fakeServer(heldBack: string[] = [], missing: string[] = []) {
  const requested: string[] = [];
  let release = () => undefined as void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const fetchFile: typeof fetch = async (input) => {
    const name = String(input).split('/').pop()!;
    requested.push(name);
    if (heldBack.includes(name)) await released;
    const bytes = missing.includes(name) ? undefined : FILES.get(name);
    return bytes ? new Response(bytes, { headers: { 'content-type': 'application/octet-stream' } }) : new Response('', { status: 404 });
  };
  return { fetchFile, requested, release };
}

function holderWith(fetchFile: typeof fetch) {
  const statuses: DataStatus[] = [];
  const errors: string[] = [];
  const holder = new DatasetHolder((event: WorkerEvent) => {
    if (event.type === 'data') statuses.push(event.status);
    if (event.type === 'error') errors.push(event.message);
  }, fetchFile);
  return { holder, statuses, errors };
}

const micro = { trainSubset: 64, validationSplit: false };
const fullSize = { trainSubset: null, validationSplit: false };

describe('DatasetHolder', () => {
  const original = globalThis.indexedDB;
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
  });
  afterEach(() => {
    globalThis.indexedDB = original;
  });

  it('keeps the served files in this browser, so the next start reads them from there and downloads nothing', async () => {
    const first = holderWith(fakeServer().fetchFile);
    await first.holder.loadInitial(BASE);
    expect(first.statuses.at(-2)).toMatchObject({ state: 'ready', source: 'served', storage: { state: 'saving', bytes: 184_380_000 } });
    expect(first.statuses.at(-1)).toMatchObject({ state: 'ready', source: 'served', trainImages: 50_000, storage: { state: 'kept', bytes: 184_380_000 } });

    const server = fakeServer();
    const second = holderWith(server.fetchFile);
    await second.holder.loadInitial(BASE);
    expect(server.requested).toEqual([]);
    expect(second.statuses.at(-1)).toMatchObject({ state: 'ready', source: 'browser-cache', trainImages: 50_000, testImages: 10_000, storage: { state: 'kept' } });
    // The same images in the same order: record 0 of data_batch_3 is training image 20,000.
    expect(second.holder.trainingData()?.train.labels[20_000]).toBe(FILES.get('data_batch_3.bin')![0]);
    expect(second.holder.trainingData()?.test.labels[9_999]).toBe(FILES.get('test_batch.bin')![9_999 * 3073]);
  }, 60_000);

  it('says so when the browser keeps no copy, and trains this session all the same', async () => {
    globalThis.indexedDB = undefined as unknown as IDBFactory; // a private window without IndexedDB
    const { holder, statuses, errors } = holderWith(fakeServer().fetchFile);
    await holder.loadInitial(BASE);
    expect(statuses.at(-1)).toMatchObject({ state: 'ready', source: 'served', storage: { state: 'not-kept', bytes: 184_380_000 } });
    expect(errors).toEqual([
      'CIFAR-10 is loaded and training works, but this browser would not keep a copy (its storage is full, or this is a private window): the next visit downloads its 184.4 MB again.',
    ]);
    expect((await holder.trainingDataFor(fullSize))?.train.count).toBe(50_000);
  }, 60_000);

  it('serves runs on up to 10,000 images from data_batch_1 and test_batch while the rest downloads; others wait', async () => {
    const server = fakeServer(['data_batch_2.bin']);
    const { holder, statuses } = holderWith(server.fetchFile);
    const loading = holder.loadInitial(BASE);
    // A micro run starts on the first part...
    const microData = await holder.trainingDataFor(micro);
    expect(microData?.train.count).toBe(10_000);
    expect(microData?.test.count).toBe(10_000);
    expect(microData?.train.labels[9_999]).toBe(FILES.get('data_batch_1.bin')![9_999 * 3073]);
    expect(server.requested).toEqual([MEAN_IMAGE_FILE, 'data_batch_1.bin', 'test_batch.bin', 'data_batch_2.bin']);
    // The same mean image as every run on the whole set: a run trained now is the run trained later.
    expect(sameElements(microData?.meanImage, FULL_MEAN)).toBe(true);
    const now = statuses.at(-1);
    expect(now).toMatchObject({ state: 'loading', available: { trainImages: 10_000, testImages: 10_000 }, receivedBytes: 61_460_000, totalBytes: 184_380_000 });
    expect(now?.state === 'loading' && now.message).toContain('61.5 MB of 184.4 MB. The first 10,000 training images are here: the micro demo can start; full-size runs wait for the rest.');

    // ...while runs that need more than it holds wait for the whole set.
    let settled = 0;
    const waiting = [fullSize, { trainSubset: 10_001, validationSplit: false }, { trainSubset: 64, validationSplit: true }].map((config) =>
      holder.trainingDataFor(config).then((data) => ((settled += 1), data)),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(settled).toBe(0);

    server.release();
    await loading;
    for (const data of await Promise.all(waiting)) expect(data?.train.count).toBe(50_000);
    expect((await holder.trainingDataFor(micro))?.train.count).toBe(50_000);
    expect(sameElements(holder.trainingData()?.meanImage, FULL_MEAN)).toBe(true);
    expect(statuses.at(-1)).toMatchObject({ state: 'ready', source: 'served', trainImages: 50_000 });
  }, 60_000);

  it('starts nothing before every file is here when the server has no mean image (an older prepare-data)', async () => {
    const server = fakeServer(['data_batch_2.bin'], [MEAN_IMAGE_FILE]);
    const { holder, statuses } = holderWith(server.fetchFile);
    const loading = holder.loadInitial(BASE);
    let settled = false;
    const microData = holder.trainingDataFor(micro).then((data) => ((settled = true), data));
    while (!server.requested.includes('data_batch_2.bin')) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(settled).toBe(false);
    expect(statuses.some((status) => status.state === 'loading' && status.available)).toBe(false);
    server.release();
    await loading;
    expect((await microData)?.train.count).toBe(50_000);
  }, 60_000);

  it('keeps the files the user picked while the served ones were downloading', async () => {
    const server = fakeServer(['data_batch_2.bin']);
    const { holder, statuses } = holderWith(server.fetchFile);
    const loading = holder.loadInitial(BASE);
    await holder.trainingDataFor(micro); // the first part is here; data_batch_2 is held back
    await holder.loadUserFiles(REQUIRED_FILES.map((name) => new File([FILES.get(name)!], name)));
    const picked = statuses.length;
    server.release();
    await loading;
    expect(statuses[picked - 1]).toMatchObject({ state: 'ready', source: 'user-files' });
    // Nothing the download said afterwards replaced it.
    expect(statuses.slice(picked).every((status) => status.state === 'ready' && status.source === 'user-files')).toBe(true);
  }, 60_000);
});
