// Keeps BaRS Beta Tracker working offline once it has loaded.
//
// Network first, so a new release is picked up whenever the network is
// there; every same-origin GET that succeeds refreshes the cache, and the
// cache answers when the network does not. Pages differ only by their query
// string (?deployment=…), so any page falls back to the cached app page.
const CACHE = 'bars-beta-tracker-v1';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      try {
        const response = await fetch(request);
        if (response.ok) await cache.put(request, response.clone());
        return response;
      } catch (offline) {
        const cached = await cache.match(request, { ignoreSearch: request.mode === 'navigate' });
        if (cached) return cached;
        throw offline;
      }
    })(),
  );
});
