/** The header's project-wide search: results as links, updated on each keystroke. */
import { searchEntries } from '../search-index';
import type { SearchEntry } from '../types';
import { h, nodeHref } from './dom';

export function searchBox(load: () => Promise<SearchEntry[]>): HTMLElement {
  const input = h('input', {
    id: 'search',
    type: 'search',
    placeholder: 'Search models, sources, seeds, tests, macros…',
    autocomplete: 'off',
  });
  const results = h('ul', { id: 'search-results', class: 'search-results', hidden: '' });
  const update = async () => {
    const entries = await load();
    const found = searchEntries(entries, input.value);
    results.hidden = input.value.trim() === '';
    results.replaceChildren(
      ...(found.length === 0 && !results.hidden
        ? [h('li', { class: 'muted' }, `nothing matches '${input.value}'`)]
        : found.map(([id, name, type, pkg, , description]) =>
            h(
              'li',
              { 'data-node': id },
              h('a', { href: nodeHref(id) }, name),
              h('span', { class: `badge type-${type}` }, type),
              h('span', { class: 'muted' }, ` ${pkg}${description ? ` — ${description}` : ''}`),
            ),
          )),
    );
  };
  input.addEventListener('input', () => void update());
  results.addEventListener('click', () => (results.hidden = true));
  return h('div', { class: 'search' }, input, results);
}
