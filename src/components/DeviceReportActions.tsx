import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { DeviceReport } from '../bench/deviceReport';
import { downloadBlob } from '../export/chartImage';
import { reportFileName, reportJson } from './deviceReportView';

type CopyState = 'idle' | 'copied' | 'refused';

/** Copy JSON and Download JSON (and the dialog's Close, as `children`). A browser may refuse the clipboard (no
 *  permission, an insecure origin): the JSON is then shown selected in a text box, for the user's own copy. */
export function DeviceReportActions({ report, children }: { report: DeviceReport; children: ReactNode }) {
  const [copy, setCopy] = useState<CopyState>('idle');
  const fallback = useRef<HTMLTextAreaElement>(null);
  const json = reportJson(report);

  useEffect(() => {
    if (copy === 'refused') fallback.current?.select();
  }, [copy]);

  const copyJson = async () => {
    try {
      await navigator.clipboard.writeText(json);
      setCopy('copied');
    } catch {
      setCopy('refused');
    }
  };

  return (
    <>
      <div className="run-elsewhere-actions">
        <button type="button" className="primary" onClick={() => void copyJson()}>
          Copy JSON
        </button>
        <button type="button" onClick={() => downloadBlob(new Blob([json], { type: 'application/json' }), reportFileName())}>
          Download JSON
        </button>
        {children}
      </div>
      {copy === 'copied' ? <p role="status">Copied to the clipboard.</p> : null}
      {copy === 'refused' ? (
        <>
          <p role="status">The browser did not let the page use the clipboard: the JSON is selected below, copy it with Ctrl+C (⌘C on a Mac).</p>
          <textarea ref={fallback} className="device-report-json" readOnly value={json} aria-label="The device report as JSON" rows={8} onFocus={(event) => event.target.select()} />
        </>
      ) : null}
    </>
  );
}
