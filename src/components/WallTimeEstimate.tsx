import { useState } from 'react';
import { modelName, type TrainConfig } from '../config';
import { speedKey } from '../engine/speedKey';
import { missingParts, queueParts, totalSeconds, type MeasuredSpeed } from '../engine/wallTime';
import { describeParts } from './wallTimeBreakdown';
import { DeviceReportButton } from './DeviceReportButton';
import { figure6Configs, projectFigure6 } from '../experiment/figure6Projection';
import { activeRun } from '../state/appState';
import { useAppState, useServices } from '../state/appContext';
import { formatDuration } from './format';

/** Before starting: how long the runs the button would queue take on THIS device, from a measured speed, and
 *  what the whole Figure 6 experiment would cost here at a quick length and at the paper's. */
export function WallTimeEstimate({ configs, recipe }: { configs: readonly TrainConfig[]; recipe: TrainConfig | null }) {
  const { client, store } = useServices();
  const backend = useAppState((state) => state.backend);
  const data = useAppState((state) => state.data);
  const speeds = useAppState((state) => state.speeds);
  const training = useAppState((state) => activeRun(state) !== undefined);
  const [measuring, setMeasuring] = useState<string | null>(null);
  // Keyed, and rendered whatever the backend and the data: a worker replaced while the report is measured (a lost
  // GPU) must leave its dialog open to say so, not unmount it with the estimates.
  const deviceReport = (
    <p className="wall-time" key="device-report">
      What this GPU is and how fast it runs each layer, as a file to send: <DeviceReportButton />
    </p>
  );
  if (!backend || data.state !== 'ready') return <>{deviceReport}</>;
  const { trainImages, testImages } = data;
  const backendName = backend.name;
  const speedOf = (config: TrainConfig): MeasuredSpeed | undefined => speeds[speedKey(config, backendName)];

  /** Times the networks of `wanted` that have no speed yet (all of them `again`, e.g. an older measurement). */
  const measure = async (wanted: readonly TrainConfig[], again = false) => {
    const toMeasure = [...new Map(wanted.filter((c) => again || !speedOf(c)).map((c) => [speedKey(c, backendName), c])).values()];
    for (const config of toMeasure) {
      setMeasuring(modelName(config.model));
      const result = await client.measureSpeed(config);
      if ('error' in result) {
        store.dispatch({ type: 'notice', scope: 'training', message: `Speed not measured: ${result.error}` });
        break;
      }
    }
    setMeasuring(null);
  };
  const projection = recipe ? projectFigure6(recipe, speedOf, trainImages, testImages) : null;
  const figure6 = recipe ? (
    <p className="wall-time" data-testid="figure6-projection">
      {projection ? (
        <>
          Figure 6 (plain-20, plain-56, ResNet-20, ResNet-56 at width {recipe.model.width}, batch {recipe.batchSize}) on this device: about <strong>{formatDuration(projection.quickSeconds)}</strong> at{' '}
          {projection.quickEpochs} epochs, about <strong>{formatDuration(projection.paperSeconds)}</strong> at the paper's 64,000 iterations.
        </>
      ) : measuring ? null : (
        <>
          How long would Figure 6 take here?{' '}
          <button type="button" onClick={() => measure(figure6Configs(recipe))} disabled={training} title={training ? 'Speed is measured while nothing trains.' : undefined}>
            Measure Figure 6's networks
          </button>
        </>
      )}
    </p>
  ) : null;
  return (
    <>
      {configs.length > 0 ? runsEstimate() : null}
      {deviceReport}
      {figure6}
    </>
  );

  /** The runs the button would queue: their expected wall time, or what must be measured first. */
  function runsEstimate() {
    const entries = configs.map((config) => ({ config, key: speedKey(config, backendName), speed: speedOf(config) }));
    const missing = entries.filter((entry) => !entry.speed);
    const parts = missing.length === 0 ? queueParts(configs, speedOf, trainImages, testImages) : undefined;
    if (parts) {
      const seconds = totalSeconds(parts);
      const perStep = [...new Map(entries.map((entry) => [entry.key, entry])).values()]
        .map((entry) => `${modelName(entry.config.model)} ${formatStep(entry.speed!.msPerStep)} (${formatRate(entry.config.batchSize, entry.speed!.msPerStep)})`)
        .join(', ');
      const lacking = [...new Set(entries.flatMap((entry) => missingParts(entry.speed!)))];
      const fromRuns = entries.some((entry) => entry.speed!.fromRun === true);
      return (
        <p className="wall-time" data-testid="wall-time" data-expected-seconds={seconds.toFixed(2)}>
          Expected wall time: <strong>about {formatDuration(seconds)}</strong> on this device ({backendName === 'webgpu' ? 'WebGPU' : backendName},
          {' '}{fromRuns ? 'per step as timed by the last finished run' : 'measured per step'}: {perStep}; pauses not included).{' '}
          <span data-testid="wall-time-parts">{describeParts(parts)}.</span>
          {lacking.length > 0 ? (
            <>
              {' '}
              This speed was measured by an older version of the page, so {lacking.join(', ')} {lacking.length === 1 ? 'is' : 'are'} not included.{' '}
              <button type="button" onClick={() => measure(configs, true)} disabled={training || measuring !== null} title={training ? 'Speed is measured while nothing trains.' : undefined}>
                Measure again
              </button>
            </>
          ) : null}
        </p>
      );
    }
    return (
      <p className="wall-time" data-testid="wall-time">
        {measuring ? (
          <>Measuring {measuring} (a few training steps and one test batch)…</>
        ) : (
          <>
            Wall time not known yet for {[...new Set(missing.map((entry) => modelName(entry.config.model)))].join(', ')} on this device.{' '}
            <button type="button" onClick={() => measure(configs)} disabled={training} title={training ? 'Speed is measured while nothing trains.' : undefined}>
              Measure speed
            </button>
          </>
        )}
      </p>
    );
  }
}

/** Training images per second at `batchSize` images per step of `msPerStep`. */
function formatRate(batchSize: number, msPerStep: number): string {
  const rate = (1000 * batchSize) / msPerStep;
  return `${rate >= 100 ? Math.round(rate).toLocaleString('en-US') : rate.toPrecision(2)} images/s`;
}

function formatStep(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}
