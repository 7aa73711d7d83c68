// Shared shapes for the EDI codec. Pure data: no I/O, no database.

/** One element: repetitions × components. A plain value is [[value]]. */
export type Element = string[][];

export interface Segment {
  tag: string;
  elements: Element[];
}

export interface X12Delimiters {
  element: string;
  /** null when the ISA carried no usable component separator (ISA16 missing). */
  component: string | null;
  /** ISA11 when it is a separator (00402+), otherwise null. */
  repetition: string | null;
  segment: string;
}

export interface EdifactDelimiters {
  component: string;
  element: string;
  decimal: string;
  /** null when UNA declares a space (no release character). */
  release: string | null;
  repetition: string | null;
  segment: string;
}

export interface EdiError {
  code: string;
  message: string;
  /** Segment tag and 1-based position inside the transaction/message, when known. */
  segment?: string;
  position?: number;
  /** Element (1-based) when the error is about one element. */
  element?: number;
  /** The acknowledgment code this error maps to (AK3/AK4/AK5/IK…, TA1, CONTRL 0085), when it has one. */
  ackCode?: string;
}

export interface Identifier {
  qualifier: string;
  value: string;
}

export interface PartnerId {
  qualifier: string;
  id: string;
}

export interface Address {
  lines: string[];
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
}

export interface Party {
  role: string;
  identifiers: Identifier[];
  name: string | null;
  address: Address | null;
}

export interface OrderLine {
  lineRef: string | null;
  quantity: string | null;
  uom: string | null;
  unitPrice: string | null;
  itemIds: Identifier[];
  description: string | null;
  requestedDeliveryDate: string | null;
  notes: string[];
}

/** The canonical order request a channel hands to intake (DESIGN.md "The spine"). */
export interface OrderRequest {
  kind: "order";
  /** X12 BEG01 / EDIFACT BGM 1225 as sent (00 original, 05 replace, 9 original…). */
  purpose: string | null;
  orderType: string | null;
  poNumber: string | null;
  poDate: string | null;
  requestedDeliveryDate: string | null;
  requestedShipDate: string | null;
  currency: string | null;
  buyer: Party | null;
  shipTo: Party | null;
  /** Every party in the document (BY, ST, BT, SU, DP, IV…), in document order. */
  parties: Party[];
  notes: string[];
  lines: OrderLine[];
}

export interface ChangeLine extends OrderLine {
  /** X12 POC02 change code (AI add, CA changes, DI delete, QD/QI qty decrease/increase, PC price). */
  changeCode: string | null;
  /** POC04 "quantity left to receive" when sent. */
  quantityLeftToReceive: string | null;
}

/** An 860: a change to an existing order, matched later by poNumber. */
export interface ChangeRequest {
  kind: "change";
  purpose: string | null;
  changeType: string | null;
  poNumber: string | null;
  poDate: string | null;
  changeDate: string | null;
  requestedDeliveryDate: string | null;
  requestedShipDate: string | null;
  currency: string | null;
  buyer: Party | null;
  shipTo: Party | null;
  parties: Party[];
  notes: string[];
  lines: ChangeLine[];
}

export interface TransactionResult {
  type: string;
  controlNumber: string;
  /** Functional group control number (X12 GS06 / EDIFACT UNG 0048), null when there is no group. */
  groupControlNumber: string | null;
  status: "accepted" | "rejected";
  errors: EdiError[];
  /** Non-fatal findings (trailer totals, unusual data); the set is still accepted. */
  warnings: EdiError[];
  order?: OrderRequest | ChangeRequest;
}

export interface InterchangeResult {
  standard: "x12" | "edifact";
  sender: PartnerId;
  receiver: PartnerId;
  controlNumber: string;
  version: string | null;
  test: boolean;
  errors: EdiError[];
  /** Non-fatal findings on the envelope and lexical level (line breaks joined, delimiters guessed…). */
  warnings: EdiError[];
  transactions: TransactionResult[];
  acknowledgment: string;
}

export interface TranslateResult {
  interchanges: InterchangeResult[];
  /** Present only when the input holds no interchange we could read at all. */
  error?: EdiError;
}
