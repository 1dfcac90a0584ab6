// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SafeMarkdown, safeHref } from '../../src/renderer/src/features/notes/SafeMarkdown';

afterEach(cleanup);

// A corpus of classic XSS vectors, as markdown and as raw HTML pasted into a note.
const corpus = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned=1">',
  '<svg onload="window.__pwned=1"></svg>',
  '<iframe src="javascript:window.__pwned=1"></iframe>',
  '<a href="javascript:window.__pwned=1">click</a>',
  '[click](javascript:window.__pwned=1)',
  '[click](JaVaScRiPt:window.__pwned=1)',
  '[click](  javascript:window.__pwned=1)',
  '[click](java\u0000script:alert(1))',
  '[click](&#106;avascript:alert(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[click](vbscript:msgbox(1))',
  '[click](file:///etc/passwd)',
  '![x](javascript:alert(1))',
  '![tracker](https://evil.example/pixel.png)',
  '<object data="x"></object><embed src="x">',
  '<style>body{display:none}</style>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '[ref]\n\n[ref]: javascript:alert(1)',
  '<details open ontoggle="window.__pwned=1">',
  '<form action="https://evil.example"><button>go</button></form>',
  '`<script>alert(1)</script>` and\n\n```html\n<script>alert(1)</script>\n```',
  '<https://ok.example/path> and <javascript:alert(1)>',
  '\u202Eevil.exe\u202C [link](https://example.com/\u202Efdp.exe)',
];

describe('markdown in notes renders inert', () => {
  it.each(corpus)('renders nothing executable for %j', (text) => {
    const { container } = render(<SafeMarkdown text={text} />);
    expect(container.querySelector('script, iframe, object, embed, style, svg, img, form, details, input')).toBeNull();
    for (const el of Array.from(container.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) {
        expect(attr.name.startsWith('on'), `${el.tagName} ${attr.name}`).toBe(false);
        expect(attr.name, el.tagName).not.toBe('style');
        expect(attr.value.toLowerCase()).not.toMatch(/^\s*(javascript|data|vbscript|file):/);
      }
    }
    for (const a of Array.from(container.querySelectorAll('a'))) {
      expect(new URL(a.getAttribute('href')!).protocol).toMatch(/^https?:$/);
      expect(a.getAttribute('target')).toBe('_blank');
      expect(a.getAttribute('rel')).toContain('noreferrer');
    }
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('keeps the text of a javascript: link but not as a link, and shows code blocks as code', () => {
    const { container } = render(
      <SafeMarkdown text={'[click me](javascript:alert(1)) and `rm -rf` and [ok](https://example.com/a)'} />,
    );
    expect(container.textContent).toContain('click me');
    const links = Array.from(container.querySelectorAll('a'));
    expect(links.map((a) => a.textContent)).toEqual(['ok']);
    expect(container.querySelector('code')?.textContent).toBe('rm -rf');
  });

  it('shows pasted HTML as nothing runnable while keeping ordinary markdown', () => {
    const { container } = render(<SafeMarkdown text={'**bold** <b onclick="x()">b</b>\n\n- item'} />);
    expect(container.querySelector('strong')?.textContent).toBe('bold');
    expect(container.querySelector('b')).toBeNull();
    expect(container.querySelector('li')?.textContent).toBe('item');
  });

  it('accepts only absolute http(s) URLs', () => {
    expect(safeHref('https://example.com/x')).toBe('https://example.com/x');
    expect(safeHref('http://example.com')).toBe('http://example.com/');
    for (const bad of [
      'javascript:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,x',
      '/relative',
      'mailto:a@b',
      '',
      null,
    ]) {
      expect(safeHref(bad), String(bad)).toBeNull();
    }
  });
});
