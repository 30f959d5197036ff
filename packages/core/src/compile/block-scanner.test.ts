import { describe, expect, it } from 'vitest';
import { scanBlocks } from './block-scanner';

const shown = (text: string, kind: 'docs' | 'snapshot' = 'docs') => {
  const { blocks, problems } = scanBlocks(text, kind, 'models/docs.md');
  return { blocks, problems: problems.map((p) => p.format().split('\n')[0]) };
};

describe('scanBlocks', () => {
  it('finds every block of its kind, with the lines of the tag and of the body', () => {
    const { blocks, problems } = shown(
      'intro\n{% docs a %}\nA text\n{% enddocs %}\n\n{%- docs b -%}\n  B\n{%- enddocs %}\n',
    );
    expect(problems).toEqual([]);
    expect(blocks).toEqual([
      { name: 'a', body: '\nA text\n', line: 2, bodyLine: 2 },
      { name: 'b', body: 'B', line: 6, bodyLine: 7 },
    ]);
  });

  it('ignores blocks of another kind and text outside blocks', () => {
    expect(shown('{% docs a %}x{% enddocs %}', 'snapshot').blocks).toEqual([]);
    expect(shown('just markdown').blocks).toEqual([]);
  });

  it('keeps Jinja inside a snapshot body for the template engine', () => {
    const { blocks } = shown(
      "{% snapshot s %}\n{{ config(unique_key='id') }}\n{% if x %}1{% endif %}\n{% endsnapshot %}",
      'snapshot',
    );
    expect(blocks[0]!.body).toBe("\n{{ config(unique_key='id') }}\n{% if x %}1{% endif %}\n");
  });

  it('reports a block never closed and a name that is not an identifier, at the tag', () => {
    expect(shown('ok\n{% docs a %}\nno end').problems).toEqual([
      'models/docs.md:2:1 {% docs a %} is never closed — end the block with {% enddocs %}',
    ]);
    expect(shown('{% docs my-doc %}x{% enddocs %}').problems).toEqual([
      "models/docs.md:1:1 'my-doc' is not a valid docs block name — name it with letters, digits and _: {% docs my_name %}",
    ]);
  });
});
