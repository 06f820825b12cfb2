// A network's weights as a safetensors file (https://github.com/huggingface/safetensors: an 8-byte little-endian
// header length, a JSON header, then the raw little-endian tensors). Chosen because the exported PyTorch script
// (pytorch/residual_playground.py) reads it with 20 lines of plain Python, no package needed, and every ML
// tool reads it too. The tensors keep the app's names ('stem/conv', 'stage2/block0/bn1/gamma', 'fc/kernel',
// and the BN running statistics) and tfjs's layouts (conv kernels HWIO, the FC kernel [in, out]); the
// metadata says so, and which network and seed drew them.
import type { ModelConfig } from '../config';

export const WEIGHTS_FORMAT = 'residual-playground-weights';
export const WEIGHTS_VERSION = 1;
/** How the script must turn each tensor into PyTorch's layout (OIHW conv weights, [out, in] FC weight). */
export const WEIGHTS_LAYOUT = 'tfjs: conv kernels HWIO, fc/kernel [in, out]';

export interface NamedWeights {
  name: string;
  shape: number[];
  data: Float32Array;
}

export interface WeightsMetadata {
  model: ModelConfig;
  /** The network seed the app drew them with (TrainConfig.seed). */
  seed: number;
}

/** Header entries are padded with spaces to a multiple of 8 bytes, as the format recommends (aligned tensors). */
const ALIGNMENT = 8;

export function encodeWeights(tensors: readonly NamedWeights[], metadata: WeightsMetadata): Uint8Array {
  const header: Record<string, unknown> = {
    __metadata__: {
      format: WEIGHTS_FORMAT,
      version: String(WEIGHTS_VERSION),
      layout: WEIGHTS_LAYOUT,
      model: JSON.stringify(metadata.model),
      seed: String(metadata.seed),
    },
  };
  let offset = 0;
  for (const tensor of tensors) {
    const elements = tensor.shape.reduce((product, size) => product * size, 1);
    if (elements !== tensor.data.length) {
      throw new RangeError(`encodeWeights: ${tensor.name} has ${tensor.data.length} values for shape [${tensor.shape.join(', ')}]`);
    }
    if (tensor.name in header) throw new RangeError(`encodeWeights: two tensors named ${tensor.name}`);
    header[tensor.name] = { dtype: 'F32', shape: tensor.shape, data_offsets: [offset, offset + tensor.data.byteLength] };
    offset += tensor.data.byteLength;
  }
  let headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(headerBytes.length / ALIGNMENT) * ALIGNMENT;
  if (padded !== headerBytes.length) {
    const spaced = new Uint8Array(padded).fill(0x20);
    spaced.set(headerBytes);
    headerBytes = spaced;
  }
  const file = new Uint8Array(8 + headerBytes.length + offset);
  const view = new DataView(file.buffer);
  view.setBigUint64(0, BigInt(headerBytes.length), true);
  file.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const tensor of tensors) {
    // Float32Array is the platform's byte order; write little-endian explicitly so a big-endian host is right too.
    for (let i = 0; i < tensor.data.length; i++, at += 4) view.setFloat32(at, tensor.data[i], true);
  }
  return file;
}

/** The tensors and metadata of a file written by encodeWeights (for tests and for reading a file back). */
export function decodeWeights(file: Uint8Array): { tensors: NamedWeights[]; metadata: Record<string, string> } {
  if (file.length < 8) throw new RangeError('decodeWeights: the file is shorter than its 8-byte header length');
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const headerLength = Number(view.getBigUint64(0, true));
  if (8 + headerLength > file.length) throw new RangeError('decodeWeights: the header runs past the end of the file');
  const header = JSON.parse(new TextDecoder().decode(file.subarray(8, 8 + headerLength))) as Record<string, unknown>;
  const { __metadata__: metadata = {}, ...entries } = header;
  const start = 8 + headerLength;
  const tensors = Object.entries(entries).map(([name, raw]) => {
    const entry = raw as { dtype: string; shape: number[]; data_offsets: [number, number] };
    if (entry.dtype !== 'F32') throw new RangeError(`decodeWeights: ${name} is ${entry.dtype}, not F32`);
    const [begin, end] = entry.data_offsets;
    const data = new Float32Array((end - begin) / 4);
    for (let i = 0; i < data.length; i++) data[i] = view.getFloat32(start + begin + 4 * i, true);
    return { name, shape: entry.shape, data };
  });
  return { tensors, metadata: metadata as Record<string, string> };
}
