// "3 min ago" from an RFC 3339 timestamp (status.lastActivity, event times). Pure.

export function ago(timestamp: string, now: number): string {
  const t = Date.parse(timestamp);
  if (!Number.isFinite(t)) return timestamp;
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 60) return `${s} s ago`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.round(h / 24)} days ago`;
}
