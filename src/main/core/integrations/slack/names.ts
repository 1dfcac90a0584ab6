// Slack channel-name rules: conversations.create does not normalise, so Conn sanitises names first.

export const SLACK_CHANNEL_NAME_MAX = 80;

/**
 * Turns any text into a valid Slack channel name: lower case, only a–z 0–9 - _, no spaces or periods,
 * at most 80 characters, not punctuation only. Returns null when nothing usable is left.
 */
export function sanitiseChannelName(input: string): string | null {
  const s = input
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s.]+/g, '-')
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, SLACK_CHANNEL_NAME_MAX)
    .replace(/[-_]+$/g, '');
  return /[a-z0-9]/.test(s) ? s : null;
}

/** The same name with a numeric suffix (`-2`, `-3`…), still within 80 characters. */
export function withSuffix(name: string, n: number): string {
  const suffix = `-${n}`;
  return name.slice(0, SLACK_CHANNEL_NAME_MAX - suffix.length).replace(/[-_]+$/g, '') + suffix;
}

/** Why a name would be refused by Slack (the same codes Slack answers), or null when valid. */
export function channelNameProblem(name: string): string | null {
  if (name.length === 0) return 'invalid_name_required';
  if (name.length > SLACK_CHANNEL_NAME_MAX) return 'invalid_name_maxlength';
  if (/[^a-z0-9_-]/.test(name)) return 'invalid_name_specials';
  if (!/[a-z0-9]/.test(name)) return 'invalid_name_punctuation';
  return null;
}

/** Expands a pattern such as `inc-YYYYMMDD-<hub>` for a date and values, then sanitises it. */
export function channelNameFromPattern(
  pattern: string,
  date: Date,
  values: Record<string, string> = {},
): string | null {
  const pad = (n: number) => String(n).padStart(2, '0');
  const y = String(date.getUTCFullYear());
  const expanded = pattern
    .replace(/YYYY/g, y)
    .replace(/MM/g, pad(date.getUTCMonth() + 1))
    .replace(/DD/g, pad(date.getUTCDate()))
    .replace(/<([a-z_]+)>/gi, (_, k: string) => values[k] ?? '');
  return sanitiseChannelName(expanded);
}
