import type { Catalog, CatalogCategory, CatalogEntry } from './catalogLoader';

/**
 * The built-in catalogue, validated and parsed at build time (`dist/catalog.json`). Parsing the
 * YAML of 48 entries takes ~0.4 s; reading this takes a few milliseconds.
 */
export interface CatalogSnapshot {
  format: 1;
  categories: CatalogCategory[];
  entries: CatalogEntry[];
}

export const SNAPSHOT_FORMAT = 1;

export function toSnapshot(catalog: Catalog): CatalogSnapshot {
  if (catalog.problems.length) throw new Error('a catalogue with problems cannot be snapshotted');
  return { format: SNAPSHOT_FORMAT, categories: catalog.categories, entries: catalog.entries };
}

/** The catalogue in a snapshot, or undefined when the text is not a snapshot this version reads. */
export function fromSnapshot(text: string): Catalog | undefined {
  try {
    const data = JSON.parse(text) as Partial<CatalogSnapshot>;
    if (data.format !== SNAPSHOT_FORMAT || !Array.isArray(data.entries) || !Array.isArray(data.categories)) return undefined;
    return { categories: data.categories, entries: data.entries, problems: [] };
  } catch {
    return undefined;
  }
}
