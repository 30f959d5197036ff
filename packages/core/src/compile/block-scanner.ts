import { TsmodelError, lineColumnAt, lineOf } from '../diagnostics';

/** One `{% <kind> name %}…{% end<kind> %}` block of a file. */
export interface TopLevelBlock {
  name: string;
  /** The text between the tags, with the tags' whitespace control (`-%}`, `{%-`) applied. */
  body: string;
  /** 1-based line of the opening tag, for messages. */
  line: number;
  /** 1-based line the body starts on, so a body's own line numbers map back to the file. */
  bodyLine: number;
}

/**
 * Finds dbt's top-level blocks of one kind — `{% docs %}` in .md files, `{% snapshot %}` in
 * snapshot files — without a template engine: dbt also extracts these blocks before rendering
 * anything, and the text outside them is ignored. A block never closed, or a name that is not
 * an identifier, is an error naming the file and line.
 */
export function scanBlocks(
  text: string,
  kind: 'docs' | 'snapshot',
  file: string,
): { blocks: TopLevelBlock[]; problems: TsmodelError[] } {
  const blocks: TopLevelBlock[] = [];
  const problems: TsmodelError[] = [];
  const open = new RegExp(`\\{%(-?)\\s*${kind}\\b([^%]*?)(-?)%\\}`, 'g');
  const close = new RegExp(`\\{%(-?)\\s*end${kind}\\s*(-?)%\\}`, 'g');
  const fail = (offset: number, message: string, hint: string) => {
    const { line, column } = lineColumnAt(text, offset);
    problems.push(
      new TsmodelError({
        code: `invalid-${kind}-block`,
        message,
        location: { file, line, column },
        excerpt: lineOf(text, line),
        hint,
      }),
    );
  };
  let m: RegExpExecArray | null;
  while ((m = open.exec(text)) !== null) {
    const line = lineColumnAt(text, m.index).line;
    const name = m[2]!.trim();
    close.lastIndex = open.lastIndex;
    const end = close.exec(text);
    if (!end) {
      fail(m.index, `{% ${kind} ${name} %} is never closed`, `end the block with {% end${kind} %}`);
      break;
    }
    open.lastIndex = close.lastIndex;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      fail(
        m.index,
        `'${name}' is not a valid ${kind} block name`,
        `name it with letters, digits and _: {% ${kind} my_name %}`,
      );
      continue;
    }
    let bodyStart = m.index + m[0].length;
    let body = text.slice(bodyStart, end.index);
    if (m[3] === '-') {
      const trimmed = body.replace(/^\s+/, '');
      bodyStart += body.length - trimmed.length;
      body = trimmed;
    }
    if (end[1] === '-') body = body.replace(/\s+$/, '');
    blocks.push({ name, body, line, bodyLine: lineColumnAt(text, bodyStart).line });
  }
  return { blocks, problems };
}
