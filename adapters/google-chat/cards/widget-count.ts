import type { Widget } from './card-widgets';

/** How many widgets Chat counts for one: itself and, for columns, the widgets inside them. */
export function widgetCount(widget: Widget): number {
  const nested = widget.columns?.columnItems?.reduce((n, column) => n + (column.widgets?.length ?? 0), 0) ?? 0;
  return 1 + nested;
}

/** The size of a value as UTF-8 JSON: how the body is measured against Chat's byte limit. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}
