import { useEffect, useRef, useState } from 'react';
import { clearDatasetCache } from '../data/datasetCache';
import { formatMegabytes } from '../data/progress';
import type { DataStatus } from '../protocol';

/** The browser's answer to navigator.storage.persist(): whether it promised not to delete the copy when space
 *  runs low ('unsupported' where the API is missing). */
type Persistence = 'asking' | 'granted' | 'refused' | 'unsupported';

async function askToPersist(): Promise<Persistence> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (!storage?.persist) return 'unsupported';
  try {
    return (await storage.persisted?.()) || (await storage.persist()) ? 'granted' : 'refused';
  } catch {
    return 'refused';
  }
}

const PERSISTENCE_TEXT: Record<Persistence, string> = {
  asking: '',
  granted: ' The browser agreed to keep it until you remove it.',
  refused: ' The browser did not promise to keep it (it may delete it if the disk runs low on space; then it is downloaded again).',
  unsupported: ' This browser may delete it if the disk runs low on space.',
};

/** Where the dataset is kept, how large it is, and a way to remove it; while it downloads, what can already run. */
export function DatasetStorage({ data }: { data: DataStatus }) {
  const [persistence, setPersistence] = useState<Persistence | null>(null);
  const [removed, setRemoved] = useState<'removing' | 'removed' | null>(null);
  const line = useRef<HTMLParagraphElement>(null);
  const kept = data.state === 'ready' && data.storage?.state === 'kept';

  useEffect(() => {
    if (!kept || persistence !== null) return;
    setPersistence('asking');
    void askToPersist().then(setPersistence);
  }, [kept, persistence]);

  if (data.state === 'loading' && data.available) {
    const images = data.available.trainImages.toLocaleString('en-US');
    return (
      <p className="dataset-storage" data-testid="dataset-storage" style={{ marginTop: '0.5em' }}>
        The first {images} training images and the {data.available.testImages.toLocaleString('en-US')} test images are here: the micro demo,
        and any run on up to {images} training images without a validation split, can start now. Full-size runs wait for the rest of the
        download.
      </p>
    );
  }
  if (data.state !== 'ready' || !data.storage) return null;
  const size = formatMegabytes(data.storage.bytes);

  const remove = async () => {
    setRemoved('removing');
    await clearDatasetCache();
    setRemoved('removed');
    // The button is gone: focus goes to the sentence that replaced it, not to the page.
    requestAnimationFrame(() => line.current?.focus());
  };

  let text: string;
  if (removed === 'removed') text = `The copy (${size}) was removed from this browser’s storage. This session keeps using the dataset; the next visit downloads it again.`;
  else if (data.storage.state === 'saving') text = `Saving a copy in this browser’s storage (${size}), so that the next visit does not download it again…`;
  else if (data.storage.state === 'kept')
    text = `Kept in this browser’s storage (IndexedDB, ${size}): the next visit loads it from there, not from the network.${PERSISTENCE_TEXT[persistence ?? 'asking']}`;
  else text = `Not kept: ${data.storage.reason}. Training works in this session; the next visit downloads it (${size}) again.`;

  return (
    <p className="dataset-storage" data-testid="dataset-storage" style={{ marginTop: '0.5em' }} ref={line} tabIndex={-1}>
      {text}{' '}
      {kept && removed !== 'removed' ? (
        <button type="button" className="file-pick" disabled={removed === 'removing'} onClick={() => void remove()}>
          Remove the copy
        </button>
      ) : null}
    </p>
  );
}
