import { useRef, useState, type DragEvent } from 'react';
import { useAppState, useServices } from '../state/appContext';
import { activeRun } from '../state/appState';
import { DatasetStorage } from './DatasetStorage';
import './controls.css';

/** Load CIFAR-10 from disk: the official cifar-10-binary.tar.gz, a .tar, or the six .bin files.
 *  Parsing happens in the worker; the result is cached in this browser, as the served files are
 *  (DatasetStorage says where, how large, and offers to remove it). */
export function DatasetLoader() {
  const { client, store } = useServices();
  const data = useAppState((state) => state.data);
  const training = useAppState((state) => activeRun(state) !== undefined);
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const needed = data.state === 'missing' || data.state === 'error';

  const load = (files: FileList | null) => {
    if (files && files.length > 0) client.loadFiles(Array.from(files));
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const names = Array.from(event.dataTransfer.files, (file) => file.name);
    if (!training) load(event.dataTransfer.files);
    else if (names.length > 0) {
      // The dataset cannot change under a training run; say so instead of ignoring the drop.
      const what = names.length === 1 ? `“${names[0]}”` : `${names.length} files`;
      store.dispatch({ type: 'notice', scope: 'data', message: `${what} not loaded: a run is training on the current dataset. Stop it, then drop the files again.` });
    }
  };

  return (
    <section
      className={`dataset-loader${dragging ? ' dragging' : ''}${needed ? ' needed' : ''}`}
      data-testid="drop-zone"
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <p>
        {needed ? <strong>CIFAR-10 is needed to train. </strong> : null}
        Drop <code>cifar-10-binary.tar.gz</code> (from the{' '}
        <a href="https://www.cs.toronto.edu/~kriz/cifar.html" target="_blank" rel="noreferrer">
          CIFAR-10 page
        </a>
        ) or its <code>.bin</code> files here, or{' '}
        {/* A real button: the file input itself is hidden, and a label around it is not reachable with Tab. */}
        <button type="button" className="file-pick" disabled={training} onClick={() => fileInput.current?.click()}>
          choose files
        </button>
        <input
          ref={fileInput}
          type="file"
          hidden
          multiple
          accept=".gz,.tgz,.tar,.bin"
          aria-label="CIFAR-10 files"
          disabled={training}
          data-testid="file-input"
          onChange={(event) => {
            load(event.target.files);
            event.target.value = '';
          }}
        />
        . They stay on your machine and are kept in this browser for next time.
      </p>
      <DatasetStorage data={data} />
    </section>
  );
}
