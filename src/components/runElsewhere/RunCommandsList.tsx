import { IMPORT_STEP, RUN_COMMANDS } from '../../runElsewhere/runCommands';

/** What to do with the downloaded folder: the same commands as at the top of its README.md. */
export function RunCommandsList({ fileName }: { fileName: string }) {
  return (
    <section className="run-elsewhere-commands" aria-label="How to run it">
      <p role="status">
        Saved <strong>{fileName}</strong>. Unzip it, and in its folder (PyTorch is all it needs):
      </p>
      {RUN_COMMANDS.map(({ where, command }) => (
        <div key={command}>
          <p>{where}</p>
          {/* One click selects the whole command, ready to copy. */}
          <pre>
            <code>{command}</code>
          </pre>
        </div>
      ))}
      <p>{IMPORT_STEP}</p>
    </section>
  );
}
