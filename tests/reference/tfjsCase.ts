// The tfjs side of a reference case: build the network, run two SGD steps on one batch, record everything.
import * as tf from '@tensorflow/tfjs';
import type { ModelConfig } from '../../src/config';
import { DiagnosticsProbe } from '../../src/engine/diagnosticsProbe';
import { SgdMomentum } from '../../src/engine/sgd';
import { randomizeBatchNorms } from '../../src/engine/testing/randomBatchNorm';
import { crossEntropy } from '../../src/model/loss';
import { bnStatisticName, buildNetwork, type Network } from '../../src/model/network';
import { tensorJson, type Hyperparameters, type NamedTensors, type ReferenceInput, type StepResults } from './referenceData';

/** §4.2: lr 0.1, momentum 0.9, weight decay 1e-4. */
export const PAPER_SGD: Hyperparameters = { learningRate: 0.1, momentum: 0.9, weightDecay: 1e-4 };

async function snapshot(entries: [string, tf.Tensor][]): Promise<NamedTensors> {
  const out: NamedTensors = {};
  for (const [name, t] of entries) out[name] = await tensorJson(t);
  return out;
}

const parametersOf = (network: Network) => snapshot(network.parameters.map((p) => [p.name, p.variable]));
const statisticsOf = (network: Network) => snapshot(network.bnStatistics.map((v) => [bnStatisticName(v), v]));

/** Forward in train mode + backward. Gradients keyed by parameter name; the caller disposes them. With a
 *  probe, the app's diagnostics measure this step as the trainer's sampled steps do (trainStep.ts). */
function trainForwardBackward(network: Network, x: tf.Tensor4D, labels: tf.Tensor1D, probe?: DiagnosticsProbe) {
  const kept: { logits?: tf.Tensor2D } = {};
  const { value, grads } = tf.variableGrads(
    () => {
      const logits = network.apply(x, 'train', probe);
      kept.logits = tf.keep(logits);
      return crossEntropy(logits, labels);
    },
    network.parameters.map((p) => p.variable),
  );
  if (probe) {
    probe.recordGradients(network.parameters.map((p) => grads[p.variable.name]));
    }
  return { logits: kept.logits as tf.Tensor2D, loss: value, grads };
}

/** One scalar per name, as NamedTensors (so each is compared on its own scale). */
function scalarsByName(names: readonly string[], values: readonly number[]): NamedTensors {
  return Object.fromEntries(names.map((name, i) => [name, { shape: [], data: [values[i]] }]));
}

async function gradientsByParameterName(network: Network, grads: tf.NamedTensorMap): Promise<NamedTensors> {
  return snapshot(network.parameters.map((p) => [p.name, grads[p.variable.name]]));
}

export async function runTfjsCase(
  config: ModelConfig,
  seed: number,
  batchSize: number,
  hyper: Hyperparameters = PAPER_SGD,
  randomBatchNorm = false,
): Promise<ReferenceInput> {
  const network = buildNetwork(config, seed);
  if (randomBatchNorm) randomizeBatchNorms(network, seed);
  const probe = new DiagnosticsProbe(network);
  const optimizer = new SgdMomentum(network.parameters, hyper.momentum, hyper.weightDecay);
  // Mean-subtracted images are roughly zero-mean: a standard normal batch stands in for them.
  const x = tf.randomNormal([batchSize, 32, 32, 3], 0, 1, 'float32', seed + 1000) as tf.Tensor4D;
  const labelValues = Array.from({ length: batchSize }, (_, i) => (3 * i) % 10); // 0, 3, 6, 9, 2, 5, ...
  const labels = tf.tensor1d(labelValues, 'int32');
  try {
    const initialParameters = await parametersOf(network);
    const initialStatistics = await statisticsOf(network);

    const step1 = trainForwardBackward(network, x, labels, probe);
    const { layout } = probe.plan;
    const reading = await probe.read();
    const evalLogits = network.apply(x, 'eval');
    const partial = {
      gradientNorms: scalarsByName(layout.gradientLayers.map((l) => l.name), reading.gradientNorms),
      responseStds: scalarsByName(layout.responseLayers.map((l) => l.name), reading.responseStds),
      trainLogits: await tensorJson(step1.logits),
      loss: (await step1.loss.data())[0],
      gradients: await gradientsByParameterName(network, step1.grads),
      statisticsAfterStep1: await statisticsOf(network),
      evalLogits: await tensorJson(evalLogits),
    };
    optimizer.step(step1.grads, hyper.learningRate);
    tf.dispose([step1.logits, step1.loss, evalLogits, ...Object.values(step1.grads)]);
    const parametersAfterStep1 = await parametersOf(network);
    const afterStep1 = network.apply(x, 'eval');
    const evalLogitsAfterStep1 = await tensorJson(afterStep1);
    afterStep1.dispose();

    const step2 = trainForwardBackward(network, x, labels);
    const loss2 = (await step2.loss.data())[0];
    const gradientsStep2 = await gradientsByParameterName(network, step2.grads);
    optimizer.step(step2.grads, hyper.learningRate);
    tf.dispose([step2.logits, step2.loss, ...Object.values(step2.grads)]);

    const tfjs: StepResults = {
      ...partial,
      parametersAfterStep1,
      evalLogitsAfterStep1,
      loss2,
      gradientsStep2,
      parametersAfterStep2: await parametersOf(network),
      statisticsAfterStep2: await statisticsOf(network),
    };
    return {
      config,
      seed,
      hyper,
      x: await tensorJson(x),
      labels: labelValues,
      parameters: network.parameters.map((p) => ({ name: p.name, decay: p.decay, value: initialParameters[p.name] })),
      statistics: initialStatistics,
      tfjs,
    };
  } finally {
    probe.dispose();
    optimizer.dispose();
    network.dispose();
    tf.dispose([x, labels]);
  }
}
