import type { NetworkSpeed } from '../bench/deviceReport';
import { candidateCells, captureWords, classRows, formatMs, kernelClassWords, shapeWords, speedWords } from './deviceReportView';

/** One network of the report: its speed in a line, GPU time by kernel class, and every kernel shape's candidates. */
export function DeviceReportNetwork({ result }: { result: NetworkSpeed }) {
  const classes = classRows(result);
  const { timings } = result.kernels;
  return (
    <section className="device-report-network" aria-label={`${result.model}, batch ${result.batchSize}`}>
      <h3>
        {result.model}, batch {result.batchSize}
      </h3>
      <p data-testid="device-report-speed" data-images-per-second={result.imagesPerSecond}>
        <strong>{speedWords(result)}</strong> <span className="device-report-soft">({result.steps} steps timed; {captureWords(result.capture)})</span>
      </p>
      {classes.length > 0 ? (
        <table className="device-report-table">
          <caption>
            GPU time of one step by kind of kernel, at the chosen implementations{' '}
            <span className="device-report-soft">(each timed alone, so together they can exceed the step)</span>
          </caption>
          <thead>
            <tr>
              <th scope="col">Kind of kernel</th>
              <th scope="col" className="number">GPU ms per step</th>
              <th scope="col" className="number">Of the step’s {formatMs(result.msPerStep)}</th>
            </tr>
          </thead>
          <tbody>
            {classes.map((row) => (
              <tr key={row.kernelClass}>
                <td>{row.label}</td>
                <td className="number">{formatMs(row.ms)}</td>
                <td className="number">{Math.round(row.shareOfStep * 100)}%</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <details open>
        <summary>
          Each kernel shape ({timings.length}), timed by {result.kernels.timing === 'timestamp-query' ? 'the GPU’s own clock' : 'the wall clock'}
        </summary>
        <table className="device-report-table" data-testid="device-report-kernels">
          <thead>
            <tr>
              <th scope="col">Kind of kernel</th>
              <th scope="col">Shape</th>
              <th scope="col" className="number">Runs per step</th>
              <th scope="col">Candidates, GPU time per run</th>
            </tr>
          </thead>
          <tbody>
            {timings.map((timing) => (
              <tr key={`${timing.kernelClass}|${timing.shapeKey}`} data-chosen={timing.chosen}>
                <td>{kernelClassWords(timing.kernelClass)}</td>
                <td title={timing.shapeKey}>{shapeWords(timing.kernelClass, timing.shapeKey)}</td>
                <td className="number">{timing.count}</td>
                <td>
                  <ul className="device-report-candidates">
                    {candidateCells(timing).map((cell) => (
                      <li key={cell.name} className={cell.chosen ? 'chosen' : undefined}>
                        <code>{cell.name}</code> {cell.text}
                        {cell.chosen ? <strong> ✓ chosen</strong> : null}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
