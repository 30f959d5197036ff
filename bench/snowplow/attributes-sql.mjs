// SQL fragments for the attributes of synthetic Snowplow web events: the device behind a
// domain_userid (user agent, browser, OS, screen, IP, geo), a session's acquisition (referrer,
// campaign) and a page view's page. Every value is a pure function of (seed, key) through
// hash-based draws, so the initial load and appended batches look alike and a seed reproduces
// the data.

export const SITE_HOST = 'www.example-shop.com';

/**
 * Session-scoped temp macros the fragments rely on: `u01(tag, key)` is a uniform number in
 * [0, 1) for a key under a tag (another tag gives an independent draw), `pick(list, u)` an
 * element of a list literal for such a number, `uuid_of(text)` a UUID-shaped md5, and
 * `userid_of(key)` a domain_userid whose last 12 hex digits are the user key, so an appended
 * batch can give returning users their own device and the next domain_sessionidx.
 */
export function macroStatements(seed) {
  return [
    `create or replace temp macro u01(tag, key) as hash(key, tag, ${seed}::bigint) / 18446744073709551616.0`,
    `create or replace temp macro pick(items, u) as items[1 + cast(floor(u * len(items)) as bigint)]`,
    `create or replace temp macro uuid_hex(h) as
       h[1:8] || '-' || h[9:12] || '-4' || h[14:16] || '-a' || h[18:20] || '-' || h[21:32]`,
    `create or replace temp macro uuid_of(t) as uuid_hex(md5(t))`,
    `create or replace temp macro userid_of(k) as
       substr(uuid_of('duid:${seed}:' || k), 1, 24) || lpad(lower(hex(k)), 12, '0')`,
    `create or replace temp macro user_key_of(domain_userid) as
       cast(('0x' || right(domain_userid, 12)) as bigint)`,
  ];
}

const sqlString = (s) => (s === null ? 'null' : `'${s.replace(/'/g, "''")}'`);

/** A 1000-entry list literal in which each entry appears as often as its per-mille share. */
function weighted(entries, render) {
  const total = entries.reduce((sum, [share]) => sum + share, 0);
  if (total !== 1000) throw new Error(`shares sum to ${total}, not 1000`);
  return `[${entries.flatMap(([share, ...rest]) => Array(share).fill(render(...rest))).join(', ')}]`;
}

/**
 * Devices: user agent, browser name/family, OS, device type, screen, viewport. About 4% are bots
 * the v1 bot filter drops (Googlebot, bingbot, a crawler, a headless checker).
 */
const DEVICES = [
  [250, 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1', 'Safari 17', 'Safari', 'iOS', 'Mobile', 390, 844, 390, 664],
  [210, 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.6261.105 Mobile Safari/537.36', 'Chrome Mobile', 'Chrome', 'Android', 'Mobile', 412, 915, 412, 780],
  [60, 'Mozilla/5.0 (iPad; CPU OS 17_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Mobile/15E148 Safari/604.1', 'Safari 17', 'Safari', 'iOS', 'Tablet', 820, 1180, 820, 1050],
  [220, 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36', 'Chrome 122', 'Chrome', 'Windows', 'Computer', 1920, 1080, 1903, 937],
  [110, 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Safari/605.1.15', 'Safari 17', 'Safari', 'Mac OS X', 'Computer', 1440, 900, 1440, 789],
  [70, 'Mozilla/5.0 (X11; Linux x86_64; rv:123.0) Gecko/20100101 Firefox/123.0', 'Firefox 123', 'Firefox', 'Linux', 'Computer', 1366, 768, 1366, 657],
  [40, 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36 Edg/122.0.2365.66', 'Edge 122', 'Edge', 'Windows', 'Computer', 1536, 864, 1519, 722],
  [20, 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 'Robot/Spider', 'Robot/Spider', 'Unknown', 'Unknown', 1024, 768, 1024, 768],
  [10, 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)', 'Robot/Spider', 'Robot/Spider', 'Unknown', 'Unknown', 1024, 768, 1024, 768],
  [5, 'Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)', 'Robot/Spider', 'Robot/Spider', 'Unknown', 'Unknown', 1024, 768, 1024, 768],
  [5, 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36 PingdomBot', 'Chrome', 'Chrome', 'Linux', 'Computer', 1280, 720, 1280, 720],
];

const deviceStruct = (ua, brName, brFamily, os, type, sw, sh, vw, vh) =>
  `{'ua': ${sqlString(ua)}, 'br_name': ${sqlString(brName)}, 'br_family': ${sqlString(brFamily)}, ` +
  `'os': ${sqlString(os)}, 'type': ${sqlString(type)}, 'sw': ${sw}, 'sh': ${sh}, 'vw': ${vw}, 'vh': ${vh}}`;

const GEO = [
  [300, 'US', 'CA', 'California', 'San Francisco', '94103', 37.7749, -122.4194, 'America/Los_Angeles'],
  [150, 'US', 'NY', 'New York', 'New York', '10001', 40.7128, -74.006, 'America/New_York'],
  [200, 'GB', 'ENG', 'England', 'London', 'EC1A', 51.5074, -0.1278, 'Europe/London'],
  [150, 'DE', 'BE', 'Berlin', 'Berlin', '10115', 52.52, 13.405, 'Europe/Berlin'],
  [100, 'FR', 'IDF', 'Ile-de-France', 'Paris', '75001', 48.8566, 2.3522, 'Europe/Paris'],
  [100, 'JP', '13', 'Tokyo', 'Tokyo', '100-0001', 35.6762, 139.6503, 'Asia/Tokyo'],
];

const geoStruct = (country, region, regionName, city, zip, lat, lon, tz) =>
  `{'country': '${country}', 'region': '${region}', 'region_name': '${regionName}', 'city': '${city}', ` +
  `'zip': '${zip}', 'lat': ${lat}, 'lon': ${lon}, 'tz': '${tz}'}`;

/**
 * The device and location of a user key: one struct column `d` (see DEVICES, GEO) plus the
 * network_userid, an IP and a device clock skew in ms (mostly under a second, 3% minutes off).
 */
export function userColumns(key) {
  const octet = (tag) => `cast(floor(u01('${tag}', ${key}) * 254) + 1 as integer)`;
  return `
    pick(${weighted(DEVICES, deviceStruct)}, u01('device', ${key})) as device,
    pick(${weighted(GEO, geoStruct)}, u01('geo', ${key})) as geo,
    uuid_of('nuid:' || ${key} || ':' || u01('nuid', ${key})) as network_userid,
    concat_ws('.', ${octet('ip1')}, ${octet('ip2')}, ${octet('ip3')}, ${octet('ip4')}) as user_ipaddress,
    case when u01('skewed', ${key}) < 0.03 then cast((u01('skew', ${key}) - 0.5) * 600000 as bigint)
         else cast((u01('skew', ${key}) - 0.5) * 1500 as bigint) end as clock_skew_ms`;
}

/**
 * Acquisition of a session: referrer fields as the referer-parser enrichment fills them and the
 * campaign fields of the landing URL. 35% direct, 30% search, 15% social, 10% email campaigns,
 * 10% paid search (gclid).
 */
const ACQUISITION = [
  [350, null, null, null, null, null, null, null, null, null, null, null],
  [250, 'https://www.google.com/', 'https', 'www.google.com', '/', 'search', 'Google', null, null, null, null, null],
  [50, 'https://www.bing.com/search?q=shoes', 'https', 'www.bing.com', '/search', 'search', 'Bing', 'shoes', null, null, null, null],
  [100, 'https://www.facebook.com/', 'https', 'www.facebook.com', '/', 'social', 'Facebook', null, null, null, null, null],
  [50, 'https://t.co/abc123', 'https', 't.co', '/abc123', 'social', 'Twitter', null, null, null, null, null],
  [100, null, null, null, null, null, null, null, 'email', 'newsletter', 'spring_sale', null],
  [100, 'https://www.google.com/', 'https', 'www.google.com', '/', 'search', 'Google', null, 'cpc', 'google', 'brand', 'gclid'],
];

const acquisitionStruct = (referrer, scheme, host, path, medium, source, term, mktMedium, mktSource, mktCampaign, clickid) =>
  `{'referrer': ${sqlString(referrer)}, 'scheme': ${sqlString(scheme)}, 'host': ${sqlString(host)}, ` +
  `'path': ${sqlString(path)}, 'medium': ${sqlString(medium)}, 'source': ${sqlString(source)}, ` +
  `'term': ${sqlString(term)}, 'mkt_medium': ${sqlString(mktMedium)}, 'mkt_source': ${sqlString(mktSource)}, ` +
  `'mkt_campaign': ${sqlString(mktCampaign)}, 'clickid': ${sqlString(clickid)}}`;

/** The acquisition struct `acq` of a session key. */
export function sessionColumns(key) {
  return `pick(${weighted(ACQUISITION, acquisitionStruct)}, u01('acquisition', ${key})) as acq`;
}

const PAGES = [
  ['/', 'Example Shop - Home'],
  ['/products', 'All products'],
  ['/products/shoes', 'Shoes'],
  ['/products/shoes/runner-2', 'Runner 2 running shoe'],
  ['/products/jackets', 'Jackets'],
  ['/products/jackets/storm', 'Storm rain jacket'],
  ['/blog', 'Blog'],
  ['/blog/how-to-choose-running-shoes', 'How to choose running shoes'],
  ['/cart', 'Your cart'],
  ['/checkout', 'Checkout'],
  ['/account', 'Your account'],
  ['/help/returns', 'Returns'],
];

/** The page struct `page` (path, title, document height) of a page-view key. */
export function pageColumns(key) {
  const list = `[${PAGES.map(([path, title]) => `{'path': ${sqlString(path)}, 'title': ${sqlString(title)}}`).join(', ')}]`;
  return `
    pick(${list}, u01('page', ${key})) as page,
    cast(1200 + floor(u01('doc_height', ${key}) * 6000) as integer) as doc_height,
    u01('scroll_speed', ${key}) as scroll_speed`;
}
