// Vendor records mapped to Conn's shapes: timeline-entry-like imports with original timestamps and vendor ids.

/** One imported vendor record, ready to become a TimelineEntry (source = vendor, refId = vendorRef). */
export interface ImportedEntry {
  source: 'slack' | 'pagerduty' | 'freshdesk' | 'github';
  /** Stable vendor id, unique per source, for de-duplication on re-import (e.g. `C123:1759219200.000100`). */
  vendorRef: string;
  /** The vendor's original timestamp, ISO-8601 UTC. */
  at: string;
  /** e.g. `message`, `reply`, `note`, `log.acknowledge`, `conversation.reply`, `conversation.note`. */
  kind: string;
  body: string;
  /** Display name or vendor user id of who did it, when known. */
  actor: string | null;
  /** Link back to the vendor, when known. */
  url: string | null;
}

/** A person as seen by a vendor (used for pickers and for matching people across vendors by e-mail). */
export interface VendorPerson {
  id: string;
  name: string;
  email: string | null;
}
