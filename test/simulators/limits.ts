// Text limits the simulators enforce, counted as the vendors count "characters" (Unicode code points), with a
// counter of their own so a counting bug in Conn's splitter cannot hide behind the same bug here.

export const SIM_LIMITS = {
  /** chat.postMessage `text`: above this Slack answers `msg_too_long` (API-CONTRACTS 4.5.5). */
  slackText: 40_000,
  /** conversations.invite `users`: ids per call; above this Slack answers `too_many_users` (4.5.4). */
  slackInviteIds: 100,
  /** PagerDuty incident title/summary (2.8: `summary` ≤ 1024). */
  pdTitle: 1024,
  /** PagerDuty note content: Conn's assumed cap (the digest names none); enforced so a regression shows. */
  pdNote: 25_000,
};

/** Code points, the way the vendors count characters. */
export const chars = (s: string): number => Array.from(s).length;
