// A simple map to pick where it happened: the country outlines shipped with the form (world-atlas,
// 1:110m), drawn as SVG, no tiles, nothing from another server. Loaded only when asked for.
// Tap or click to centre and zoom in; arrow keys pan, + and - zoom, Enter picks the centre.
const Svg = 'http://www.w3.org/2000/svg';
const KmPerDegree = 111.32;
let world;

async function loadOutlines() {
  if (world) return world;
  await new Promise((resolve, reject) => {
    const script = Object.assign(document.createElement('script'), { src: 'vendor/topojson-client.min.js', onload: resolve, onerror: reject });
    document.head.append(script);
  });
  const topology = await (await fetch('vendor/countries-110m.json')).json();
  world = self.topojson.feature(topology, topology.objects.countries);
  return world;
}

function pathOf(geometry) {
  const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.type === 'MultiPolygon' ? geometry.coordinates.flat() : [];
  return rings.map((ring) => 'M' + ring.map(([lon, lat]) => `${lon.toFixed(2)},${(-lat).toFixed(2)}`).join('L') + 'Z').join('');
}

// bounds: [west, south, east, north] of the campaign's regions (from the server's gazetteer); the map opens on them.
export async function open(container, t, onPick, bounds) {
  if (container.dataset.ready) return;
  const features = (await loadOutlines()).features;
  const view = { lon: 0, lat: 10, width: 360 };
  if (Array.isArray(bounds) && bounds.length === 4) {
    const [west, south, east, north] = bounds;
    view.lon = (west + east) / 2;
    view.lat = (south + north) / 2;
    view.width = Math.min(360, Math.max(2, Math.max(east - west, (north - south) * 2) * 1.3));
  }
  const svg = document.createElementNS(Svg, 'svg');
  svg.setAttribute('role', 'application');
  svg.setAttribute('tabindex', '0');
  svg.setAttribute('aria-label', t('map.label'));
  svg.setAttribute('aria-describedby', 'map-help');
  const land = document.createElementNS(Svg, 'path');
  land.setAttribute('class', 'land');
  land.setAttribute('d', features.map((f) => pathOf(f.geometry)).join(''));
  const marker = document.createElementNS(Svg, 'circle');
  marker.setAttribute('class', 'marker');
  svg.append(land, marker);
  const help = Object.assign(document.createElement('p'), { id: 'map-help', className: 'hint', textContent: t('map.help') });
  const zoomOut = Object.assign(document.createElement('button'), { type: 'button', textContent: t('map.zoomOut') });
  const pickCentre = Object.assign(document.createElement('button'), { type: 'button', textContent: t('map.pick') });
  const bar = Object.assign(document.createElement('div'), { className: 'buttons' });
  bar.append(pickCentre, zoomOut);
  container.replaceChildren(svg, help, bar);
  container.dataset.ready = 'true';

  const draw = () => {
    const height = view.width / 2;
    svg.setAttribute('viewBox', `${view.lon - view.width / 2} ${-view.lat - height / 2} ${view.width} ${height}`);
    marker.setAttribute('cx', view.lon);
    marker.setAttribute('cy', -view.lat);
    marker.setAttribute('r', view.width / 80);
    land.setAttribute('stroke-width', view.width / 600);
  };
  const pick = () => onPick({
    latitude: Math.round(view.lat * 1e5) / 1e5,
    longitude: Math.round(view.lon * 1e5) / 1e5,
    // A twentieth of what the map shows: the closer the zoom, the more precise the point.
    accuracyMeters: Math.round((view.width * KmPerDegree * 1000) / 20),
  });
  const zoom = (factor) => { view.width = Math.min(360, Math.max(0.5, view.width * factor)); draw(); };

  svg.addEventListener('click', (event) => {
    const matrix = svg.getScreenCTM().inverse();
    const at = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix);
    view.lon = Math.max(-180, Math.min(180, at.x));
    view.lat = Math.max(-90, Math.min(90, -at.y));
    zoom(1 / 3);
    pick();
  });
  svg.addEventListener('keydown', (event) => {
    const step = view.width / 10;
    const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    if (moves[event.key]) {
      view.lon = Math.max(-180, Math.min(180, view.lon + moves[event.key][0]));
      view.lat = Math.max(-90, Math.min(90, view.lat + moves[event.key][1]));
      draw();
    } else if (event.key === '+' || event.key === '=') zoom(1 / 2);
    else if (event.key === '-') zoom(2);
    else if (event.key === 'Enter' || event.key === ' ') pick();
    else return;
    event.preventDefault();
  });
  zoomOut.addEventListener('click', () => zoom(3));
  pickCentre.addEventListener('click', pick);
  draw();
}
