// The blameless-language check: sentences that pin fault on a named person, each with a systemic
// rephrasing. It only ever warns; the author decides.

export interface BlameHit {
  sentence: string;
  name: string;
  suggestion: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const L = '[\\p{L}\\p{N}]';

const FAULT_NOUNS = 'mistake|mistakes|error|errors|fault|oversight|typo|carelessness|negligence|blunder|slip|screw-?up';
const FORGOT = "forgot|forgets|failed|fails|neglected|didn'?t|did not|never";
const DID_HARM =
  'broke|breaks|broken|caused|causes|deleted|dropped|botched|messed up|screwed ' +
  'up|overlooked|ignored|missed|misconfigured|fat-fingered|took down|brought down';
const ADVERBS = 'accidentally|mistakenly|carelessly|wrongly|negligently';
const WAS_BAD =
  'careless|negligent|sloppy|at fault|to blame|responsible for (?:the|this) (?:outage|incident|failure|breakage)';

/** Names to look for: each full name, and its first word when that is distinctive enough. */
export function nameVariants(roster: readonly string[]): string[] {
  const out = new Set<string>();
  for (const raw of roster) {
    const full = raw.trim();
    if (full.length < 2) continue;
    out.add(full);
    const first = full.split(/\s+/)[0] ?? '';
    if (first.length >= 3 && first !== full) out.add(first);
  }
  // Longest first, so "Ana Lopez" is reported rather than "Ana".
  return [...out].sort((a, b) => b.length - a.length);
}

export function sentencesOf(text: string): string[] {
  return text
    .split(/\n+/)
    .flatMap((line) => line.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '').split(/(?<=[.!?])\s+(?=\S)/))
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function tidy(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.charAt(0).toUpperCase() + t.slice(1);
}

const stripEnd = (s: string) => s.replace(/[.!?]+$/, '').trim();

interface NamePatterns {
  /** The name anywhere: every pattern below needs it, so a sentence without it is skipped. */
  any: RegExp;
  forgotBecause: RegExp;
  forgot: RegExp;
  faultNoun: RegExp;
  causedBy: RegExp;
  blameOn: RegExp;
  wasBad: RegExp;
  didHarm: RegExp;
  adverb: RegExp;
}

/** Compiled once per name (a report.get checks a page of lines against every name on the roster). */
const compiled = new Map<string, NamePatterns>();

function patternsFor(name: string): NamePatterns {
  let p = compiled.get(name);
  if (p) return p;
  const n = `(?<!${L})${escape(name)}(?:['’]s)?(?!${L})`;
  const re = (src: string) => new RegExp(src, 'iu');
  const gap = "(?:\\s+[\\p{L}'’-]+){0,2}?";
  p = {
    any: re(escape(name)),
    forgotBecause: re(`because\\s+${n}\\s+(?:${FORGOT})(?:\\s+to)?\\s+(.+)$`),
    forgot: re(`^(.*?)${n}\\s+(?:${FORGOT})(?:\\s+to)?\\s+(.+)$`),
    faultNoun: re(`${n}${gap}\\s+(?:${FAULT_NOUNS})(?!${L})`),
    causedBy: re(`((?:caused|broken|introduced|triggered|started)\\s+by)\\s+${n}`),
    blameOn: re(`(?:blame|fault)\\s+(?:lies\\s+|lay\\s+|is\\s+)?(?:on|with|of)\\s+${n}`),
    wasBad: re(`${n}\\s+(?:was|is)\\s+(?:${WAS_BAD})`),
    didHarm: re(`^(.*?)${n}(?:\\s+(?:${ADVERBS}))?\\s+(?:${DID_HARM})\\s+(.+)$`),
    adverb: re(`${n}${gap}\\s+(?:${ADVERBS})(?!${L})`),
  };
  if (compiled.size >= 1_000) compiled.clear(); // names come from the roster and the record: bounded, but be sure
  compiled.set(name, p);
  return p;
}

/** Checks one sentence for one name; returns the suggestion when it reads as blame. */
function judge(sentence: string, name: string): string | null {
  const p = patternsFor(name);
  if (!p.any.test(sentence)) return null;

  let m = p.forgotBecause.exec(sentence);
  if (m) {
    const before = sentence.slice(0, m.index);
    return tidy(`${before}because no step in our process made sure we would ${stripEnd(m[1] ?? '')}.`);
  }
  m = p.forgot.exec(sentence);
  if (m) return tidy(`${m[1] ?? ''}nothing in our process made sure we would ${stripEnd(m[2] ?? '')}.`);

  m = p.faultNoun.exec(sentence);
  if (m) return tidy(sentence.replace(m[0], 'a gap in our process'));

  m = p.causedBy.exec(sentence);
  if (m) return tidy(sentence.replace(m[0], `${m[1]} a change that our safeguards did not catch`));

  m = p.blameOn.exec(sentence);
  if (m) return 'Say which missing safeguard let this happen, rather than whose fault it was.';

  m = p.wasBad.exec(sentence);
  if (m) return 'Describe what the system allowed (a missing check, an unclear runbook step), not the person.';

  m = p.didHarm.exec(sentence);
  if (m)
    return tidy(`${m[1] ?? ''}a change affected ${stripEnd(m[2] ?? '')}, and nothing in our checks caught it first.`);

  m = p.adverb.exec(sentence);
  if (m) return 'Describe the change and what would have caught it, without naming who made it.';
  return null;
}

export function findBlame(text: string, roster: readonly string[]): BlameHit[] {
  const names = nameVariants(roster);
  if (names.length === 0 || !text.trim()) return [];
  const hits: BlameHit[] = [];
  for (const sentence of sentencesOf(text)) {
    for (const name of names) {
      const suggestion = judge(sentence, name);
      if (suggestion) {
        hits.push({ sentence, name, suggestion });
        break;
      }
    }
  }
  return hits;
}
