/** The landing page: the project's `__overview__` doc, and what it holds by resource type and package. */
import type { SearchEntry, SiteInfo } from '../types';
import { graphHref, h, nodeHref } from './dom';
import { markdownBlock } from './markdown-view';

/** Links listed per package before "use search" takes over (10,000 links help nobody). */
const LISTED = 300;

export function renderOverview(
  root: HTMLElement,
  info: SiteInfo,
  entries: readonly SearchEntry[],
): void {
  const byType = new Map<string, number>();
  for (const e of entries) byType.set(e[2], (byType.get(e[2]) ?? 0) + 1);
  const packages = new Map<string, SearchEntry[]>();
  for (const e of entries) {
    if (e[2] !== 'model' && e[2] !== 'source' && e[2] !== 'seed' && e[2] !== 'snapshot') continue;
    const list = packages.get(e[3]) ?? [];
    list.push(e);
    packages.set(e[3], list);
  }
  root.replaceChildren(
    h(
      'section',
      { class: 'overview' },
      h('h1', {}, info.project),
      h(
        'p',
        { class: 'muted' },
        `Generated ${info.generated_at} by tsmodel ${info.tsmodel_version} for ${info.adapter_type}.`,
      ),
      info.overview
        ? h('div', { class: 'description', id: 'overview' }, markdownBlock(info.overview))
        : undefined,
      h('p', {}, [...byType].map(([t, n]) => `${n} ${t}${n === 1 ? '' : 's'}`).join(' · ')),
      h('p', {}, h('a', { href: graphHref('') }, 'Lineage graph of the whole project')),
      ...[...packages].map(([pkg, list]) =>
        h(
          'section',
          { class: 'package', 'data-package': pkg },
          h(
            'h2',
            {},
            pkg,
            ' ',
            h('a', { href: graphHref(`package:${pkg}`), class: 'small' }, 'graph'),
          ),
          h(
            'ul',
            { class: 'links columns-3' },
            ...list
              .slice(0, LISTED)
              .map(([id, name, type]) =>
                h(
                  'li',
                  {},
                  h('a', { href: nodeHref(id) }, name),
                  h('span', { class: 'muted' }, ` ${type}`),
                ),
              ),
          ),
          list.length > LISTED
            ? h('p', { class: 'muted' }, `…and ${list.length - LISTED} more: use search`)
            : undefined,
        ),
      ),
    ),
  );
}
