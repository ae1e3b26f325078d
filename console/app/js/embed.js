// The HTML digest embedded as subscribers see it. It is e-mail HTML (inline style attributes),
// which the console's Content-Security-Policy (style-src 'self') refuses, and an <iframe>
// cannot send the bearer token. So the page fetches it, renames each tag's style attribute
// before parsing (Chromium checks the policy, and complains, as it parses a style attribute, even
// in an inert DOMParser document), drops anything active, applies each style through the
// element's CSSOM style (script setting a style, which the policy allows) and shows the result in
// a shadow root, where its styles and the console's stay apart.
const Active = 'script, iframe, frame, object, embed, link, meta, base, form, style, template';

const Renamed = 'data-inline-style';

export function embedDigest(html, label) {
  // Only inside tags: text never holds a raw '<' (the server escapes it).
  const quiet = html.replace(/<[^>]+>/g, (tag) => tag.replace(/\sstyle\s*=/gi, ` ${Renamed}=`));
  const parsed = new DOMParser().parseFromString(quiet, 'text/html');
  for (const element of parsed.querySelectorAll(Active)) element.remove();
  const styled = [];
  for (const element of parsed.body.querySelectorAll('*')) {
    for (const attribute of [...element.attributes]) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value.trim().toLowerCase();
      if (name.startsWith('on') || ((name === 'href' || name === 'src') && value.startsWith('javascript:'))) element.removeAttribute(attribute.name);
    }

    if (element.hasAttribute(Renamed)) {
      styled.push([element, element.getAttribute(Renamed)]);
      element.removeAttribute(Renamed);
    }
  }

  const bodyStyle = parsed.body.getAttribute(Renamed) ?? '';
  const host = document.createElement('div');
  host.className = 'digest-embed';
  host.setAttribute('role', 'region');
  host.setAttribute('aria-label', label);
  host.tabIndex = 0; // it scrolls sideways on a narrow screen: reachable by keyboard
  const root = host.attachShadow({ mode: 'open' });
  const page = document.createElement('div');
  page.lang = parsed.documentElement.lang || 'en';
  page.dir = 'ltr'; // the digest is written left to right, even inside the Arabic console
  page.style.cssText = bodyStyle;
  page.append(...parsed.body.childNodes); // adopted into this document: the same elements, so the list above still points at them
  for (const [element, css] of styled) element.style.cssText = css;
  root.append(page);
  return host;
}
