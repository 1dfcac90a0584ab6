// Fills {{placeholders}} in a status-update template. Unknown placeholders and missing values are
// reported and left visible as {{name}}, so nothing half-filled can slip out unnoticed.
import { PLACEHOLDER_PATTERN, placeholderNames } from '../../../shared/reminders';

export type TemplateValues = Partial<Record<string, string | null | undefined>>;

export interface FilledTemplate {
  text: string;
  unknownPlaceholders: string[];
  missing: string[];
}

export function fillTemplate(
  template: string,
  values: TemplateValues,
  known: readonly string[] = placeholderNames,
): FilledTemplate {
  const knownSet = new Set(known);
  const unknown = new Set<string>();
  const missing = new Set<string>();
  const text = template.replace(PLACEHOLDER_PATTERN, (whole, rawName: string) => {
    const name = rawName.trim();
    if (!knownSet.has(name)) {
      unknown.add(name);
      return whole;
    }
    const value = Object.prototype.hasOwnProperty.call(values, name) ? values[name] : undefined;
    if (value === null || value === undefined || value.trim() === '') {
      missing.add(name);
      return `{{${name}}}`;
    }
    return value;
  });
  return { text, unknownPlaceholders: [...unknown], missing: [...missing] };
}
