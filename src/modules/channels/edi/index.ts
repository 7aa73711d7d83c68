// Public surface of the EDI codec. Pure: no database, no network, no clock unless passed in.
export { runTranslateCli } from "./cli.ts";
export { buildDesadv, buildInvoic, buildOrdrsp, writeEdifactDocuments } from "./edifact-outbound.ts";
export {
  createEdifactScanner,
  DEFAULT_EDIFACT,
  tokenizeEdifact,
  tokenizeEdifactStream,
} from "./edifact-tokenizer.ts";
export { writeEdifactInterchange, writeEdifactSegment } from "./edifact-writer.ts";
export * from "./outbound-read.ts";
export type * from "./outbound-types.ts";
export { gs1CheckDigit, isValidSscc, makeSscc } from "./sscc.ts";
export { detectStandard, translateFile, translateStream } from "./translate.ts";
export type * from "./types.ts";
export { build810, build855, build856, writeX12Documents } from "./x12-outbound.ts";
export { createX12Scanner, tokenizeX12, tokenizeX12Batches, tokenizeX12Stream } from "./x12-tokenizer.ts";
export {
  buildIsa,
  DEFAULT_X12_DELIMITERS,
  EdiWriteError,
  writeX12Interchange,
  writeX12Segment,
} from "./x12-writer.ts";
