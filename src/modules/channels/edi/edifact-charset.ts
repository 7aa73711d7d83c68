// UN/EDIFACT syntax character sets (UNB S001): UNOA is upper case only, UNOB is printable ASCII,
// UNOC–UNOK are the ISO 8859 parts, UNOW is UTF-8 and UNOX/UNOY full ISO 10646.
// A violation is a warning: many partners send lower case under UNOA and mean no harm.
import type { EdiError, Segment } from "./types.ts";

const UNOA = /^[A-Z0-9 .,\-()/='+:?!"%&*;<>]*$/;
const UNOB = /^[\u0020-\u007e]*$/;
const LATIN = /^[\u0020-\u007e\u00a0-\u00ff]*$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it excludes
const ANY_8859 = /^[^\u0000-\u001f\u007f-\u009f]*$/;

export function charsetPattern(syntaxId: string): RegExp | null {
  if (syntaxId === "UNOA") return UNOA;
  if (syntaxId === "UNOB") return UNOB;
  if (syntaxId === "UNOC") return LATIN;
  if (/^UNO[D-K]$/.test(syntaxId)) return ANY_8859;
  return null; // UNOW, UNOX, UNOY and unknown ids: anything goes
}

/** First value in the message that falls outside the declared character set, as a warning. */
export function checkCharset(segments: Segment[], syntaxId: string): EdiError | null {
  const re = charsetPattern(syntaxId);
  if (!re) return null;
  for (const s of segments) {
    for (const el of s.elements) {
      for (const rep of el) {
        for (const v of rep) {
          if (!re.test(v)) {
            return {
              code: "CHARSET_VIOLATION",
              message: `${s.tag}: "${v}" has characters outside ${syntaxId}`,
              segment: s.tag,
            };
          }
        }
      }
    }
  }
  return null;
}
