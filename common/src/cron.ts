// robfig/cron v3's parser with the options the Workspace webhook uses (SecondOptional | Minute | Hour | Dom |
// Month | Dow | Descriptor): 5 or 6 fields, names for months and weekdays, `@every <duration>` and descriptors.
// Returns the parser's error text, or undefined when the schedule parses.

const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);
const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const DOWS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const SECONDS: Bounds = { min: 0, max: 59 };
const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTH: Bounds = { min: 1, max: 12, names: MONTHS };
const DOW: Bounds = { min: 0, max: 6, names: DOWS };

/** Go's time.ParseDuration, enough to accept what it accepts. */
function parseDuration(s: string): string | undefined {
  if (s === '0') return undefined;
  if (!/^[-+]?([0-9]*(\.[0-9]*)?(ns|us|µs|μs|ms|s|m|h))+$/.test(s) || /^[-+]?$/.test(s))
    return `time: invalid duration ${JSON.stringify(s)}`;
  return undefined;
}

function mustParseInt(expr: string): number | string {
  if (!/^-?[0-9]+$/.test(expr))
    return `failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`;
  const n = Number(expr);
  if (n < 0) return `negative number (${n}) not allowed: ${expr}`;
  return n;
}

function parseIntOrName(expr: string, names?: Record<string, number>): number | string {
  if (names) {
    const named = names[expr.toLowerCase()];
    if (named !== undefined) return named;
  }
  return mustParseInt(expr);
}

function getRange(expr: string, r: Bounds): string | undefined {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  const singleDigit = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = r.min;
    end = r.max;
  } else {
    const s = parseIntOrName(lowAndHigh[0], r.names);
    if (typeof s === 'string') return s;
    start = s;
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) {
      const e = parseIntOrName(lowAndHigh[1], r.names);
      if (typeof e === 'string') return e;
      end = e;
    } else return `too many hyphens: ${expr}`;
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    const st = mustParseInt(rangeAndStep[1]);
    if (typeof st === 'string') return st;
    step = st;
    if (singleDigit) end = r.max;
    if (step > 1) {
      // fine
    }
  } else if (rangeAndStep.length > 2) return `too many slashes: ${expr}`;
  if (start < r.min) return `beginning of range (${start}) below minimum (${r.min}): ${expr}`;
  if (end > r.max) return `end of range (${end}) above maximum (${r.max}): ${expr}`;
  if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${expr}`;
  if (step === 0) return `step of range should be a positive number: ${expr}`;
  return undefined;
}

function getField(field: string, r: Bounds): string | undefined {
  for (const expr of field.split(',')) {
    const e = getRange(expr, r);
    if (e) return e;
  }
  return undefined;
}

export function cronError(spec: string): string | undefined {
  if (spec.length === 0) return 'empty spec string';
  let s = spec;
  if (s.startsWith('TZ=') || s.startsWith('CRON_TZ=')) {
    const i = s.indexOf(' ');
    if (i === -1) return `missing spec after timezone: ${s}`;
    s = s.slice(i).trim();
  }
  if (s.startsWith('@')) {
    if (DESCRIPTORS.has(s)) return undefined;
    if (s.startsWith('@every ')) {
      const e = parseDuration(s.slice('@every '.length));
      return e ? `failed to parse duration ${s}: ${e}` : undefined;
    }
    return `unrecognized descriptor: ${s}`;
  }
  const fields = s.split(/\s+/).filter(Boolean);
  if (fields.length < 5 || fields.length > 6)
    return `expected 5 to 6 fields, found ${fields.length}: [${fields.join(' ')}]`;
  const all = fields.length === 5 ? ['0', ...fields] : fields;
  const bounds = [SECONDS, MINUTES, HOURS, DOM, MONTH, DOW];
  for (let i = 0; i < 6; i++) {
    const e = getField(all[i], bounds[i]);
    if (e) return e;
  }
  return undefined;
}
