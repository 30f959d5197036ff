// The statements that generate one batch of synthetic Snowplow web events inside DuckDB:
// sessions of users (domain_sessionidx increasing per user), page views, page pings at the
// tracker's heartbeat, then duplicates and stray pings, appended to atomic.events roughly in
// collector_tstamp order as a loader appends them (session keys follow time, so DuckDB's zone
// maps prune by collector_tstamp). All randomness is hash-based on (seed, key), and keys of a
// batch never collide with an earlier batch's, so a seed reproduces every batch.
import { EVENTS, WEB_PAGE_COLUMN } from './atomic-ddl.mjs';
import { SITE_HOST, pageColumns, sessionColumns, userColumns } from './attributes-sql.mjs';

/** Tracker settings the pings follow (the model's min_visit_length and heartbeat defaults). */
const MIN_VISIT_MS = 5000;
const HEARTBEAT_MS = 10000;
/** Shares of a batch's rows that are duplicates of another row's event_id, and stray pings. */
export const DUPLICATE_SHARE = 0.004;
export const STRAY_SHARE = 0.001;

/**
 * One batch. `rows` is exactly the number of rows inserted; `keyOffset` keeps session keys apart
 * from earlier batches; sessions start in [windowStartMs, windowStartMs + windowMs) by collector
 * time; `existingUsers` user keys are already known (70% of a later batch's sessions are theirs),
 * `newUsers` fresh keys follow them.
 * @typedef {{ seed: number, rows: number, keyOffset: number, windowStartMs: number, windowMs: number,
 *   existingUsers: number, newUsers: number }} Batch
 */

/** Session candidates: comfortably more events than the batch needs (about 17 per session). */
export const candidateSessions = (rows) => Math.ceil(rows / 8) + 100;

/** Counts of a batch: clean events, duplicates, stray pings (they sum to `rows`). */
export function batchCounts(rows) {
  const duplicates = Math.round(rows * DUPLICATE_SHARE);
  const strays = Math.round(rows * STRAY_SHARE);
  return { clean: rows - duplicates - strays, duplicates, strays };
}

/**
 * Last sessions and user keys already loaded, so returning users continue their
 * domain_sessionidx. Empty for a first load.
 */
export function existingUsersStatement(hasEvents) {
  return `create or replace temp table sp_existing_users as
select user_key_of(domain_userid) as user_key, max(domain_sessionidx) as max_idx
from ${EVENTS}
${hasEvents ? '' : 'where false\n'}group by 1`;
}

function sessionsStatement(b) {
  return `create or replace temp table sp_sessions as
select
    s,
    case when ${b.existingUsers} > 0 and u01('returning', s) < 0.7
         then cast(floor(u01('ruser', s) * ${b.existingUsers}) as bigint)
         else ${b.existingUsers} + cast(floor(u01('user', s) * ${b.newUsers}) as bigint) end as user_key,
    case when u01('late', s) < 0.005 then cast(86400000 + floor(u01('lateness', s) * 4 * 86400000) as bigint) else 0 end as lateness_ms,
    case when u01('bounce', s) < 0.35 then 1
         else least(200, 2 + cast(floor(-ln(1 - u01('pvs', s)) * 3) as bigint)) end as pvs
from (select s0 + ${b.keyOffset} as s from range(${candidateSessions(b.rows)}) as t(s0))`;
}

/** Page views of the candidate sessions, placed on the batch's event index; cut at `clean`. */
function pageViewsStatement(b, clean) {
  return `create or replace temp table sp_page_views as
with expanded as (
    select s, user_key, lateness_ms, unnest(range(pvs)) as j from sp_sessions
),
drawn as (
    select *,
        s * 256 + j as pv_key,
        case when u01('engaged', s * 256 + j) < 0.3 then 0
             else least(1000, 1 + cast(floor(-ln(1 - u01('pings', s * 256 + j)) * 5) as bigint)) end as pings,
        cast(2000 + floor(u01('read', s * 256 + j) * 40000) as bigint) as gap_ms
    from expanded
),
timed as (
    select *,
        cast(coalesce(sum(${MIN_VISIT_MS} + pings * ${HEARTBEAT_MS} + gap_ms) over (
            partition by s order by j rows between unbounded preceding and 1 preceding), 0) as bigint) as pv_offset_ms,
        1 + pings as events
    from drawn
),
placed as (
    select *, cast(sum(events) over (order by s, j rows between unbounded preceding and current row) - events as bigint) as first_event
    from timed
)
select *, lag(page.path) over (partition by s order by j) as previous_path
from (
    select *, ${pageColumns('pv_key')}, uuid_of('pv:${b.seed}:' || pv_key) as page_view_id
    from placed
    where first_event < ${clean}
)`;
}

/**
 * Per kept session: its start (sessions spread evenly over the window in key order, so a later
 * key starts later and domain_sessionidx follows key order), its user's attributes, acquisition.
 */
function sessionAttributesStatement(b) {
  return `create or replace temp table sp_session_attributes as
with kept as (
    select s, any_value(user_key) as user_key, any_value(lateness_ms) as lateness_ms
    from sp_page_views group by s
),
timed as (
    select *,
        ${b.windowStartMs} + cast(floor((row_number() over (order by s) - 1 + u01('start', s)) * ${b.windowMs}
            / count(*) over ()) as bigint) - lateness_ms as start_ms
    from kept
)
select
    k.s,
    k.start_ms,
    k.lateness_ms,
    coalesce(x.max_idx, 0) + row_number() over (partition by k.user_key order by k.s) as domain_sessionidx,
    userid_of(k.user_key) as domain_userid,
    uuid_of('ds:${b.seed}:' || k.s) as domain_sessionid,
    case when u01('registered', k.user_key) < 0.3 and u01('login', k.s) < 0.7 then 'user-' || k.user_key end as user_id,
    ${userColumns('k.user_key')},
    ${sessionColumns('k.s')}
from timed as k
left join sp_existing_users as x on x.user_key = k.user_key`;
}

/** Appends every clean event: a page view (k = 0) then its pings. */
function cleanEventsStatement(b, clean) {
  const url = (path, query) => `'https://${SITE_HOST}' || ${path} || coalesce('?' || ${query}, '')`;
  return `insert into ${EVENTS} by name
with events as (
    select p.*, unnest(range(least(p.events, ${clean} - p.first_event))) as k
    from sp_page_views as p
),
timed as (
    select e.* exclude (lateness_ms), a.* exclude (s),
        pv_key * 1024 + k as event_key,
        a.start_ms + pv_offset_ms + case when k = 0 then 0
                     else ${MIN_VISIT_MS} + (k - 1) * ${HEARTBEAT_MS} + cast(floor(u01('jitter', pv_key * 1024 + k) * 1000) as bigint) end as true_ms,
        case when j = 0 and a.acq.mkt_medium is not null
             then 'utm_medium=' || a.acq.mkt_medium || '&utm_source=' || a.acq.mkt_source || '&utm_campaign=' || a.acq.mkt_campaign
                  || coalesce('&gclid=' || case when a.acq.clickid is not null then substr(md5('gclid:' || e.s), 1, 20) end, '') end as page_urlquery
    from events as e
    join sp_session_attributes as a on a.s = e.s
),
clocked as (
    select *,
        true_ms + lateness_ms + 30 + cast(floor(u01('net', event_key) * 900) as bigint) as collector_ms,
        true_ms + clock_skew_ms as created_ms,
        true_ms + clock_skew_ms + lateness_ms + 10 + cast(floor(u01('send', event_key) * 400) as bigint) as sent_ms
    from timed
)
select
    '[{"id":"' || page_view_id || '"}]' as ${WEB_PAGE_COLUMN},
    'website' as app_id, 'web' as platform,
    epoch_ms(collector_ms + 60000 + cast(floor(u01('etl', event_key) * 600000) as bigint)) as etl_tstamp,
    epoch_ms(collector_ms) as collector_tstamp,
    epoch_ms(created_ms) as dvce_created_tstamp,
    epoch_ms(sent_ms) as dvce_sent_tstamp,
    epoch_ms(collector_ms - (sent_ms - created_ms)) as derived_tstamp,
    case when k = 0 then 'page_view' else 'page_ping' end as event,
    case when k = 0 then 'page_view' else 'page_ping' end as event_name,
    'com.snowplowanalytics.snowplow' as event_vendor, 'jsonschema' as event_format, '1-0-0' as event_version,
    uuid_of('ev:${b.seed}:' || event_key) as event_id,
    substr(md5('fp:${b.seed}:' || event_key), 1, 16) as event_fingerprint,
    'sp' as name_tracker, 'js-3.17.0' as v_tracker, 'ssc-2.9.0-kinesis' as v_collector, 'snowplow-enrich-kinesis-3.9.0' as v_etl,
    user_id, user_ipaddress, domain_userid, cast(domain_sessionidx as integer) as domain_sessionidx, network_userid, domain_sessionid,
    geo.country as geo_country, geo.region as geo_region, geo.city as geo_city, geo.zip as geo_zipcode,
    geo.lat as geo_latitude, geo.lon as geo_longitude, geo.region_name as geo_region_name, geo.tz as geo_timezone,
    ${url('page.path', 'page_urlquery')} as page_url,
    page.title as page_title,
    'https' as page_urlscheme, '${SITE_HOST}' as page_urlhost, 443 as page_urlport, page.path as page_urlpath, page_urlquery,
    case when j = 0 then acq.referrer else ${url('previous_path', 'null')} end as page_referrer,
    case when j = 0 then acq.scheme else 'https' end as refr_urlscheme,
    case when j = 0 then acq.host else '${SITE_HOST}' end as refr_urlhost,
    case when j = 0 and acq.host is not null then 443 when j > 0 then 443 end as refr_urlport,
    case when j = 0 then acq.path else previous_path end as refr_urlpath,
    case when j = 0 then acq.medium else 'internal' end as refr_medium,
    case when j = 0 then acq.source end as refr_source,
    case when j = 0 then acq.term end as refr_term,
    case when page_urlquery is not null then acq.mkt_medium end as mkt_medium,
    case when page_urlquery is not null then acq.mkt_source end as mkt_source,
    case when page_urlquery is not null then acq.mkt_campaign end as mkt_campaign,
    case when page_urlquery is not null and acq.clickid is not null then substr(md5('gclid:' || s), 1, 20) end as mkt_clickid,
    case when page_urlquery is not null and acq.clickid is not null then 'Google' end as mkt_network,
    case when k > 0 then 0 end as pp_xoffset_min,
    case when k > 0 then 0 end as pp_xoffset_max,
    case when k > 0 then cast(least(greatest(doc_height - device.vh, 0), floor((k - 1) * scroll_speed * 800)) as integer) end as pp_yoffset_min,
    case when k > 0 then cast(least(greatest(doc_height - device.vh, 0), floor(k * scroll_speed * 800)) as integer) end as pp_yoffset_max,
    device.ua as useragent, device.br_name as br_name, device.br_family as br_family, 'Browser' as br_type,
    case when device.br_family = 'Safari' then 'WEBKIT' when device.br_family = 'Firefox' then 'GECKO' else 'BLINK' end as br_renderengine,
    'en-US' as br_lang, true as br_cookies, '24' as br_colordepth,
    device.vw as br_viewwidth, device.vh as br_viewheight,
    device.os as os_name, device.os as os_family, geo.tz as os_timezone,
    device.type as dvce_type, device.type in ('Mobile', 'Tablet') as dvce_ismobile,
    device.sw as dvce_screenwidth, device.sh as dvce_screenheight,
    'UTF-8' as doc_charset, device.vw as doc_width, doc_height
from clocked`;
}

/**
 * The event_ids of clean events the batch loads again: `duplicates` spread evenly over the batch
 * (same event_id and content; half with the same collector_tstamp, half up to an hour later) and
 * `strays` that lend their session to a page ping whose page view is in no batch. A batch index
 * finds its page view by an ASOF join on the page views' first event index.
 */
function picksStatement(b, { clean, duplicates, strays }) {
  const spread = (count, kind) =>
    `select '${kind}' as kind, n + ${b.keyOffset} as pick_key,
            cast(floor(n * ${clean} / ${count}) + floor(u01('${kind}_at', n + ${b.keyOffset}) * floor(${clean} / ${count})) as bigint) as _i
     from range(${count}) as t(n)`;
  const parts = [duplicates > 0 && spread(duplicates, 'duplicate'), strays > 0 && spread(strays, 'stray')].filter(Boolean);
  if (parts.length === 0) parts.push("select 'none' as kind, 0 as pick_key, 0 as _i where false");
  return `create or replace temp table sp_picks as
select
    d.kind,
    uuid_of('ev:${b.seed}:' || (p.pv_key * 1024 + d._i - p.first_event)) as event_id,
    case when d.kind = 'stray' or u01('dup_same', d.pick_key) < 0.5 then 0
         else cast(1000 + floor(u01('dup_shift', d.pick_key) * 3600000) as bigint) end as shift_ms,
    cast(60000 + floor(u01('dup_etl', d.pick_key) * 1800000) as bigint) as etl_shift_ms,
    uuid_of('stray-pv:${b.seed}:' || d.pick_key) as stray_page_view_id,
    uuid_of('stray-ev:${b.seed}:' || d.pick_key) as stray_event_id
from (${parts.join('\nunion all\n')}) as d
asof join sp_page_views as p on d._i >= p.first_event`;
}

/** Appends the picked rows again: duplicates as loaded twice, strays as page pings 7 s later. */
function picksInsertStatement(b) {
  const stray = (expr, otherwise) => `case when p.kind = 'stray' then ${expr} else ${otherwise} end`;
  return `insert into ${EVENTS}
select e.* replace (
    ${stray('p.stray_event_id', 'e.event_id')} as event_id,
    ${stray(`'[{"id":"' || p.stray_page_view_id || '"}]'`, `e.${WEB_PAGE_COLUMN}`)} as ${WEB_PAGE_COLUMN},
    ${stray("'page_ping'", 'e.event')} as event,
    ${stray("'page_ping'", 'e.event_name')} as event_name,
    ${stray('0', 'e.pp_xoffset_min')} as pp_xoffset_min,
    ${stray('0', 'e.pp_xoffset_max')} as pp_xoffset_max,
    ${stray('0', 'e.pp_yoffset_min')} as pp_yoffset_min,
    ${stray('400', 'e.pp_yoffset_max')} as pp_yoffset_max,
    ${stray("e.etl_tstamp + interval 7 second", 'e.etl_tstamp + to_milliseconds(p.etl_shift_ms)')} as etl_tstamp,
    ${stray("e.collector_tstamp + interval 7 second", 'e.collector_tstamp + to_milliseconds(p.shift_ms)')} as collector_tstamp,
    ${stray("e.dvce_created_tstamp + interval 7 second", 'e.dvce_created_tstamp')} as dvce_created_tstamp,
    ${stray("e.dvce_sent_tstamp + interval 7 second", 'e.dvce_sent_tstamp + to_milliseconds(p.shift_ms)')} as dvce_sent_tstamp,
    ${stray("e.derived_tstamp + interval 7 second", 'e.derived_tstamp')} as derived_tstamp)
from ${EVENTS} as e
join sp_picks as p on p.event_id = e.event_id
where e.collector_tstamp >= epoch_ms(${b.windowStartMs - 5 * 86400000})
order by p.kind, p.event_id`;
}

/** Every statement of one batch, after the macros and sp_existing_users exist. */
export function batchStatements(b) {
  const counts = batchCounts(b.rows);
  return [
    sessionsStatement(b),
    pageViewsStatement(b, counts.clean),
    sessionAttributesStatement(b),
    cleanEventsStatement(b, counts.clean),
    picksStatement(b, counts),
    picksInsertStatement(b),
    'drop table sp_sessions',
    'drop table sp_page_views',
    'drop table sp_session_attributes',
    'drop table sp_picks',
  ];
}
