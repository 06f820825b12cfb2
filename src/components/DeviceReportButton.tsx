import { useRef, useState } from 'react';
import { hasNoGpu } from '../firstVisit/softwareAdapter';
import { useAppState, useServices } from '../state/appContext';
import { DeviceReportDialog, type ReportMeasurement } from './DeviceReportDialog';
import { adapterFromDetail, reportRequest } from './deviceReportView';

/** "Device report": opens the dialog and asks the worker for a report. A report still being measured when the
 *  dialog was closed is shown again on the next open rather than queued a second time behind itself. */
export function DeviceReportButton() {
  const { client } = useServices();
  const backend = useAppState((state) => state.backend);
  const [shown, setShown] = useState<ReportMeasurement | null>(null);
  const inFlight = useRef<ReportMeasurement | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const webGpu = backend?.name === 'webgpu';

  const open = () => {
    if (!inFlight.current) {
      const software = hasNoGpu(backend);
      const request = reportRequest(software);
      const measurement: ReportMeasurement = {
        request,
        software,
        adapterDetail: adapterFromDetail(backend?.detail ?? ''),
        startedAt: Date.now(),
        result: client.requestDeviceReport(request.depths, request.batchSize, request.width),
      };
      void measurement.result.finally(() => {
        if (inFlight.current === measurement) inFlight.current = null;
      });
      inFlight.current = measurement;
    }
    setShown(inFlight.current);
  };

  return (
    <>
      <button
        ref={button}
        type="button"
        onClick={open}
        disabled={!webGpu}
        title={
          webGpu
            ? 'What this GPU is, and which way of computing each layer it runs fastest: a JSON to send with a question.'
            : backend
              ? 'A device report needs WebGPU.'
              : 'A device report needs WebGPU: waiting for the training worker’s backend.'
        }
      >
        Device report
      </button>
      <DeviceReportDialog
        measurement={shown}
        onClose={() => {
          setShown(null);
          button.current?.focus();
        }}
      />
    </>
  );
}
