import type { ModelConfig } from '../../config';

/** A basic-block ResNet with option A shortcuts (§4.2), changed by `extra`; for tests. */
export function residualConfig(depth: number, width: number, extra: Partial<ModelConfig> = {}): ModelConfig {
  return { depth, blockType: 'residual', shortcut: 'A', block: 'basic', width, ...extra };
}
