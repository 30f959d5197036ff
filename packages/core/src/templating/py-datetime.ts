import { bind, splitKeywords } from './py-args';
import { PyTypeError, tuple } from './py-values';

/**
 * Python's `datetime` (date, datetime, timedelta, timezone.utc) and the parts of `pytz`
 * (`timezone(name)`, `localize`, `utc`) that dbt packages use through `modules`, e.g. dbt-date's
 * `modules.datetime.datetime.now(modules.pytz.timezone(tz))` or
 * `(d + modules.datetime.timedelta(days=1)).strftime('%Y-%m-%d')`. Values keep the wall-clock
 * fields Python keeps (a naive datetime is a wall time; an aware one also has its zone).
 */
const DAY_MS = 86_400_000;
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const p2 = (n: number) => String(n).padStart(2, '0');

/** A time zone: `pytz.utc`, `pytz.timezone('Europe/Amsterdam')`, `datetime.timezone.utc`. */
export class PyTzinfo {
  constructor(readonly zone: string) {}

  /** Minutes east of UTC at the instant `utcMs`. */
  offsetAt(utcMs: number): number {
    if (this.zone === 'UTC') return 0;
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: this.zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    }).formatToParts(new Date(utcMs));
    const get = (t: string) => Number(parts.find((x) => x.type === t)!.value);
    const wall = Date.UTC(
      get('year'),
      get('month') - 1,
      get('day'),
      get('hour'),
      get('minute'),
      get('second'),
    );
    return Math.round((wall - Math.floor(utcMs / 1000) * 1000) / 60_000);
  }

  /** Minutes east of UTC for the wall time `wallMs` in this zone. */
  offsetForWall(wallMs: number): number {
    let off = this.offsetAt(wallMs);
    off = this.offsetAt(wallMs - off * 60_000);
    return off;
  }

  localize(dt: PyDatetime): PyDatetime {
    return dt.replace({ tzinfo: this, __keywords: true });
  }

  utcoffset(dt: PyDatetime): PyTimedelta {
    return new PyTimedelta(0, dt.offsetMinutes() * 60);
  }

  toString(): string {
    return this.zone;
  }
}

const UTC = new PyTzinfo('UTC');

export class PyTimedelta {
  readonly days: number;
  readonly seconds: number;
  readonly microseconds: number;

  constructor(days = 0, seconds = 0, microseconds = 0) {
    const total = Math.round((days * 86400 + seconds) * 1e6 + microseconds);
    this.days = Math.floor(total / 86_400e6);
    const rest = total - this.days * 86_400e6;
    this.seconds = Math.floor(rest / 1e6);
    this.microseconds = rest - this.seconds * 1e6;
  }

  totalMicros(): number {
    return (this.days * 86400 + this.seconds) * 1e6 + this.microseconds;
  }

  total_seconds(): number {
    return this.totalMicros() / 1e6;
  }

  __add__(o: unknown): unknown {
    if (o instanceof PyTimedelta)
      return new PyTimedelta(0, 0, this.totalMicros() + o.totalMicros());
    if (o instanceof PyDate) return o.__add__(this);
    throw new PyTypeError('unsupported operand type(s) for +: timedelta');
  }

  __sub__(o: unknown): unknown {
    if (o instanceof PyTimedelta)
      return new PyTimedelta(0, 0, this.totalMicros() - o.totalMicros());
    throw new PyTypeError('unsupported operand type(s) for -: timedelta');
  }

  __eq__(o: unknown): boolean {
    return o instanceof PyTimedelta && o.totalMicros() === this.totalMicros();
  }

  __cmp__(o: unknown): number {
    if (!(o instanceof PyTimedelta)) throw new PyTypeError("'<' not supported for timedelta");
    return this.totalMicros() - o.totalMicros();
  }

  toString(): string {
    const h = Math.floor(this.seconds / 3600);
    const m = Math.floor((this.seconds % 3600) / 60);
    const s = this.seconds % 60;
    let out = `${h}:${p2(m)}:${p2(s)}`;
    if (this.microseconds) out += '.' + String(this.microseconds).padStart(6, '0');
    if (this.days) out = `${this.days} day${Math.abs(this.days) === 1 ? '' : 's'}, ${out}`;
    return out;
  }
}

export class PyDate {
  constructor(
    readonly year: number,
    readonly month: number,
    readonly day: number,
  ) {
    if (month < 1 || month > 12) throw new Error('ValueError: month must be in 1..12');
    if (day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate())
      throw new Error('ValueError: day is out of range for month');
  }

  /** Milliseconds of the wall time, as if it were UTC. */
  wallMs(): number {
    return Date.UTC(this.year, this.month - 1, this.day);
  }

  weekday(): number {
    return (new Date(this.wallMs()).getUTCDay() + 6) % 7;
  }

  isoweekday(): number {
    return this.weekday() + 1;
  }

  isocalendar(): unknown {
    const thursday = this.wallMs() + (3 - this.weekday()) * DAY_MS;
    const year = new Date(thursday).getUTCFullYear();
    const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
    return Object.assign(tuple([year, week, this.isoweekday()]), {
      year,
      week,
      weekday: this.isoweekday(),
    });
  }

  isoformat(): string {
    return `${String(this.year).padStart(4, '0')}-${p2(this.month)}-${p2(this.day)}`;
  }

  strftime(fmt: unknown): string {
    return strftime(this, String(fmt));
  }

  replace(...args: unknown[]): PyDate {
    const { keywords: k } = splitKeywords(args);
    return new PyDate(
      Number(k.year ?? this.year),
      Number(k.month ?? this.month),
      Number(k.day ?? this.day),
    );
  }

  __add__(o: unknown): unknown {
    if (!(o instanceof PyTimedelta))
      throw new PyTypeError('unsupported operand type(s) for +: date');
    return fromWall(this.wallMs() + o.days * DAY_MS, this);
  }

  __sub__(o: unknown): unknown {
    if (o instanceof PyTimedelta) return fromWall(this.wallMs() - o.days * DAY_MS, this);
    if (o instanceof PyDate && !(o instanceof PyDatetime))
      return new PyTimedelta(Math.round((this.wallMs() - o.wallMs()) / DAY_MS));
    throw new PyTypeError('unsupported operand type(s) for -: date');
  }

  __eq__(o: unknown): boolean {
    return o instanceof PyDate && !(o instanceof PyDatetime) && o.wallMs() === this.wallMs();
  }

  __cmp__(o: unknown): number {
    if (!(o instanceof PyDate))
      throw new PyTypeError("'<' not supported between date and another type");
    return this.wallMs() - o.wallMs();
  }

  toString(): string {
    return this.isoformat();
  }
}

function fromWall(ms: number, like: PyDate): PyDate {
  const d = new Date(ms);
  if (!(like instanceof PyDatetime))
    return new PyDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  return new PyDatetime(
    d.getUTCFullYear(),
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds() * 1000 + (like.microsecond % 1000),
    like.tzinfo,
  );
}

export class PyDatetime extends PyDate {
  constructor(
    year: number,
    month: number,
    day: number,
    readonly hour = 0,
    readonly minute = 0,
    readonly second = 0,
    readonly microsecond = 0,
    readonly tzinfo: PyTzinfo | null = null,
  ) {
    super(year, month, day);
  }

  override wallMs(): number {
    return (
      Date.UTC(this.year, this.month - 1, this.day, this.hour, this.minute, this.second) +
      Math.floor(this.microsecond / 1000)
    );
  }

  offsetMinutes(): number {
    return this.tzinfo ? this.tzinfo.offsetForWall(this.wallMs()) : 0;
  }

  /** The instant, for aware values (naive ones are read as UTC). */
  utcMs(): number {
    return this.wallMs() - this.offsetMinutes() * 60_000;
  }

  date(): PyDate {
    return new PyDate(this.year, this.month, this.day);
  }

  timestamp(): number {
    return this.utcMs() / 1000 + (this.microsecond % 1000) / 1e6;
  }

  astimezone(tz: unknown): PyDatetime {
    const zone = tz instanceof PyTzinfo ? tz : UTC;
    const utc = this.utcMs();
    const wall = utc + zone.offsetAt(utc) * 60_000;
    const d = fromWall(wall, this.replace({ tzinfo: zone, __keywords: true })) as PyDatetime;
    return d;
  }

  override isoformat(sep: unknown = 'T'): string {
    let s = `${super.isoformat()}${String(sep)}${p2(this.hour)}:${p2(this.minute)}:${p2(this.second)}`;
    if (this.microsecond) s += '.' + String(this.microsecond).padStart(6, '0');
    return s + this.offsetText(':');
  }

  offsetText(sep: string): string {
    if (!this.tzinfo) return '';
    const off = this.offsetMinutes();
    const a = Math.abs(off);
    return `${off < 0 ? '-' : '+'}${p2(Math.floor(a / 60))}${sep}${p2(a % 60)}`;
  }

  override replace(...args: unknown[]): PyDatetime {
    const { keywords: k } = splitKeywords(args);
    const n = (key: string, v: number) => Number(k[key] ?? v);
    const tz = 'tzinfo' in k ? ((k.tzinfo as PyTzinfo | null) ?? null) : this.tzinfo;
    return new PyDatetime(
      n('year', this.year),
      n('month', this.month),
      n('day', this.day),
      n('hour', this.hour),
      n('minute', this.minute),
      n('second', this.second),
      n('microsecond', this.microsecond),
      tz,
    );
  }

  override __add__(o: unknown): unknown {
    if (!(o instanceof PyTimedelta))
      throw new PyTypeError('unsupported operand type(s) for +: datetime');
    return addMicros(this, o.totalMicros());
  }

  override __sub__(o: unknown): unknown {
    if (o instanceof PyTimedelta) return addMicros(this, -o.totalMicros());
    if (o instanceof PyDatetime) {
      const micros =
        (this.utcMs() - o.utcMs()) * 1000 + (this.microsecond % 1000) - (o.microsecond % 1000);
      return new PyTimedelta(0, 0, micros);
    }
    throw new PyTypeError('unsupported operand type(s) for -: datetime');
  }

  override __eq__(o: unknown): boolean {
    return (
      o instanceof PyDatetime && o.utcMs() === this.utcMs() && o.microsecond === this.microsecond
    );
  }

  override __cmp__(o: unknown): number {
    if (!(o instanceof PyDatetime))
      throw new PyTypeError("'<' not supported between datetime and another type");
    return this.utcMs() - o.utcMs() || this.microsecond - o.microsecond;
  }

  override toString(): string {
    return this.isoformat(' ');
  }
}

function addMicros(dt: PyDatetime, micros: number): PyDatetime {
  const totalUs = dt.wallMs() * 1000 + (dt.microsecond % 1000) + micros;
  const d = new Date(Math.floor(totalUs / 1000));
  const us = ((totalUs % 1_000_000) + 1_000_000) % 1_000_000;
  return new PyDatetime(
    d.getUTCFullYear(),
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    us,
    dt.tzinfo,
  );
}

function strftime(d: PyDate, fmt: string): string {
  const dt = d instanceof PyDatetime ? d : undefined;
  const hour = dt?.hour ?? 0;
  const dayOfYear = Math.floor((d.wallMs() - Date.UTC(d.year, 0, 1)) / DAY_MS) + 1;
  const parts: Record<string, () => string> = {
    Y: () => String(d.year),
    y: () => p2(d.year % 100),
    m: () => p2(d.month),
    d: () => p2(d.day),
    e: () => String(d.day).padStart(2, ' '),
    H: () => p2(hour),
    I: () => p2(hour % 12 || 12),
    p: () => (hour < 12 ? 'AM' : 'PM'),
    M: () => p2(dt?.minute ?? 0),
    S: () => p2(dt?.second ?? 0),
    f: () => String(dt?.microsecond ?? 0).padStart(6, '0'),
    j: () => String(dayOfYear).padStart(3, '0'),
    a: () => DAYS[d.weekday()]!.slice(0, 3),
    A: () => DAYS[d.weekday()]!,
    w: () => String((d.weekday() + 1) % 7),
    u: () => String(d.isoweekday()),
    b: () => MONTHS[d.month - 1]!.slice(0, 3),
    B: () => MONTHS[d.month - 1]!,
    z: () => dt?.offsetText('') ?? '',
    Z: () => (dt?.tzinfo ? (dt.tzinfo.zone === 'UTC' ? 'UTC' : dt.tzinfo.zone) : ''),
    V: () => p2((d.isocalendar() as number[])[1]!),
    G: () => String((d.isocalendar() as number[])[0]!),
    F: () => d.isoformat().slice(0, 10),
    '%': () => '%',
  };
  return fmt.replace(/%(.)/g, (m, k: string) => (parts[k] ? parts[k]() : m));
}

function strptime(s: unknown, fmt: unknown): PyDatetime {
  const fields: string[] = [];
  const specs: Record<string, string> = {
    Y: '(\\d{4})',
    m: '(\\d{1,2})',
    d: '(\\d{1,2})',
    H: '(\\d{1,2})',
    M: '(\\d{1,2})',
    S: '(\\d{1,2})',
    f: '(\\d{1,6})',
    y: '(\\d{2})',
    j: '(\\d{1,3})',
    b: '([A-Za-z]{3})',
    B: '([A-Za-z]+)',
    z: '([-+]\\d{2}:?\\d{2}|Z)',
    p: '(AM|PM|am|pm)',
    a: '[A-Za-z]{3}',
    A: '[A-Za-z]+',
  };
  const source = String(fmt).replace(
    /%(.)|([.*+?^${}()|[\]\\])|(\s+)/g,
    (_m, k: string, esc: string, ws: string) => {
      if (esc) return '\\' + esc;
      if (ws) return '\\s+';
      if (k === '%') return '%';
      const spec = specs[k];
      if (!spec)
        throw new Error(`ValueError: '${k}' is a bad directive in format '${String(fmt)}'`);
      if (spec.startsWith('(')) fields.push(k);
      return spec;
    },
  );
  const m = new RegExp(`^${source}$`).exec(String(s));
  if (!m)
    throw new Error(`ValueError: time data '${String(s)}' does not match format '${String(fmt)}'`);
  const v: Record<string, string> = {};
  fields.forEach((f, i) => (v[f] = m[i + 1]!));
  const month = v.b
    ? MONTHS.findIndex((x) => x.slice(0, 3).toLowerCase() === v.b!.toLowerCase()) + 1
    : v.B
      ? MONTHS.findIndex((x) => x.toLowerCase() === v.B!.toLowerCase()) + 1
      : Number(v.m ?? 1);
  const year = v.Y ? Number(v.Y) : v.y ? 2000 + Number(v.y) - (Number(v.y) >= 69 ? 100 : 0) : 1900;
  let hour = Number(v.H ?? 0);
  if (v.p) hour = (hour % 12) + (v.p.toUpperCase() === 'PM' ? 12 : 0);
  const us = v.f ? Number(v.f.padEnd(6, '0')) : 0;
  const base = new PyDatetime(
    year,
    month,
    Number(v.d ?? 1),
    hour,
    Number(v.M ?? 0),
    Number(v.S ?? 0),
    us,
    v.z ? fixedZone(v.z) : null,
  );
  return v.j
    ? (addMicros(
        base.replace({ month: 1, day: 1, __keywords: true }),
        (Number(v.j) - 1) * 86_400e6,
      ) as PyDatetime)
    : base;
}

function fixedZone(z: string): PyTzinfo {
  if (z === 'Z' || /^[-+]00:?00$/.test(z)) return UTC;
  const m = /^([-+])(\d{2}):?(\d{2})$/.exec(z)!;
  const minutes = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  return Object.assign(new PyTzinfo(`UTC${z}`), {
    offsetAt: () => minutes,
    offsetForWall: () => minutes,
  });
}

function fromIso(s: unknown, dateOnly: boolean): PyDate {
  const m =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?)?)?(Z|[-+]\d{2}:?\d{2})?$/.exec(
      String(s),
    );
  if (!m) throw new Error(`ValueError: Invalid isoformat string: '${String(s)}'`);
  if (dateOnly) return new PyDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return new PyDatetime(
    Number(m[1]),
    Number(m[2]),
    Number(m[3]),
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
    m[7] ? Number(m[7].padEnd(6, '0')) : 0,
    m[8] ? fixedZone(m[8]) : null,
  );
}

/** The current moment as a wall time in `tz` (UTC when naive: compiles must not depend on the machine's zone). */
function now(tz: unknown): PyDatetime {
  const ms = Date.now();
  const zone = tz instanceof PyTzinfo ? tz : null;
  const wall = ms + (zone ? zone.offsetAt(ms) * 60_000 : 0);
  const d = new Date(wall);
  return new PyDatetime(
    d.getUTCFullYear(),
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds() * 1000,
    zone,
  );
}

/** A datetime of the instant `date` in UTC, aware (dbt's `run_started_at`). */
export function utcDatetime(date: Date): PyDatetime {
  return new PyDatetime(
    date.getUTCFullYear(),
    date.getUTCMonth() + 1,
    date.getUTCDate(),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
    date.getUTCMilliseconds() * 1000,
    UTC,
  );
}

const datetimeFn = Object.assign(
  (...args: unknown[]) => {
    const [y, mo, d, h, mi, s, us, tz] = bind(
      args,
      ['year', 'month', 'day', 'hour', 'minute', 'second', 'microsecond', 'tzinfo'],
      'datetime',
    );
    return new PyDatetime(
      Number(y),
      Number(mo),
      Number(d),
      Number(h ?? 0),
      Number(mi ?? 0),
      Number(s ?? 0),
      Number(us ?? 0),
      (tz as PyTzinfo) ?? null,
    );
  },
  {
    now: (...a: unknown[]) => now(bind(a, ['tz'], 'now')[0]),
    utcnow: () => now(null),
    today: () => now(null),
    strptime,
    fromisoformat: (s: unknown) => fromIso(s, false),
    combine: (d: PyDate, t: PyDatetime) =>
      new PyDatetime(d.year, d.month, d.day, t.hour, t.minute, t.second, t.microsecond, t.tzinfo),
  },
);

const dateFn = Object.assign(
  (...args: unknown[]) => {
    const [y, m, d] = bind(args, ['year', 'month', 'day'], 'date');
    return new PyDate(Number(y), Number(m), Number(d));
  },
  {
    today: () => now(null).date(),
    fromisoformat: (s: unknown) => fromIso(s, true),
  },
);

const timedeltaFn = (...args: unknown[]) => {
  const names = ['days', 'seconds', 'microseconds', 'milliseconds', 'minutes', 'hours', 'weeks'];
  const bound = bind(args, names, 'timedelta');
  const [days, seconds, microseconds, milliseconds, minutes, hours, weeks] = names.map((_, i) =>
    Number(bound[i] ?? 0),
  );
  return new PyTimedelta(
    days! + weeks! * 7,
    seconds! + minutes! * 60 + hours! * 3600,
    microseconds! + milliseconds! * 1000,
  );
};

export const DATETIME_MODULE = {
  datetime: datetimeFn,
  date: dateFn,
  timedelta: timedeltaFn,
  timezone: { utc: UTC },
  MINYEAR: 1,
  MAXYEAR: 9999,
};

export const PYTZ_MODULE = {
  utc: UTC,
  UTC,
  timezone: (name: unknown) => {
    const zone = String(name);
    if (zone.toUpperCase() === 'UTC') return UTC;
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return new PyTzinfo(zone);
  },
};
