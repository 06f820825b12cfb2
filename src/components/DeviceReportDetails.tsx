import type { DeviceReport } from '../bench/deviceReport';
import { DeviceReportNetwork } from './DeviceReportNetwork';
import { adapterName, featureWords, limitWords } from './deviceReportView';

/** A measured report in words: the adapter, its features and limits, then each network's speed and kernels. */
export function DeviceReportDetails({ report }: { report: DeviceReport }) {
  const { device } = report;
  return (
    <>
      <p data-testid="device-report-adapter">
        <strong>Adapter:</strong> {adapterName(report)}:{' '}
        {device.software ? (
          <span className="device-report-software-tag">software, a processor imitating a GPU, so these times say nothing of a real GPU’s</span>
        ) : (
          'a GPU'
        )}
        .
      </p>
      <p className="device-report-meta">
        Measured {new Date(report.measuredAt).toLocaleString()} in {report.runtime}.
      </p>
      <div className="device-report-facts">
        <section aria-label="WebGPU features">
          <h3>Features</h3>
          <ul>
            {featureWords(device.features).map((f) => (
              <li key={f.name}>
                <code>{f.name}</code>: {f.present ? 'yes' : 'no'} <span className="device-report-soft">({f.use})</span>
              </li>
            ))}
          </ul>
        </section>
        <section aria-label="WebGPU limits">
          <h3>Limits</h3>
          <ul>
            {limitWords(device.limits).map((l) => (
              <li key={l.name}>
                {l.name}: {l.value}
              </li>
            ))}
          </ul>
        </section>
      </div>
      <p className="device-report-explain">
        For each layer shape the page times several ways of computing it on this GPU, the <em>candidates</em>, and keeps the fastest, the <em>chosen</em> one
        (highlighted below).
      </p>
      {report.results.map((result, index) => (
        <DeviceReportNetwork key={`${result.model}-${index}`} result={result} />
      ))}
    </>
  );
}
