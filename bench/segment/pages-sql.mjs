// The statements that generate synthetic Segment `pages` data inside DuckDB: an initial load of
// exactly N rows, and appended batches that arrive later (by received_at) the way a warehouse
// sync delivers them. All randomness is hash-based on (seed, key), so a seed reproduces the data.
import { deviceColumns, pageColumns } from './page-attributes-sql.mjs';

/** Numbered referrer_mapping hosts, so a page view can draw one by index. */
export const REFERRER_HOSTS = 'bench_referrer_hosts';

export function referrerHostStatements(csvPath) {
  return [
    `create or replace temp table ${REFERRER_HOSTS} as
     select row_number() over (order by host) - 1 as n, host
     from read_csv('${csvPath.replace(/'/g, "''")}', header = true, all_varchar = true)`,
  ];
}

/**
 * Devices, each with a contiguous block of row numbers (exactly `rows` in all), its person and
 * login point. Devices come in households of three: 10% are one person's three devices, 20%
 * share the first two; multi-device persons always log in, single-device ones 35% of the time.
 * user_id is NULL on a device until its login page view, then set.
 */
function deviceStatement(rows, seed) {
  const candidates = Math.ceil(rows / 8) + 100;
  return `
create or replace temp table bench_devices as
with drawn as (
    select d,
        case when u01('bounce', d) < 0.25 then 1
             else 1 + cast(floor(-ln(1 - u01('views', d)) * 15) as bigint) end as views,
        u01('household', d // 3) as household
    from range(${candidates}) as t(d)
),
placed as (
    select *, cast(sum(views) over (order by d rows between unbounded preceding and current row) - views as bigint) as first_row
    from drawn
),
persons as (
    select *,
        case when household < 0.10 or (household < 0.30 and d % 3 < 2) then (d // 3) * 3 else d end as person,
        household < 0.10 or (household < 0.30 and d % 3 < 2) as multi_device
    from placed
    where first_row < ${rows}
)
select
    d,
    first_row,
    least(views, ${rows} - first_row) as views,
    uuid_of('anonymous:${seed}:' || d) as anonymous_id,
    case when multi_device or u01('logs_in', person) < 0.35
         then substr(md5('user:${seed}:' || person), 1, 13) end as person_user_id,
    cast(floor(u01('login_at', d) * least(views, 8)) as bigint) as login_at,
    cast(floor(u01('start', d) * 90 * 86400) as bigint) as start_s,
    ${deviceColumns('d')}
from persons`;
}

/**
 * Page views of the initial load, one per device row: bursty sessions (2 s – 25 min apart, log
 * uniform), then gaps past the 30-minute cutoff (2% exactly 1800 or 1801 s, the rest ~2 days),
 * millisecond timestamps, received_at 0.05–3 s later (2% arrive late, ~6 h). About 0.5% rows
 * are resends of the device's previous page view: same id and content, received up to 1 h later.
 */
function initialSkeleton(seed) {
  return `
with expanded as (
    select *, unnest(range(views)) as pos_in_device from bench_devices
),
keyed as (
    select *,
        first_row + pos_in_device as i,
        pos_in_device > 0 and u01('duplicate', first_row + pos_in_device) < 0.005 as is_duplicate
    from expanded
),
origin as (
    select *,
        case when is_duplicate then i - 1 else i end as k,
        case when is_duplicate then pos_in_device - 1 else pos_in_device end as origin_pos
    from keyed
),
gapped as (
    select *,
        origin_pos = 0 or u01('new_session', k) < 0.22 as opens_session,
        case
            when is_duplicate or pos_in_device = 0 then 0
            when u01('new_session', k) < 0.22 then
                case when u01('boundary', k) < 0.02 then 1800 + cast(u01('boundary_side', k) < 0.5 as integer)
                     else 1801 + cast(floor(-ln(1 - u01('away', k)) * 172800) as bigint) end
            else cast(exp(ln(2) + u01('dwell', k) * ln(750)) as bigint)
        end as gap_s
    from origin
),
timed as (
    select *,
        timestamp '2024-01-01'
            + to_seconds(start_s + sum(gap_s) over (partition by d order by pos_in_device rows between unbounded preceding and current row))
            + to_milliseconds(cast(floor(u01('ms', k) * 1000) as bigint)) as event_at,
        case when u01('late', k) < 0.02 then 60 - ln(1 - u01('late_by', k)) * 21600
             else 0.05 + u01('latency', k) * 3 end as latency_s
    from gapped
)
select
    uuid_of('page:${seed}:' || k) as id,
    anonymous_id,
    case when person_user_id is not null and origin_pos >= login_at then person_user_id end as user_id,
    event_at + to_microseconds(cast(latency_s * 1e6 as bigint))
        + case when is_duplicate then to_seconds(1 + cast(floor(u01('resent', i) * 3600) as bigint)) else interval 0 second end as received_at,
    event_at + to_microseconds(cast(latency_s * 0.6e6 as bigint)) as sent_at,
    event_at as timestamp,
    k,
    opens_session,
    context_ip,
    context_user_agent
from timed`;
}

/** Statements creating `segment.pages` with exactly `rows` rows. */
export function initialLoadStatements({ rows, seed, referrerHostCount }) {
  return [
    'create schema if not exists segment',
    deviceStatement(rows, seed),
    `create or replace table segment.pages as
     with skeleton as (${initialSkeleton(seed)}),
     ${pageColumns(REFERRER_HOSTS, referrerHostCount)}`,
    'drop table bench_devices',
  ];
}

/** The facts an appended batch is drawn against, read before it is generated. */
export const batchContextSql = `
select epoch_ms(max(received_at)) as loaded_until_ms, count(*) as existing_rows,
       count(distinct anonymous_id) as devices, count(distinct user_id) as users
from segment.pages`;

/**
 * Statements appending a batch of `batchRows` page views received after everything loaded so
 * far (plus resends of ~0.5% as many existing page views). Sessions of 1–n page views: 55% on
 * returning devices keeping their identity, 5% on returning anonymous devices whose user now
 * logs in (stitched to an existing user), 8% an existing user on a new device, the rest new
 * anonymous devices. 5% of sessions are late: they happened 1 h – 2 days ago and load now.
 */
export function appendStatements({ seed, batchRows, loadedUntilMs, existingRows, devices, users, referrerHostCount }) {
  const salt = loadedUntilMs;
  const loadedUntil = `epoch_ms(${loadedUntilMs}::bigint)`;
  const rowKey = `(${salt}::hugeint * 1000000000 + b)`;
  const resendRate = (0.005 * batchRows) / Math.max(existingRows, 1);
  const skeleton = `
with rows as (
    select b, b = 0 or u01('batch_session', ${rowKey}) < 0.25 as opens_session, ${rowKey} as k
    from range(${batchRows}) as t(b)
),
sessioned as (
    select *, cast(sum(cast(opens_session as integer)) over (order by b rows between unbounded preceding and current row) as bigint) as j
    from rows
),
sessions as (
    select j,
        u01('kind', [${salt}, j]) as r_kind,
        case when u01('late_session', [${salt}, j]) < 0.05
             then ${loadedUntil} - to_seconds(3600 + cast(floor(u01('late_by', [${salt}, j]) * 172800) as bigint))
             else ${loadedUntil} + to_seconds(cast(floor(u01('start', [${salt}, j]) * 3600) as bigint)) end as session_start,
        cast(floor(u01('device', [${salt}, j]) * ${devices}) as bigint) as device_n,
        cast(floor(u01('user', [${salt}, j]) * ${users}) as bigint) as user_n,
        ${deviceColumns(`[${salt}, j]`)}
    from (select distinct j from sessioned)
),
known_devices as (
    select row_number() over (order by anonymous_id) - 1 as n, anonymous_id,
        max(user_id) as user_id, min(context_user_agent) as context_user_agent, min(context_ip) as context_ip
    from segment.pages where anonymous_id is not null group by anonymous_id
),
known_users as (
    select row_number() over (order by user_id) - 1 as n, user_id
    from (select distinct user_id from segment.pages where user_id is not null)
),
identified as (
    select sessions.j, sessions.session_start,
        case when r_kind < 0.60 then known_devices.anonymous_id
             else uuid_of('anonymous:${seed}:${salt}:' || sessions.j) end as anonymous_id,
        case when r_kind < 0.60 then coalesce(known_devices.user_id, case when r_kind >= 0.55 then known_users.user_id end)
             when r_kind < 0.68 then known_users.user_id end as user_id,
        case when r_kind < 0.60 then known_devices.context_user_agent else sessions.context_user_agent end as context_user_agent,
        case when r_kind < 0.60 then known_devices.context_ip else sessions.context_ip end as context_ip
    from sessions
    left join known_devices on known_devices.n = sessions.device_n
    left join known_users on known_users.n = sessions.user_n
),
timed as (
    select sessioned.*, identified.* exclude (j),
        identified.session_start
            + to_seconds(sum(case when opens_session then 0 else cast(5 + floor(u01('dwell', k) * 300) as bigint) end)
                over (partition by sessioned.j order by b rows between unbounded preceding and current row))
            + to_milliseconds(cast(floor(u01('ms', k) * 1000) as bigint)) as event_at,
        0.05 + u01('latency', k) * 3 as latency_s
    from sessioned join identified on identified.j = sessioned.j
)
select
    uuid_of('page:${seed}:' || k) as id,
    anonymous_id,
    user_id,
    greatest(event_at, ${loadedUntil}) + to_microseconds(cast(latency_s * 1e6 as bigint))
        + case when event_at < ${loadedUntil} then to_seconds(cast(floor(u01('upload', k) * 3600) as bigint)) else interval 0 second end as received_at,
    least(event_at + to_microseconds(cast(latency_s * 0.6e6 as bigint)), greatest(event_at, ${loadedUntil})) as sent_at,
    event_at as timestamp,
    k,
    opens_session,
    context_ip,
    context_user_agent
from timed`;
  return [
    `insert into segment.pages
     select * replace (${loadedUntil} + to_seconds(1 + cast(floor(u01('resent', [${salt}, hash(id)]) * 3600) as bigint)) as received_at)
     from segment.pages
     where received_at <= ${loadedUntil} and u01('resend', [${salt}, hash(id)]) < ${resendRate}`,
    `insert into segment.pages
     with skeleton as (${skeleton}),
     ${pageColumns(REFERRER_HOSTS, referrerHostCount)}`,
  ];
}
