import { useState, type DragEvent } from 'react';
import { useAppState, useServices } from '../state/appContext';
import { activeRun } from '../state/appState';

/** Load CIFAR-10 from disk: the official cifar-10-binary.tar.gz, a .tar, or the six .bin files.
 *  Parsing happens in the worker; the result is cached in this browser. */
export function DatasetLoader() {
  const { client } = useServices();
  const data = useAppState((state) => state.data);
  const training = useAppState((state) => activeRun(state) !== undefined);
  const [dragging, setDragging] = useState(false);
  const needed = data.state === 'missing' || data.state === 'error';

  const load = (files: FileList | null) => {
    if (files && files.length > 0) client.loadFiles(Array.from(files));
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (!training) load(event.dataTransfer.files);
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
        <label className="file-pick">
          choose files
          <input
            type="file"
            multiple
            accept=".gz,.tgz,.tar,.bin"
            disabled={training}
            data-testid="file-input"
            onChange={(event) => {
              load(event.target.files);
              event.target.value = '';
            }}
          />
        </label>
        . They stay on your machine and are kept in this browser for next time.
      </p>
    </section>
  );
}
