// The consent texts are short Markdown files (headings, paragraphs, lists, emphasis). They are
// rendered as elements, never as HTML strings: nothing in a text can become markup or script.

type Block = { kind: 'heading'; text: string } | { kind: 'paragraph'; text: string } | { kind: 'list'; items: string[] };

/** The blocks of a Markdown text: `#` headings, `-`/`*` lists, paragraphs split by blank lines. */
export function blocksOf(markdown: string): Block[] {
  const out: Block[] = [];
  for (const chunk of markdown.replace(/\r\n/g, '\n').split(/\n\s*\n/)) {
    const lines = chunk.split('\n').map((l) => l.trim()).filter(Boolean);
    if (!lines.length) continue;
    if (lines.every((l) => /^[-*]\s+/.test(l))) {
      out.push({ kind: 'list', items: lines.map((l) => l.replace(/^[-*]\s+/, '')) });
      continue;
    }
    const heading = /^#{1,6}\s+(.*)$/.exec(lines[0]);
    if (heading) {
      out.push({ kind: 'heading', text: heading[1] });
      if (lines.length > 1) out.push({ kind: 'paragraph', text: lines.slice(1).join(' ') });
      continue;
    }
    out.push({ kind: 'paragraph', text: lines.join(' ') });
  }
  return out;
}

/** `**bold**` as <strong>, the rest as text. */
function Inline({ text }: { text: string }) {
  const parts = text.split(/(\*\*[^*]+\*\*)/g).filter(Boolean);
  return <>{parts.map((p, i) => (p.startsWith('**') && p.endsWith('**') ? <strong key={i}>{p.slice(2, -2)}</strong> : p))}</>;
}

/** A Markdown text with its headings at `level` (the page's own h1/h2 come first). */
export function Markdown({ text, level = 3, headingId }: { text: string; level?: 2 | 3; headingId?: string }) {
  const H = level === 2 ? 'h2' : 'h3';
  let first = true;
  return (
    <>
      {blocksOf(text).map((b, i) => {
        if (b.kind === 'heading') {
          const id = first ? headingId : undefined;
          first = false;
          return <H key={i} id={id}>{b.text}</H>;
        }
        if (b.kind === 'list') return <ul key={i}>{b.items.map((it, j) => <li key={j}><Inline text={it} /></li>)}</ul>;
        return <p key={i}><Inline text={b.text} /></p>;
      })}
    </>
  );
}
