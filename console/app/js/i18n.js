// One small JSON dictionary per language (i18n/<lang>.json); Arabic turns the page right to left.
const Languages = { en: 'ltr', fr: 'ltr', ar: 'rtl' };
const LanguageKey = 'intake.language';
let words = {};
let current = 'en';

export const language = () => current;

export function preferredLanguage() {
  const stored = localStorage.getItem(LanguageKey);
  if (stored in Languages) return stored;
  const browser = (navigator.language || 'en').slice(0, 2);
  return browser in Languages ? browser : 'en';
}

export async function useLanguage(lang) {
  current = lang in Languages ? lang : 'en';
  const response = await fetch(`i18n/${current}.json`);
  words = await response.json();
  localStorage.setItem(LanguageKey, current);
  document.documentElement.lang = current;
  document.documentElement.dir = Languages[current];
  translate(document);
}

// t('queues.moved', { count: 3 }) -> the entry with {count} filled in; the key itself when missing.
// With a numeric {count}, the entry for its plural category (key.one, key.few…) wins when the dictionary has one.
export function t(key, values = {}) {
  const plural = typeof values.count === 'number' ? words[`${key}.${new Intl.PluralRules(current).select(values.count)}`] : undefined;
  const text = plural ?? words[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in values ? format(values[name]) : `{${name}}`));
}

export function translate(root) {
  for (const element of root.querySelectorAll('[data-i18n]')) element.textContent = t(element.dataset.i18n);
  for (const element of root.querySelectorAll('[data-i18n-label]')) element.setAttribute('aria-label', t(element.dataset.i18nLabel));
}

export function format(value) {
  if (typeof value === 'number') return new Intl.NumberFormat(current).format(value);
  // An ISO day inside right-to-left text would be reordered by the bidi algorithm (01-12-2026): isolate it.
  if (Languages[current] === 'rtl' && /^\d{4}-\d{2}-\d{2}$/.test(String(value))) return `\u2066${value}\u2069`;
  return String(value);
}

export function formatTime(iso) {
  return iso ? new Intl.DateTimeFormat(current, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso)) + ' UTC' : '';
}
