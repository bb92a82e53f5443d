/**
 * Venues on a Leaflet map. A venue is a vector circle (no marker images), so it is drawn whether or not
 * the tiles load; a group of venues (a province's figures, or a cluster the API made) is a numbered
 * bubble that zooms in when clicked. The map never holds the edition: its page gives it the few hundred
 * markers of the current view and hears of each move (zoom and bounds) to ask the API for the next ones.
 * When tiles fail the map keeps a plain background and says so.
 */
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useConsoleSettings } from '../queries';
import { wholeText } from '../input';

export interface MapBounds {
  south: number;
  north: number;
  west: number;
  east: number;
}

/** What the map shows now: its zoom level and bounds (what the API's clusters and list take). */
export interface MapView extends MapBounds {
  zoom: number;
}

export interface MapMarker {
  key: string;
  latitude: number;
  longitude: number;
  colour: string;
  /** The tooltip: typed by people (a venue's name), so inserted as text. */
  label: string;
  /** Venues it stands for: more than one is drawn as a numbered bubble. */
  count: number;
  /** A venue: clicking opens it. */
  venueId?: string;
  /** A group: clicking shows these bounds (or zooms in two levels around it). */
  bounds?: MapBounds;
}

const VIETNAM_CENTRE: L.LatLngExpression = [16.2, 106.5];

/**
 * Leaflet puts a string tooltip or popup in as HTML; a venue name is typed by people, so it goes in as
 * a text node inside an element of our own, never parsed (`<img onerror>` in a name stays text).
 */
export function textContent(text: string): HTMLElement {
  const element = document.createElement('span');
  element.textContent = text;
  return element;
}

const toLatLngBounds = (bounds: MapBounds) => L.latLngBounds([bounds.south, bounds.west], [bounds.north, bounds.east]);

/** A bubble's size grows with the log of its count: 28 px for two, about 52 px for 10,000. */
const bubbleSize = (count: number) => Math.round(24 + 7 * Math.log10(count));

export function VenueMap({
  markers,
  fitTo,
  onView,
  onOpen,
}: {
  markers: MapMarker[];
  /** Shown once whenever it changes (a new object): the edition's or a province's venues. */
  fitTo: MapBounds | null;
  onView: (view: MapView) => void;
  onOpen: (id: string) => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);
  const [ready, setReady] = useState(false);
  const [tilesFailed, setTilesFailed] = useState(false);
  const settings = useConsoleSettings();
  // The latest callbacks, without redrawing the markers or re-creating the map when they change.
  const open = useEffectEvent((id: string) => onOpen(id));
  const report = useEffectEvent((view: MapView) => onView(view));

  useEffect(() => {
    if (!container.current || !settings.data) return;
    const created = L.map(container.current, { center: VIETNAM_CENTRE, zoom: 5, minZoom: 4, maxZoom: 16, zoomAnimation: false });
    let failures = 0;
    L.tileLayer(settings.data.mapTileUrl, { attribution: settings.data.mapTileAttribution, maxZoom: 18 })
      .on('tileerror', () => {
        failures += 1;
        if (failures >= 2) setTilesFailed(true);
      })
      .on('tileload', () => setTilesFailed(false))
      .addTo(created);
    created.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    layer.current = L.layerGroup().addTo(created);
    let removed = false;
    const tell = () => {
      // Leaflet can still end a move while the page leaves (a tap on a list row mid-zoom): a removed map
      // has no panes left to measure.
      if (removed) return;
      const bounds = created.getBounds();
      report({ zoom: created.getZoom(), south: bounds.getSouth(), north: bounds.getNorth(), west: bounds.getWest(), east: bounds.getEast() });
    };
    created.on('moveend', tell);
    map.current = created;
    setReady(true);
    tell();
    return () => {
      removed = true;
      created.off('moveend', tell);
      layer.current?.clearLayers();
      created.remove();
      map.current = null;
      layer.current = null;
      setReady(false);
    };
  }, [settings.data]);

  useEffect(() => {
    if (ready && fitTo && map.current) map.current.fitBounds(toLatLngBounds(fitTo), { padding: [48, 48], maxZoom: 9, animate: false });
  }, [fitTo, ready]);

  useEffect(() => {
    const group = layer.current;
    const shown = map.current;
    if (!group || !shown) return;
    group.clearLayers();
    for (const marker of markers) {
      const where: L.LatLngExpression = [marker.latitude, marker.longitude];
      const drawn =
        marker.count > 1
          ? L.marker(where, {
              icon: L.divIcon({
                className: 'map-bubble',
                // Only a number formatted here goes in as HTML; the label is a text node (below).
                html: `<span>${wholeText(marker.count)}</span>`,
                iconSize: [bubbleSize(marker.count), bubbleSize(marker.count)],
              }),
              title: marker.label,
              alt: marker.label,
              keyboard: true,
            })
          : L.circleMarker(where, { radius: 8, color: '#1f2937', weight: 1, fillColor: marker.colour, fillOpacity: 0.9 });
      drawn
        .bindTooltip(textContent(marker.label))
        .on('click', () => {
          if (marker.venueId) open(marker.venueId);
          else if (marker.bounds) shown.fitBounds(toLatLngBounds(marker.bounds), { padding: [32, 32], maxZoom: 14, animate: false });
          else shown.setView(where, Math.min(shown.getZoom() + 2, 16), { animate: false });
        })
        .addTo(group);
    }
  }, [markers, ready]);

  return (
    <div className="map-wrap">
      <div ref={container} className="map" data-testid="venue-map" role="region" aria-label="Bản đồ các điểm tổ chức" />
      {tilesFailed && (
        <div className="map-notice" role="status">
          Không tải được nền bản đồ; các điểm vẫn hiển thị trên nền trơn và trong danh sách bên cạnh.
        </div>
      )}
      {settings.isError && <div className="map-notice">Không tải được cấu hình bản đồ.</div>}
    </div>
  );
}
