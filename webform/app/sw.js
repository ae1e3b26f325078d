// The form's service worker: keeps the form (its files, the report schema, the translations)
// so that it opens with no signal, and sends waiting reports on Background Sync. Never caches
// an API answer that carries data, and never talks to any other origin.
importScripts('outbox.js');

const Cache = 'intake-form-v1';
const Scope = new URL(self.registration.scope);
const Files = ['./', 'form.css', 'form.js', 'outbox.js', 'map.js', 'manifest.webmanifest', 'icon.svg',
  'i18n/en.json', 'i18n/fr.json', 'i18n/ar.json', '../../schema/report'];
const Endpoint = new URL('../../campaign/reports', Scope).href;
const Kept = new Set(Files.map((file) => new URL(file, Scope).href));

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(Cache).then((cache) => cache.addAll(Files)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name !== Cache) await caches.delete(name);
    await self.clients.claim();
  })());
});

// The network first (the newest form when there is signal), the cache when there is none.
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  const key = url.origin + url.pathname;
  if (event.request.method !== 'GET' || url.origin !== Scope.origin || !(Kept.has(key) || key.startsWith(Scope.href + 'vendor/'))) return;
  event.respondWith((async () => {
    const cache = await caches.open(Cache);
    try {
      const response = await fetch(event.request);
      if (response.ok) await cache.put(key, response.clone());
      return response;
    } catch (error) {
      const cached = await cache.match(key);
      if (cached) return cached;
      throw error;
    }
  })());
});

self.addEventListener('sync', (event) => {
  if (event.tag === 'outbox') event.waitUntil(self.IntakeOutbox.flush(Endpoint, true).then(notify));
});

self.addEventListener('message', (event) => {
  if (event.data === 'flush') event.waitUntil(self.IntakeOutbox.flush(Endpoint, true).then(notify));
});

async function notify() {
  for (const client of await self.clients.matchAll()) client.postMessage('outbox-changed');
}
