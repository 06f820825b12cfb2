import * as tf from '@tensorflow/tfjs';
import type { BatchNorm } from './batchNorm';
import type { Parameter } from './network';
import { parameterSeed } from './initializers';
import { currentOps, type NetworkOps } from './ops';

/** Makes every network's variable names unique in the tfjs registry. */
let nextNetworkId = 0;

/**
 * Collects a network's variables while it is being built, in creation order (which is the stable order of
 * Network.parameters). tfjs keeps one global registry of variable names, so each network gets its own
 * prefix: the tf.Variable of parameter 'stem/conv' is named 'net3/stem/conv'. Two networks built from the
 * same (config, seed) can then live side by side, and the builder stays a pure function of its arguments.
 */
export class ParameterStore {
  readonly parameters: Parameter[] = [];
  readonly statistics: tf.Variable[] = [];
  /** Every batch norm, in creation order (which is forward order), for Fig. 7's recorded forward pass. */
  readonly batchNorms: BatchNorm[] = [];
  private readonly names = new Set<string>();
  private readonly prefix = `net${nextNetworkId++}/`;

  /** `ops`: what the network's layers run, chosen once for the whole network (ops.ts); they take it from here. */
  constructor(
    private readonly networkSeed: number,
    readonly ops: NetworkOps = currentOps(),
  ) {}

  /** A trainable tensor. `initial` receives a seed derived from (network seed, name). */
  trainable(name: string, decay: boolean, initial: (seed: number) => tf.Tensor): tf.Variable {
    const variable = this.register(name, true, initial(parameterSeed(this.networkSeed, name)));
    this.parameters.push({ name, variable, decay });
    return variable;
  }

  /** A non-trainable tensor that the forward pass updates (BN running mean / variance). */
  statistic(name: string, initial: tf.Tensor): tf.Variable {
    const variable = this.register(name, false, initial);
    this.statistics.push(variable);
    return variable;
  }

  /** Frees everything created so far (used by dispose() and when a build fails half way). */
  dispose(): void {
    this.parameters.forEach((p) => p.variable.dispose());
    this.statistics.forEach((v) => v.dispose());
  }

  /** 'net3/stem/bn/runningMean' -> 'stem/bn/runningMean'. */
  static localName(variable: tf.Variable): string {
    return variable.name.slice(variable.name.indexOf('/') + 1);
  }

  private register(name: string, trainable: boolean, initial: tf.Tensor): tf.Variable {
    if (this.names.has(name)) {
      initial.dispose();
      throw new Error(`Two variables named "${name}" in one network`);
    }
    this.names.add(name);
    const variable = tf.variable(initial, trainable, this.prefix + name);
    initial.dispose(); // the variable holds its own reference to the data
    return variable;
  }
}
