// The outbox: every report is saved in IndexedDB, keyed by its submissionId, before anything is
// sent, and sent (again) until the server answers. The same file runs in the page and in the
// service worker (importScripts), so Background Sync and the page send the same way. A resend is
// safe: the submissionId is the server's idempotency key. Once the server has answered, only the
// status is kept: the report's content and photos are deleted.
(function (scope) {
  'use strict';
  const DatabaseName = 'intake-form';
  const Items = 'outbox';
  const Settings = 'settings';
  const MaxDelayMs = 60 * 60 * 1000;

  function open() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(DatabaseName, 1);
      request.onupgradeneeded = () => {
        const db = request.result;
        db.createObjectStore(Items, { keyPath: 'submissionId' });
        db.createObjectStore(Settings);
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  async function run(storeName, mode, work) {
    const db = await open();
    try {
      return await new Promise((resolve, reject) => {
        const tx = db.transaction(storeName, mode);
        const store = tx.objectStore(storeName);
        let result;
        Promise.resolve(work(store)).then((value) => { result = value; });
        tx.oncomplete = () => resolve(result);
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      });
    } finally {
      db.close();
    }
  }

  const request = (req) => new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

  const api = {
    getSetting: (key) => run(Settings, 'readonly', (s) => request(s.get(key))),
    setSetting: (key, value) => run(Settings, 'readwrite', (s) => { s.put(value, key); }),

    // Saves a report (the JSON object and its photos as Blobs) as waiting. Nothing is sent here.
    save: (report, photos) => run(Items, 'readwrite', (s) => {
      s.put({ submissionId: report.submissionId, status: 'waiting', createdAt: Date.now(), attempts: 0, nextAttemptAt: 0, report, photos });
    }),

    list: () => run(Items, 'readonly', (s) => request(s.getAll())),

    // Removes every report, status, setting (the link's token included) and cached file.
    async clearEverything() {
      await run(Items, 'readwrite', (s) => { s.clear(); });
      await run(Settings, 'readwrite', (s) => { s.clear(); });
      if (scope.caches) {
        for (const name of await caches.keys()) await caches.delete(name);
      }
    },

    // Sends every waiting report whose backoff has passed (every waiting report when forced: on
    // page open, when the browser comes online, on Background Sync); one sender at a time.
    async flush(endpoint, force = false) {
      const work = () => sendDue(endpoint, force);
      if (scope.navigator && navigator.locks) return navigator.locks.request('intake-outbox', work);
      return work();
    },
  };

  async function sendDue(endpoint, force) {
    const token = await api.getSetting('token');
    const due = (await api.list()).filter((item) => item.status === 'waiting' && (force || item.nextAttemptAt <= Date.now()));
    let sent = 0;
    for (const item of due) {
      const outcome = await send(endpoint, token, item);
      // Only onto a report still kept: "clear everything" during the send removed it, and writing
      // the outcome back (a retry keeps the content) would bring the report back on the phone.
      await run(Items, 'readwrite', (s) => {
        const kept = s.get(item.submissionId);
        kept.onsuccess = () => { if (kept.result) s.put(outcome); };
      });
      if (outcome.status === 'sent') sent++;
    }
    return sent;
  }

  // One attempt. Sent or refused: only the status stays. Otherwise the report waits, with a
  // backoff (or the server's Retry-After).
  async function send(endpoint, token, item) {
    const body = new FormData();
    body.append('report', new Blob([JSON.stringify(item.report)], { type: 'application/json' }), 'report.json');
    (item.photos || []).forEach((photo) => body.append('photo', photo.blob, photo.name));
    let response;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        body,
        headers: token ? { Authorization: `Bearer ${token}` } : {},
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
      });
    } catch {
      return retryLater(item, null);
    }

    if (response.ok) {
      return { submissionId: item.submissionId, status: 'sent', createdAt: item.createdAt, doneAt: Date.now() };
    }

    let code = `http-${response.status}`;
    try {
      const problem = await response.json();
      if (problem && typeof problem.code === 'string') code = problem.code;
    } catch { /* not a problem document: the status says enough */ }

    if (response.status === 429 || response.status === 408 || response.status >= 500) {
      return retryLater(item, response.headers.get('Retry-After'), code);
    }

    return { submissionId: item.submissionId, status: 'refused', reason: code, createdAt: item.createdAt, doneAt: Date.now() };
  }

  function retryLater(item, retryAfter, code) {
    const attempts = item.attempts + 1;
    const seconds = Number.parseInt(retryAfter ?? '', 10);
    const backoff = Math.min(MaxDelayMs, 5000 * 2 ** Math.min(attempts, 10)) * (0.5 + Math.random() / 2);
    const delay = Number.isFinite(seconds) ? Math.min(seconds * 1000, 24 * MaxDelayMs) : backoff;
    return { ...item, attempts, nextAttemptAt: Date.now() + delay, lastProblem: code ?? 'offline' };
  }

  scope.IntakeOutbox = api;
})(self);
