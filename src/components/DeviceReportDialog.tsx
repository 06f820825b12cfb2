import { useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { DeviceReport } from '../bench/deviceReport';
import type { DeviceReportEvent } from '../protocol';
import { DeviceReportActions } from './DeviceReportActions';
import { DeviceReportDetails } from './DeviceReportDetails';
import type { ReportRequest } from './deviceReportView';
import { useNow } from './useNow';
import './runElsewhere/runElsewhere.css';
import './deviceReport.css';

/** One request to the worker, kept by the button so that reopening the dialog shows it again. */
export interface ReportMeasurement {
  request: ReportRequest;
  software: boolean;
  /** The adapter as the worker named it (from backend.detail). */
  adapterDetail: string;
  startedAt: number;
  result: Promise<DeviceReportEvent>;
}

type Shown = { phase: 'measuring' } | { phase: 'done'; report: DeviceReport } | { phase: 'failed'; message: string };

/** The "Device report" modal: a native <dialog> like "Run elsewhere…" (Escape closes it, focus stays inside),
 *  in <body> so the settings column's styles never reach it. Open while `measurement` is set. */
export function DeviceReportDialog({ measurement, onClose }: { measurement: ReportMeasurement | null; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    if (measurement && dialog.current && !dialog.current.open) dialog.current.showModal();
  }, [measurement]);

  return createPortal(
    <dialog ref={dialog} className="run-elsewhere-dialog device-report-dialog" aria-labelledby={titleId} onClose={onClose}>
      {measurement ? <DeviceReportContent measurement={measurement} titleId={titleId} onClose={() => dialog.current?.close()} /> : null}
    </dialog>,
    document.body,
  );
}

function DeviceReportContent({ measurement, titleId, onClose }: { measurement: ReportMeasurement; titleId: string; onClose: () => void }) {
  const shown = useSettled(measurement.result);
  const now = useNow(shown.phase === 'measuring');
  const { request, software } = measurement;
  const secondsSoFar = Math.max(0, Math.round((now - measurement.startedAt) / 1000));
  const close = (
    <button type="button" onClick={onClose}>
      Close
    </button>
  );
  return (
    <div className="device-report">
      <h2 id={titleId}>Device report</h2>
      <p>
        What this GPU is and how fast it trains the paper’s networks in this page: a JSON file to send with a question or a bug report (the same as{' '}
        <code>npm run bench:node -- --report</code> writes).
      </p>
      {software ? (
        <p className="device-report-software">
          This browser has no GPU at hand, only a processor imitating one, {measurement.adapterDetail || 'a software adapter'}, so the report measures{' '}
          {request.networks} instead of ResNet-20 and ResNet-56 at batch 128, which would take many minutes here.
        </p>
      ) : null}
      {shown.phase === 'measuring' ? (
        <>
          <p role="status" className="device-report-progress" aria-busy="true">
            Measuring {request.networks}… this takes {request.expectedWait}.
            {/* Seen, not announced: a screen reader would read the status again every second. */}
            <span aria-hidden="true"> {secondsSoFar} s so far.</span>
          </p>
          <div className="run-elsewhere-actions">{close}</div>
        </>
      ) : shown.phase === 'failed' ? (
        <>
          <p className="run-elsewhere-error" role="alert" data-testid="device-report-error">
            {shown.message}
          </p>
          <div className="run-elsewhere-actions">{close}</div>
        </>
      ) : (
        <>
          <DeviceReportActions report={shown.report}>{close}</DeviceReportActions>
          <DeviceReportDetails report={shown.report} />
        </>
      )}
    </div>
  );
}

/** The worker's answer once it comes (the client resolves with an error rather than reject; a rejection is
 *  shown all the same, never a blank dialog). */
function useSettled(result: Promise<DeviceReportEvent>): Shown {
  const [shown, setShown] = useState<{ from: Promise<DeviceReportEvent>; value: Shown }>({ from: result, value: { phase: 'measuring' } });
  useEffect(() => {
    let live = true;
    result.then(
      (event) => live && setShown({ from: result, value: 'report' in event ? { phase: 'done', report: event.report } : { phase: 'failed', message: event.error } }),
      (error: unknown) => live && setShown({ from: result, value: { phase: 'failed', message: `The device report could not be measured: ${String(error)}` } }),
    );
    return () => {
      live = false;
    };
  }, [result]);
  return shown.from === result ? shown.value : { phase: 'measuring' };
}
