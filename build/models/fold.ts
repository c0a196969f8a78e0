/**
 * The PP-OCRv4 models as Paddle2ONNX wrote them spell each layer out in small steps, and onnxruntime runs every step
 * as a pass over the whole activation: profiled on the recognizer, convolutions were 47% of the time and the
 * element-wise steps between them 37%. This rewrites the graph into the same function in fewer steps, exactly (the
 * weights change, the arithmetic does not: outputs agree to float rounding, test/build/models/fold.test.ts):
 * - a convolution followed by a scale and a shift by constants (PP-LCNetV3's "learnable affine block", and batch
 *   norm exported as Mul and Add) is one convolution with scaled weights and a shifted bias;
 * - hard-swish written out as x * clip(x + 3, 0, 6) / 6 (four steps) is x * HardSigmoid(x) (two; onnxruntime fuses
 *   them into the convolution before them);
 * - a scale and a shift by constants just before an unpadded convolution fold into its weights and bias;
 * - before a padded one they cannot (its border would see the shift where it sees zeros), so they become a 1x1
 *   depthwise convolution: one pass that onnxruntime runs in its blocked (NCHWc) layout, where a scalar Mul and Add
 *   made it convert the activation out of that layout and back around them (a quarter of the recognizer's time).
 * Measured on 2 cores (onnxruntime 1.30) on the bench's own line batches: the recognizer 1.47x, the detector 1.3x as fast.
 *
 * Our own code because no npm package rewrites ONNX graphs, and onnxruntime's optimizer leaves these steps alone
 * (profiled with graphOptimizationLevel 'all': Mul, Add, Clip and Div each ran as a kernel of its own); a model it
 * saves optimized is tied to the machine that wrote it.
 */
import { onnx, type Schema } from './onnx-schema.ts';

type Node = Schema.INodeProto;
type Tensor = Schema.ITensorProto;

export interface FoldReport {
  /** Convolutions that took in the scale and shift after them. */
  scaleShiftAfterConv: number;
  /** Hard-swish activations written as HardSigmoid and Mul. */
  hardSwish: number;
  /** Scales and shifts taken into the unpadded convolution after them. */
  scaleShiftBeforeConv: number;
  /** Scales and shifts before a padded convolution, made a 1x1 depthwise convolution. */
  scaleShiftAsConv: number;
}

export function foldModel(bytes: Uint8Array): { model: Uint8Array; report: FoldReport } {
  const model = onnx.ModelProto.decode(bytes);
  const graph = new Graph(model.graph!);
  const report: FoldReport = {
    scaleShiftAfterConv: graph.foldScaleShiftAfterConv(),
    hardSwish: graph.shortenHardSwish(),
    ...graph.foldScaleShiftBeforeConv(),
  };
  graph.write();
  return { model: onnx.ModelProto.encode(model).finish(), report };
}

/** A convolution that pads its input (with zeros): explicit pads, or SAME_UPPER/SAME_LOWER. */
function isPadded(conv: Node): boolean {
  const attribute = (name: string) => conv.attribute?.find((a) => a.name === name);
  const autoPad = new TextDecoder().decode(attribute('auto_pad')?.s ?? new Uint8Array());
  return autoPad.startsWith('SAME') || (attribute('pads')?.ints ?? []).some((pad) => Number(pad) !== 0);
}

class Graph {
  readonly #graph: Schema.IGraphProto;
  #nodes: Node[];
  /** Constant values by name: Constant nodes' outputs and initializers. */
  readonly #constants = new Map<string, Tensor>();
  readonly #added: Tensor[] = [];
  #fresh = 0;

  constructor(graph: Schema.IGraphProto) {
    this.#graph = graph;
    this.#nodes = [...(graph.node ?? [])];
    for (const tensor of graph.initializer ?? []) this.#constants.set(tensor.name!, tensor);
    for (const node of this.#nodes) {
      const value = node.opType === 'Constant' ? node.attribute?.find((a) => a.name === 'value')?.t : undefined;
      if (value) this.#constants.set(node.output![0]!, value);
    }
  }

  foldScaleShiftAfterConv(): number {
    let folded = 0;
    for (const conv of this.#nodes.filter((n) => n.opType === 'Conv')) {
      const mul = this.#onlyConsumer(conv.output![0]!, 'Mul');
      const scale = mul && this.#scalarOperand(mul, conv.output![0]!);
      const add = mul && this.#onlyConsumer(mul.output![0]!, 'Add');
      const shift = add && this.#scalarOperand(add, mul.output![0]!);
      if (scale === undefined || shift === undefined || !mul || !add) continue;
      const weights = this.#floats(conv.input![1]!);
      const bias = this.#bias(conv, weights.dims[0]!);
      conv.input = [
        conv.input![0]!,
        this.#constant(weights.dims, weights.data.map((w) => w * scale)),
        this.#constant(bias.dims, bias.data.map((b) => b * scale + shift)),
      ];
      // The convolution now writes what the Add wrote: its readers (and a graph output of that name) are untouched.
      conv.output = [add.output![0]!];
      this.#remove(mul, add);
      folded++;
    }
    return folded;
  }

  shortenHardSwish(): number {
    let shortened = 0;
    for (const add of this.#nodes.filter((n) => n.opType === 'Add')) {
      const x = add.input!.find((name, i) => this.#scalar(add.input![1 - i]!) === 3);
      const clip = x !== undefined ? this.#onlyConsumer(add.output![0]!, 'Clip') : undefined;
      if (x === undefined || !clip || !this.#clipsTo(clip, 0, 6)) continue;
      const mul = this.#onlyConsumer(clip.output![0]!, 'Mul');
      const div = mul?.input!.includes(x) ? this.#onlyConsumer(mul.output![0]!, 'Div') : undefined;
      if (!mul || !div || div.input![0] !== mul.output![0] || this.#scalar(div.input![1]!) !== 6) continue;
      const gate = this.#name('hard_sigmoid');
      const at = this.#nodes.indexOf(add);
      this.#remove(add, clip, mul, div);
      this.#nodes.splice(
        at,
        0,
        onnx.NodeProto.create({
          opType: 'HardSigmoid',
          name: gate,
          input: [x],
          output: [gate],
          attribute: [
            { name: 'alpha', type: onnx.AttributeProto.AttributeType.FLOAT, f: 1 / 6 },
            { name: 'beta', type: onnx.AttributeProto.AttributeType.FLOAT, f: 0.5 },
          ],
        }),
        onnx.NodeProto.create({ opType: 'Mul', name: this.#name('hard_swish'), input: [x, gate], output: [div.output![0]!] }),
      );
      shortened++;
    }
    return shortened;
  }

  foldScaleShiftBeforeConv(): Pick<FoldReport, 'scaleShiftBeforeConv' | 'scaleShiftAsConv'> {
    let [folded, asConv] = [0, 0];
    for (const mul of this.#nodes.filter((n) => n.opType === 'Mul')) {
      const x = mul.input!.find((name, i) => this.#scalar(mul.input![1 - i]!) !== undefined);
      const scale = x !== undefined ? this.#scalarOperand(mul, x) : undefined;
      const add = this.#onlyConsumer(mul.output![0]!, 'Add');
      const shift = add && this.#scalarOperand(add, mul.output![0]!);
      if (x === undefined || scale === undefined || !add || shift === undefined || this.#isGraphOutput(add.output![0]!)) continue;
      const convs = this.#consumers(add.output![0]!);
      if (convs.length === 0 || !convs.every((conv) => conv.opType === 'Conv' && conv.input![0] === add.output![0])) continue;
      this.#remove(mul, add);
      if (convs.some(isPadded)) {
        // Each channel scaled and shifted alike: weights [C, 1, 1, 1], group C, C the convolution's input channels.
        const weights = this.#floats(convs[0]!.input![1]!);
        const channels = weights.dims[1]! * (this.#intAttribute(convs[0]!, 'group') ?? 1);
        const constant = (value: number, dims: number[]): string => this.#constant(dims, new Float32Array(channels).fill(value));
        this.#nodes.splice(this.#nodes.indexOf(convs[0]!), 0, onnx.NodeProto.create({
          opType: 'Conv',
          name: this.#name('scale_shift'),
          input: [x, constant(scale, [channels, 1, 1, 1]), constant(shift, [channels])],
          output: [add.output![0]!],
          attribute: [
            { name: 'kernel_shape', type: onnx.AttributeProto.AttributeType.INTS, ints: [1, 1] },
            { name: 'group', type: onnx.AttributeProto.AttributeType.INT, i: channels },
          ],
        }));
        asConv++;
        continue;
      }
      for (const conv of convs) {
        // conv(scale*x + shift) = conv'(x) with W' = scale*W and b' = b + shift * (sum of each filter's weights).
        const weights = this.#floats(conv.input![1]!);
        const perFilter = weights.data.length / weights.dims[0]!;
        const bias = this.#bias(conv, weights.dims[0]!);
        const sums = bias.data.map((b, filter) => b + shift * weights.data.subarray(filter * perFilter, (filter + 1) * perFilter).reduce((s, w) => s + w, 0));
        conv.input = [x, this.#constant(weights.dims, weights.data.map((w) => w * scale)), this.#constant(bias.dims, sums)];
      }
      folded++;
    }
    return { scaleShiftBeforeConv: folded, scaleShiftAsConv: asConv };
  }

  /** Writes the nodes back, with the new constants as initializers and the constants nothing reads any more gone. */
  write(): void {
    const read = new Set(this.#nodes.flatMap((n) => n.input ?? []));
    for (const output of this.#graph.output ?? []) read.add(output.name!);
    this.#graph.node = this.#nodes.filter((n) => n.opType !== 'Constant' || n.output!.some((name) => read.has(name)));
    this.#graph.initializer = [...(this.#graph.initializer ?? []), ...this.#added].filter((t) => read.has(t.name!));
  }

  #consumers(name: string): Node[] {
    return this.#nodes.filter((n) => n.input?.includes(name));
  }

  #onlyConsumer(name: string, opType: string): Node | undefined {
    const consumers = this.#consumers(name);
    return consumers.length === 1 && consumers[0]!.opType === opType && !this.#isGraphOutput(name) ? consumers[0] : undefined;
  }

  #isGraphOutput(name: string): boolean {
    return (this.#graph.output ?? []).some((output) => output.name === name);
  }

  /** The constant scalar a two-input node combines `other` with, if that is what it does. */
  #scalarOperand(node: Node, other: string): number | undefined {
    const [a, b] = node.input!;
    return a === other ? this.#scalar(b!) : b === other ? this.#scalar(a!) : undefined;
  }

  #scalar(name: string): number | undefined {
    const tensor = this.#constants.get(name);
    if (!tensor || tensor.dataType !== onnx.TensorProto.DataType.FLOAT) return undefined;
    const { data } = this.#floats(name);
    return data.length === 1 ? data[0] : undefined;
  }

  /** Clip's bounds are attributes up to opset 10, inputs from 11. */
  #clipsTo(clip: Node, min: number, max: number): boolean {
    const bound = (input: number, attribute: string): number | undefined => {
      const name = clip.input![input];
      return name ? this.#scalar(name) : clip.attribute?.find((a) => a.name === attribute)?.f ?? undefined;
    };
    return bound(1, 'min') === min && bound(2, 'max') === max;
  }

  #intAttribute(node: Node, name: string): number | undefined {
    const value = node.attribute?.find((a) => a.name === name)?.i;
    return value === undefined || value === null ? undefined : Number(value);
  }

  #floats(name: string): { dims: number[]; data: Float32Array } {
    const tensor = this.#constants.get(name);
    if (!tensor || tensor.dataType !== onnx.TensorProto.DataType.FLOAT) throw new Error(`${name} is not a float constant`);
    const dims = (tensor.dims ?? []).map(Number);
    if (tensor.rawData && tensor.rawData.length > 0) {
      // Copied into a buffer of its own: the protobuf's bytes (a Buffer view) need not sit at a 4-byte boundary.
      return { dims, data: new Float32Array(new Uint8Array(tensor.rawData).buffer) };
    }
    return { dims, data: Float32Array.from(tensor.floatData ?? []) };
  }

  /** A convolution's bias, zeros for each of its `filters` where it has none. */
  #bias(conv: Node, filters: number): { dims: number[]; data: Float32Array } {
    return conv.input![2] ? this.#floats(conv.input![2]) : { dims: [filters], data: new Float32Array(filters) };
  }

  #constant(dims: number[], data: Float32Array): string {
    const name = this.#name('folded');
    const tensor = onnx.TensorProto.create({ name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) });
    this.#constants.set(name, tensor);
    this.#added.push(tensor);
    return name;
  }

  #name(kind: string): string {
    return `readout_${kind}_${this.#fresh++}`;
  }

  #remove(...nodes: Node[]): void {
    this.#nodes = this.#nodes.filter((n) => !nodes.includes(n));
  }
}
