// The host's settings for this console (GET settings.json, anonymous): Entra ID sign-in and the
// map's tile layer, each null when not configured. Read once at start, before the sign-in shows.
export const settings = { entra: null, tileLayer: null };

export async function loadSettings() {
  try {
    const response = await fetch('settings.json', { headers: { Accept: 'application/json' } });
    if (response.ok) Object.assign(settings, await response.json());
  } catch {
    // No settings: the admin token form and the outline map still work.
  }
  return settings;
}
