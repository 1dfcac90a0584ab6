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

/** Checks one sentence for one name; returns the suggestion when it reads as blame. */
function judge(sentence: string, name: string): string | null {
  const n = `(?<!${L})${escape(name)}(?:['’]s)?(?!${L})`;
  const re = (src: string) => new RegExp(src, 'iu');
  const gap = "(?:\\s+[\\p{L}'’-]+){0,2}?";

  let m = re(`because\\s+${n}\\s+(?:${FORGOT})(?:\\s+to)?\\s+(.+)$`).exec(sentence);
  if (m) {
    const before = sentence.slice(0, m.index);
    return tidy(`${before}because no step in our process made sure we would ${stripEnd(m[1] ?? '')}.`);
  }
  m = re(`^(.*?)${n}\\s+(?:${FORGOT})(?:\\s+to)?\\s+(.+)$`).exec(sentence);
  if (m) return tidy(`${m[1] ?? ''}nothing in our process made sure we would ${stripEnd(m[2] ?? '')}.`);

  m = re(`${n}${gap}\\s+(?:${FAULT_NOUNS})(?!${L})`).exec(sentence);
  if (m) return tidy(sentence.replace(m[0], 'a gap in our process'));

  m = re(`((?:caused|broken|introduced|triggered|started)\\s+by)\\s+${n}`).exec(sentence);
  if (m) return tidy(sentence.replace(m[0], `${m[1]} a change that our safeguards did not catch`));

  m = re(`(?:blame|fault)\\s+(?:lies\\s+|lay\\s+|is\\s+)?(?:on|with|of)\\s+${n}`).exec(sentence);
  if (m) return 'Say which missing safeguard let this happen, rather than whose fault it was.';

  m = re(`${n}\\s+(?:was|is)\\s+(?:${WAS_BAD})`).exec(sentence);
  if (m) return 'Describe what the system allowed (a missing check, an unclear runbook step), not the person.';

  m = re(`^(.*?)${n}(?:\\s+(?:${ADVERBS}))?\\s+(?:${DID_HARM})\\s+(.+)$`).exec(sentence);
  if (m)
    return tidy(`${m[1] ?? ''}a change affected ${stripEnd(m[2] ?? '')}, and nothing in our checks caught it first.`);

  m = re(`${n}${gap}\\s+(?:${ADVERBS})(?!${L})`).exec(sentence);
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
