/** String/object-heavy workload: group records in a Map, format them, serialise as JSON. */

const CITIES = ['Lyon', 'Oslo', 'Lima', 'Pune', 'Kobe', 'Graz'];
const KINDS = ['book', 'lamp', 'desk'];
const ROWS = Array.from({ length: 300 }, (_, i) => ({
  name: `customer-${i}`,
  city: CITIES[i % CITIES.length],
  kind: KINDS[(i * 7) % KINDS.length],
  amount: ((i * 37) % 101) + 0.25,
}));

// @profile
export function summarise(rows) {
  const groups = new Map();
  for (const row of rows) {
    const key = `${row.city}:${row.kind}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = { key, count: 0, total: 0, names: [] };
      groups.set(key, group);
    }
    group.count++;
    group.total += row.amount;
    group.names.push(row.name.toUpperCase());
  }
  const parts = [];
  for (const group of groups.values()) {
    const sample = group.names.slice(0, 3).join(',');
    parts.push(`${group.key}=${group.count}/${group.total.toFixed(2)} [${sample}]`);
  }
  return JSON.stringify({ groups: groups.size, parts });
}

/** Calls the workload `reps` times; not profiled, identical in both twins. */
export function drive(reps) {
  let sink = 0;
  for (let r = 0; r < reps; r++) sink += summarise(ROWS).length;
  return sink;
}
