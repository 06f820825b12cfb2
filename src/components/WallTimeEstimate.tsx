import { useState } from 'react';
import { modelName, type TrainConfig } from '../config';
import { speedKey } from '../engine/speedProbe';
import { expectedSeconds } from '../engine/wallTime';
import { activeRun } from '../state/appState';
import { useAppState, useServices } from '../state/appContext';
import { formatDuration } from './format';

/** Before starting: how long the runs the button would queue take on THIS device, from a measured speed. */
export function WallTimeEstimate({ configs }: { configs: readonly TrainConfig[] }) {
  const { client, store } = useServices();
  const backend = useAppState((state) => state.backend);
  const data = useAppState((state) => state.data);
  const speeds = useAppState((state) => state.speeds);
  const training = useAppState((state) => activeRun(state) !== undefined);
  const [measuring, setMeasuring] = useState<string | null>(null);
  if (!backend || data.state !== 'ready' || configs.length === 0) return null;

  const entries = configs.map((config) => {
    const key = speedKey(config, backend.name);
    return { config, key, speed: speeds[key] };
  });
  const missing = entries.filter((entry) => !entry.speed);
  const toMeasure = [...new Map(missing.map((entry) => [entry.key, entry.config])).values()];

  const measure = async () => {
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

  if (missing.length === 0) {
    const seconds = entries.reduce((sum, entry) => sum + expectedSeconds(entry.config, data.trainImages, data.testImages, entry.speed), 0);
    const perStep = [...new Map(entries.map((entry) => [entry.key, entry])).values()]
      .map((entry) => `${modelName(entry.config.model)} ${formatStep(entry.speed.msPerStep)}`)
      .join(', ');
    return (
      <p className="wall-time" data-testid="wall-time">
        Expected wall time: <strong>about {formatDuration(seconds)}</strong> on this device ({backend.name === 'webgpu' ? 'WebGPU' : backend.name},
        measured per step: {perStep}; evaluations included, pauses not).
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
          <button type="button" onClick={measure} disabled={training} title={training ? 'Speed is measured while nothing trains.' : undefined}>
            Measure speed
          </button>
        </>
      )}
    </p>
  );
}

function formatStep(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}
