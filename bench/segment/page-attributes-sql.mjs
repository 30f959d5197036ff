// SQL fragments for the content of a synthetic Segment page view (URL, query string, UTM
// parameters, gclid, referrer, title) and of a device (user agent, IP), derived from a row key
// with hash-based pseudo-randomness. Shared by the initial load and the appended batches so both
// look alike; every value is a pure function of (seed, key), so a seed reproduces the data.

const SITE = 'https://www.example-shop.com';

/**
 * The session-scoped temp macros every fragment relies on: `u01(tag, key)` is a uniform number
 * in [0, 1) for a key under a tag (a different tag gives an independent draw), `pick(list, u)`
 * an element of a list literal for such a number, `uuid_of(text)` a UUID-shaped md5.
 */
export function macroStatements(seed) {
  return [
    `create or replace temp macro u01(tag, key) as hash(key, tag, ${seed}::bigint) / 18446744073709551616.0`,
    `create or replace temp macro pick(items, u) as items[1 + cast(floor(u * len(items)) as bigint)]`,
    `create or replace temp macro uuid_of(t) as
       regexp_replace(md5(t), '^(.{8})(.{4}).(.{3}).(.{3})(.{12})$', '\\1-\\2-4\\3-a\\4-\\5')`,
  ];
}

/**
 * User agents with their share of devices, in per-mille (they sum to 1000). NULL stands for
 * server-side calls without a user agent; bots and curl have no device token the model knows.
 */
const USER_AGENTS = [
  [230, 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1'],
  [60, 'Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1'],
  [200, 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.6261.105 Mobile Safari/537.36'],
  [70, 'Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.0.0 Mobile Safari/537.36'],
  [50, 'Mozilla/5.0 (iPad; CPU OS 17_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Mobile/15E148 Safari/604.1'],
  [150, 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36'],
  [40, 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36 Edg/122.0.2365.66'],
  [100, 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Safari/605.1.15'],
  [30, 'Mozilla/5.0 (X11; Linux x86_64; rv:123.0) Gecko/20100101 Firefox/123.0'],
  [25, 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'],
  [10, 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)'],
  [5, 'curl/8.4.0'],
  [30, null],
];

const sqlString = (s) => (s === null ? 'null' : `'${s.replace(/'/g, "''")}'`);

/** A 1000-entry list literal in which each user agent appears as often as its share. */
function userAgentList() {
  const total = USER_AGENTS.reduce((sum, [share]) => sum + share, 0);
  if (total !== 1000) throw new Error(`user agent shares sum to ${total}, not 1000`);
  return `[${USER_AGENTS.flatMap(([share, ua]) => Array(share).fill(sqlString(ua))).join(', ')}]`;
}

/** Device-level columns for a device key: user agent and IP. */
export function deviceColumns(key) {
  const octet = (tag) => `cast(floor(u01('${tag}', ${key}) * 254) + 1 as integer)`;
  return `
    pick(${userAgentList()}, u01('ua', ${key})) as context_user_agent,
    concat_ws('.', ${octet('ip1')}, ${octet('ip2')}, ${octet('ip3')}, ${octet('ip4')}) as context_ip`;
}

const UTM = {
  source: ['google', 'facebook', 'newsletter', 'twitter', 'bing', 'linkedin'],
  medium: ['cpc', 'social', 'email', 'social', 'cpc', 'social'],
  campaign: ['spring_sale_2024', 'black_friday', 'launch_v2', 'retargeting', 'brand'],
  term: ['running shoes', 'trail shoes', 'shoes sale', null, null],
  content: ['banner_a', 'text_b', null],
};
const list = (items) => `[${items.map(sqlString).join(', ')}]`;

/**
 * CTEs and final select (to follow \`with skeleton as (...),\`) giving the raw Segment columns of
 * each page view, from its attribute key and whether it opens a session. Only
 * session openers carry campaign parameters and external referrers, as on a real site. Expects
 * a relation `skeleton` with the identity and time columns plus `k` (attribute key) and
 * `opens_session` (boolean); `referrerHostsTable` numbers the referrer_mapping hosts 0..count-1.
 */
export function pageColumns(referrerHostsTable, referrerHostCount) {
  const utmIndex = `cast(floor(u01('utm', k) * ${UTM.source.length}) as bigint) + 1`;
  return `
drawn as (
    select *,
        u01('path', k) as r_path,
        case when opens_session then u01('camp', k) else 1 end as r_camp,
        case when opens_session then u01('ref', k) else 1 end as r_ref,
        ${utmIndex} as utm_index,
        cast(floor(u01('host', k) * ${referrerHostCount}) as bigint) as host_n
    from skeleton
),
pathed as (
    select *,
        case
            when r_path < 0.15 then '/'
            when r_path < 0.55 then '/products/' || cast(floor(u01('product', k) * 2000) as bigint)
            when r_path < 0.70 then '/blog/' || pick(['sizing-guide', 'spring-lookbook', 'care-tips', 'our-story', 'trail-running-101'], u01('post', k))
            when r_path < 0.78 then '/search'
            when r_path < 0.85 then '/cart'
            when r_path < 0.88 then '/checkout'
            when r_path < 0.93 then '/account'
            else '/pricing'
        end as path,
        case when r_camp < 0.10 then ${list(UTM.source)}[utm_index] end as context_campaign_source,
        case when r_camp < 0.10 then ${list(UTM.medium)}[utm_index] end as context_campaign_medium,
        case when r_camp < 0.10 then pick(${list(UTM.campaign)}, u01('campaign', k)) end as context_campaign_name,
        case when r_camp < 0.10 then pick(${list(UTM.term)}, u01('term', k)) end as context_campaign_term,
        case when r_camp < 0.10 then pick(${list(UTM.content)}, u01('content', k)) end as context_campaign_content,
        case when r_camp >= 0.10 and r_camp < 0.14 then substr(md5(cast(u01('gclid', k) as varchar)), 1, 24) end as gclid
    from drawn
),
queried as (
    select *,
        list_filter([
            case when path = '/search' then 'q=' || pick(['shoes', 'red+dress', 'socks', 'gift+card'], u01('q', k)) end,
            'utm_source=' || context_campaign_source,
            'utm_medium=' || context_campaign_medium,
            'utm_campaign=' || context_campaign_name,
            'utm_term=' || replace(context_campaign_term, ' ', '+'),
            'utm_content=' || context_campaign_content,
            'gclid=' || gclid
        ], p -> p is not null) as params
    from pathed
)
select
    id,
    anonymous_id,
    user_id,
    received_at,
    sent_at,
    timestamp,
    case when path like '/blog/%' then replace('${SITE}', 'www.', 'blog.') else '${SITE}' end
        || path || search as url,
    path,
    'Example Shop | ' || path as title,
    search,
    case
        when not opens_session then '${SITE}' || pick(['/', '/products/12', '/search', '/cart', '/blog/care-tips'], u01('prev', k))
        when r_ref < 0.33 then ''
        when r_ref < 0.35 then null
        when r_ref < 0.58 then 'https://www.google.com/'
        when r_ref < 0.80 then 'https://' || case when u01('www', k) < 0.5 then 'www.' else '' end || mapped_host.host || '/'
        when r_ref < 0.92 then 'https://blog' || cast(floor(u01('blog', k) * 500) as bigint) || '.example.net/post/' || cast(floor(u01('post', k) * 90) as bigint)
        else '${SITE}/'
    end as referrer,
    context_campaign_source,
    context_campaign_medium,
    context_campaign_name,
    context_campaign_term,
    context_campaign_content,
    context_ip,
    context_user_agent
from (select *, case when len(params) > 0 then '?' || array_to_string(params, '&') else '' end as search from queried) as page
left join ${referrerHostsTable} as mapped_host on mapped_host.n = page.host_n`;
}
