import { render } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { blocksOf, Markdown } from './Markdown';

describe('consent texts as Markdown', () => {
  it('become headings, paragraphs and lists', () => {
    expect(blocksOf('## Title\n\nOne line\nwrapped.\n\n- a\n- b')).toEqual([
      { kind: 'heading', text: 'Title' },
      { kind: 'paragraph', text: 'One line wrapped.' },
      { kind: 'list', items: ['a', 'b'] },
    ]);
  });

  it('never become markup: a tag in a text is shown as text', () => {
    const { container } = render(<Markdown text={'## Hi\n\n<img src=x onerror=alert(1)> **bold**'} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('strong')?.textContent).toBe('bold');
    expect(container.textContent).toContain('<img src=x onerror=alert(1)>');
  });
});
