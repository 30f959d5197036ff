import { describe, expect, it } from 'vitest';
import { descriptionText, parseMarkdown, type MarkdownNode } from './markdown';

/** Every element of a tree, depth first, to check none is of a kind a description must not make. */
function elements(nodes: readonly MarkdownNode[]): Array<Exclude<MarkdownNode, string>> {
  return nodes.flatMap((n) => (typeof n === 'string' ? [] : [n, ...elements(n.children)]));
}

describe('parseMarkdown', () => {
  it('renders emphasis, headings, lists, links and inline code as elements', () => {
    expect(
      parseMarkdown(
        '## Orders\n\nOne row per **order**, _cleaned_, see [the spec](https://example.com/spec "Spec") and `order_id`.\n\n- paid\n- refunded',
      ),
    ).toEqual([
      { tag: 'h2', children: ['Orders'] },
      {
        tag: 'p',
        children: [
          'One row per ',
          { tag: 'strong', children: ['order'] },
          ', ',
          { tag: 'em', children: ['cleaned'] },
          ', see ',
          {
            tag: 'a',
            attrs: { href: 'https://example.com/spec', title: 'Spec' },
            children: ['the spec'],
          },
          ' and ',
          { tag: 'code', children: ['order_id'] },
          '.',
        ],
      },
      {
        tag: 'ul',
        children: [
          { tag: 'li', children: ['paid'] },
          { tag: 'li', children: ['refunded'] },
        ],
      },
    ]);
  });

  it('renders a table with its column alignment, and a fenced code block', () => {
    expect(
      parseMarkdown('| status | count |\n|:--|--:|\n| paid | 3 |\n\n```sql\nselect 1\n```'),
    ).toEqual([
      {
        tag: 'table',
        children: [
          {
            tag: 'thead',
            children: [
              {
                tag: 'tr',
                children: [
                  { tag: 'th', attrs: { style: 'text-align:left' }, children: ['status'] },
                  { tag: 'th', attrs: { style: 'text-align:right' }, children: ['count'] },
                ],
              },
            ],
          },
          {
            tag: 'tbody',
            children: [
              {
                tag: 'tr',
                children: [
                  { tag: 'td', attrs: { style: 'text-align:left' }, children: ['paid'] },
                  { tag: 'td', attrs: { style: 'text-align:right' }, children: ['3'] },
                ],
              },
            ],
          },
        ],
      },
      { tag: 'pre', children: [{ tag: 'code', children: ['select 1\n'] }] },
    ]);
  });

  it("keeps an ordered list's start and a line break", () => {
    expect(parseMarkdown('3. third\n4. fourth\n\nfirst line  \nsecond')).toEqual([
      {
        tag: 'ol',
        attrs: { start: '3' },
        children: [
          { tag: 'li', children: ['third'] },
          { tag: 'li', children: ['fourth'] },
        ],
      },
      { tag: 'p', children: ['first line', { tag: 'br', children: [] }, 'second'] },
    ]);
  });

  it('shows raw HTML as text: no script, image or handler element is made', () => {
    const tree = parseMarkdown(
      'Before <script>window.__pwned=1</script>\n\n<img src=x onerror="window.__pwned=1">\n\n<div onclick="x()">block</div>',
    );
    expect(tree).toEqual([
      { tag: 'p', children: ['Before <script>window.__pwned=1</script>'] },
      { tag: 'p', children: ['<img src=x onerror="window.__pwned=1">'] },
      { tag: 'p', children: ['<div onclick="x()">block</div>'] },
    ]);
    expect(elements(tree).map((e) => e.tag)).toEqual(['p', 'p', 'p']);
  });

  it('makes no link or image of javascript:, vbscript: or data:text URLs, in any spelling', () => {
    const tree = parseMarkdown(
      '[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](vbscript:msgbox) [d](data:text/html,<b>x</b>) ' +
        '![e](javascript:alert(1)) <javascript:alert(1)> [f](&#106;avascript:alert(1))',
    );
    expect(elements(tree).map((e) => e.tag)).toEqual(['p']);
    expect(descriptionText('[a](javascript:alert(1))')).toBe('[a](javascript:alert(1))');
  });

  it('keeps safe links and images, with only their allowed attributes', () => {
    const tree = parseMarkdown(
      '[docs](#!/node/model.shop.orders) <https://example.com> ![chart](https://example.com/c.png "Chart")',
    );
    expect(elements(tree).slice(1)).toEqual([
      { tag: 'a', attrs: { href: '#!/node/model.shop.orders' }, children: ['docs'] },
      { tag: 'a', attrs: { href: 'https://example.com' }, children: ['https://example.com'] },
      {
        tag: 'img',
        attrs: { src: 'https://example.com/c.png', alt: 'chart', title: 'Chart' },
        children: [],
      },
    ]);
  });
});

describe('descriptionText', () => {
  it('is the words a reader sees, without the Markdown around them', () => {
    expect(
      descriptionText(
        '# Orders\n\nOne row per **order** (see [docs](https://example.com)).\n\n- `paid`\n- refunded &amp; voided',
      ),
    ).toBe('Orders One row per order (see docs). paid refunded & voided');
  });

  it('keeps raw HTML as the text it is', () => {
    expect(descriptionText('<b>bold</b> & <script>x</script>')).toBe(
      '<b>bold</b> & <script>x</script>',
    );
  });

  it('reads plain text as parsing it would (the unparsed fast path changes nothing)', () => {
    const plain = [
      'One row per order.',
      "The customer's first order: its date, in UTC (2024-01-01).",
      '    indented like code\n  and a second line',
      'A sentence - with a dash, 3.5 percent, and 100 + 1',
      '',
    ];
    for (const text of plain)
      expect(descriptionText(text)).toBe(
        elements(parseMarkdown(text))
          .flatMap((e) => e.children.filter((c) => typeof c === 'string'))
          .join(' ')
          .replace(/\s+/g, ' ')
          .trim(),
      );
  });
});
