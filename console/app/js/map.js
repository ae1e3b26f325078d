// The incident map: country outlines drawn from Natural Earth (world-atlas, shipped with the
// console: there are no tiles on an air-gapped network), points coloured by category and sized by severity.
import { t } from './i18n.js';
import { settings } from './settings.js';

const Palette = ['#c0392b', '#8e44ad', '#d35400', '#2c3e50', '#16a085', '#e67e22', '#2980b9', '#7f8c8d', '#b7950b', '#1e8449', '#5d6d7e'];
const Categories = ['killing', 'sexual-violence', 'abduction-disappearance', 'torture-ill-treatment', 'arbitrary-detention',
  'attack-on-civilians', 'forced-displacement', 'destruction-of-property', 'hate-speech-incitement', 'attack-on-humanitarian-personnel', 'other'];
let outlines = null;

export const colourOf = (category) => Palette[Math.max(0, Categories.indexOf(category)) % Palette.length];
export const radiusOf = (severity) => 3 + 2 * Math.max(1, Math.min(5, severity || 1));

async function countries() {
  outlines ??= fetch('vendor/countries-50m.json').then((r) => r.json()).then((world) => topojson.feature(world, world.objects.countries));
  return outlines;
}

export async function drawMap(element, incidents) {
  const world = await countries();
  // The view is set before any layer is added, so that every layer is projected as it is added.
  const map = L.map(element, {
    worldCopyJump: true, zoomSnap: 0.5,
    // No animations: a page that redraws its map (a filter changed) must not leave one running on a removed map.
    zoomAnimation: false, fadeAnimation: false, markerZoomAnimation: false,
  }).setView([10, 20], 2);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution('Natural Earth');
  const tiles = settings.tileLayer;
  if (tiles) {
    // Configured by the host (Intake:Console:TileLayerUrl); the policy allows images from its origin only.
    // Leaflet writes attributions as HTML: the configured text goes in as text.
    const text = document.createElement('span');
    text.textContent = tiles.attribution;
    L.tileLayer(tiles.url, { attribution: text.innerHTML, maxZoom: 19, className: 'tiles' }).addTo(map);
  }
  L.geoJSON(world, {
    // Over tiles only the borders are drawn; without them the outlines are the map.
    style: { color: '#8a96a3', weight: 0.7, fillColor: '#eef1f4', fillOpacity: tiles ? 0 : 1 },
    interactive: false,
  }).addTo(map);
  const points = incidents.filter((i) => i.latitude !== null && i.longitude !== null);
  for (const incident of points) {
    L.circleMarker([incident.latitude, incident.longitude], {
      radius: radiusOf(incident.severity),
      color: '#1b2631',
      weight: 1,
      fillColor: colourOf(incident.category),
      fillOpacity: 0.85,
    }).bindTooltip(`${t(`category.${incident.category}`)} · ${t('severity')} ${incident.severity} · ${incident.areaName ?? incident.areaCode ?? ''} · ${incident.occurredOn}`)
      .addTo(map);
  }

  if (points.length > 0) {
    map.fitBounds(L.latLngBounds(points.map((p) => [p.latitude, p.longitude])).pad(0.6), { maxZoom: 7 });
  }

  return () => map.remove();
}

export function legend(categories) {
  const list = document.createElement('ul');
  list.className = 'legend';
  for (const category of categories) {
    const item = document.createElement('li');
    const swatch = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    swatch.setAttribute('width', '14');
    swatch.setAttribute('height', '14');
    swatch.setAttribute('aria-hidden', 'true');
    const dot = document.createElementNS('http://www.w3.org/2000/svg', 'circle');
    dot.setAttribute('cx', '7');
    dot.setAttribute('cy', '7');
    dot.setAttribute('r', '6');
    dot.setAttribute('fill', colourOf(category));
    swatch.append(dot);
    item.append(swatch, ` ${t(`category.${category}`)}`);
    list.append(item);
  }
  return list;
}
