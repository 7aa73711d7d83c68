// The order intake pipeline (DESIGN.md "the spine"): every channel builds an OrderRequest and calls
// submit (or simulate, to show live price, availability, promise date and credit before sending).
export type { EvaluatedLine } from "./evaluate.ts";
export type { RaisedSummary } from "./persist.ts";
export { CHANNELS, type Channel, OrderRequest, OrderRequestLine, requestHash } from "./request.ts";
export type { CreditCheck, PlannedException, ShipPolicy } from "./rules.ts";
export {
  type IntakeMode,
  type IntakeOutcome,
  type IntakeReplay,
  type IntakeResult,
  type SubmitOptions,
  simulate,
  submit,
} from "./submit.ts";
