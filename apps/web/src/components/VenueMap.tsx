/**
 * Venues on a Leaflet map. Markers are vector circles (no marker images), so they are drawn whether or
 * not the tiles load; when tiles fail the map keeps a plain background and says so.
 */
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useQuery } from '@tanstack/react-query';
import { client, data } from '../api/client';

export interface MapPoint {
  id: string;
  name: string;
  latitude: number;
  longitude: number;
  colour: string;
  label: string;
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

export function VenueMap({ points, onOpen }: { points: MapPoint[]; onOpen: (id: string) => void }) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const markers = useRef<L.LayerGroup | null>(null);
  const [tilesFailed, setTilesFailed] = useState(false);
  const settings = useQuery({ queryKey: ['console-settings'], queryFn: () => data(client.GET('/api/console-settings')), staleTime: Infinity });
  // A marker's click opens the venue with the latest onOpen, without redrawing the markers when it changes.
  const open = useEffectEvent((id: string) => onOpen(id));

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
    markers.current = L.layerGroup().addTo(created);
    map.current = created;
    return () => {
      created.remove();
      map.current = null;
    };
  }, [settings.data]);

  useEffect(() => {
    const group = markers.current;
    if (!group || !map.current) return;
    group.clearLayers();
    for (const point of points) {
      L.circleMarker([point.latitude, point.longitude], { radius: 8, color: '#1f2937', weight: 1, fillColor: point.colour, fillOpacity: 0.9 })
        .bindTooltip(textContent(`${point.name} — ${point.label}`))
        .on('click', () => open(point.id))
        .addTo(group);
    }
    if (points.length > 0)
      map.current.fitBounds(L.latLngBounds(points.map((point) => [point.latitude, point.longitude])), { padding: [48, 48], maxZoom: 9, animate: false });
  }, [points, settings.data]);

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
