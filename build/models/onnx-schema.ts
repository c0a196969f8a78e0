/**
 * ONNX's protobuf schema compiled for JavaScript (onnx-proto). The package is CommonJS whose exports Node cannot
 * name statically, so the namespace is taken from its default export, typed by its declarations.
 */
import onnxProto from 'onnx-proto';
import type { onnx as Schema } from 'onnx-proto';

export type { Schema };
export const onnx = (onnxProto as unknown as { onnx: typeof Schema }).onnx;
