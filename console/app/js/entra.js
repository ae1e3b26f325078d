// Entra ID sign-in with MSAL.js (from npm, served by the host like Leaflet; never a CDN), only
// when the host's settings name the console's app registration. Authorization code with PKCE by a
// top-level redirect; MSAL keeps its cache in this tab's session storage, like the admin token.
let client = null;
let scopes = [];

function load(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`Could not load ${src}`));
    document.head.append(script);
  });
}

// Starts MSAL when settings.entra is set and takes in an answer the authority redirected back with.
// Returns whether Entra sign-in is offered. The library (300 kB) is loaded only then.
export async function startEntra(settings) {
  if (!settings?.entra) return false;
  await load('vendor/msal-browser.min.js');
  const authority = new URL(settings.entra.authority);
  scopes = settings.entra.scopes;
  client = new msal.PublicClientApplication({
    auth: {
      clientId: settings.entra.clientId,
      authority: settings.entra.authority,
      // Any authority other than Entra's public cloud is trusted as configured, so MSAL does not ask
      // login.microsoftonline.com to discover it (which the content security policy would refuse anyway).
      knownAuthorities: authority.host === 'login.microsoftonline.com' ? [] : [authority.host],
      redirectUri: new URL('./', document.baseURI).href,
    },
    cache: { cacheLocation: 'sessionStorage' },
  });
  await client.initialize();
  const result = await client.handleRedirectPromise({ navigateToLoginRequestUrl: false }); // the console is one page
  if (result?.account) client.setActiveAccount(result.account);
  else if (!client.getActiveAccount() && client.getAllAccounts().length > 0) client.setActiveAccount(client.getAllAccounts()[0]);
  return true;
}

export const entraAccount = () => client?.getActiveAccount() ?? null;

export function signInWithEntra() {
  return client.loginRedirect({ scopes });
}

// An access token for the API: from MSAL's cache, renewed silently; a redirect when it needs the user.
export async function entraToken() {
  const account = entraAccount();
  if (!account) return null;
  try {
    return (await client.acquireTokenSilent({ scopes, account })).accessToken;
  } catch (error) {
    if (error instanceof msal.InteractionRequiredAuthError) {
      await client.acquireTokenRedirect({ scopes, account });
    }
    throw error;
  }
}

export async function signOutOfEntra() {
  // Forgets this tab's tokens only: signing out of Microsoft everywhere is the user's choice, not the console's.
  if (client) await client.clearCache();
}
