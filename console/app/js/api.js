// Every call the console makes goes through here: the admin token from this tab's session
// storage (or an Entra ID access token from MSAL, whose cache is in session storage too), JSON in and out, and problem details turned into an error that carries their title
// and detail for the page to show.
const TokenKey = 'intake.token';
import { entraToken } from './entra.js';

const Base = new URL('../', document.baseURI); // the console lives at <api>/console/

export const token = {
  get: () => sessionStorage.getItem(TokenKey),
  set: (value) => sessionStorage.setItem(TokenKey, value),
  clear: () => sessionStorage.removeItem(TokenKey),
};

// The Authorization header's value: the admin token when one was pasted, else Entra ID's.
async function bearer() {
  let value = token.get();
  try {
    value ??= await entraToken();
  } catch (error) {
    throw new ProblemError(401, { title: 'Sign in again', detail: error.message || String(error) });
  }
  return value ? `Bearer ${value}` : null;
}

export class ProblemError extends Error {
  constructor(status, problem) {
    super(problem.title || `HTTP ${status}`);
    this.status = status;
    this.title = problem.title || `HTTP ${status}`;
    this.detail = problem.detail || '';
    this.code = problem.code || '';
    this.errors = Array.isArray(problem.errors) ? problem.errors : []; // the fields at fault, each with its detail
  }
}

// The bytes of a file route (an attachment), as a Blob with its media type; problems as for call().
export async function bytes(path) {
  const headers = { Accept: '*/*' };
  const authorization = await bearer();
  if (authorization) headers.Authorization = authorization;
  let response;
  try {
    response = await fetch(new URL(path, Base), { headers });
  } catch {
    throw new ProblemError(0, { title: 'The service did not answer', detail: 'Check the network and try again.' });
  }
  if (!response.ok) throw new ProblemError(response.status, (response.headers.get('Content-Type') || '').includes('json') ? await response.json() : {});
  return response.blob();
}

export async function call(method, path, body) {
  const headers = { Accept: 'application/json, application/problem+json' };
  const authorization = await bearer();
  if (authorization) headers.Authorization = authorization;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(new URL(path, Base), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ProblemError(0, { title: 'The service did not answer', detail: 'Check the network and try again.' });
  }
  const type = response.headers.get('Content-Type') || '';
  const payload = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) throw new ProblemError(response.status, typeof payload === 'object' ? payload : {});
  return payload;
}

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, body ?? {});
export const remove = (path) => call('DELETE', path);
