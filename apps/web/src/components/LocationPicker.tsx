/**
 * A venue's location picked on a map (issue 18): a click on the map sets the latitude and longitude
 * fields (5 decimals, about a metre); typing in the fields moves the marker. The fields stay the way to
 * enter it by keyboard; the map is the quicker way on a phone. Tiles as on the overview (`MAP_TILE_URL`);
 * without them the map still takes clicks on its plain background.
 */
import { useEffect, useEffectEvent, useRef } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useConsoleSettings } from '../queries';

const VIETNAM_CENTRE: L.LatLngExpression = [16.2, 106.5];
const round = (value: number) => Math.round(value * 1e5) / 1e5;

/** A number typed the Vietnamese way (`22,3964`) or the other (`22.3964`); null when it is not one. */
function coordinate(text: string): number | null {
  const value = Number(text.trim().replace(',', '.'));
  return text.trim() !== '' && Number.isFinite(value) ? value : null;
}

export function LocationPicker({
  latitude,
  longitude,
  onPick,
}: {
  latitude: string;
  longitude: string;
  onPick: (latitude: number, longitude: number) => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const marker = useRef<L.CircleMarker | null>(null);
  const settings = useConsoleSettings();
  const pick = useEffectEvent((at: L.LatLng) => onPick(round(at.lat), round(at.lng)));
  const lat = coordinate(latitude);
  const lng = coordinate(longitude);
  const placed = lat !== null && lng !== null && Math.abs(lat) <= 90 && Math.abs(lng) <= 180;
  const initial = useRef({ placed, lat, lng });

  useEffect(() => {
    if (!container.current || !settings.data) return;
    const start = initial.current;
    const created = L.map(container.current, {
      center: start.placed ? [start.lat!, start.lng!] : VIETNAM_CENTRE,
      zoom: start.placed ? 12 : 5,
      minZoom: 4,
      maxZoom: 18,
      zoomAnimation: false,
    });
    L.tileLayer(settings.data.mapTileUrl, { attribution: settings.data.mapTileAttribution, maxZoom: 18 }).addTo(created);
    created.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    created.on('click', (event: L.LeafletMouseEvent) => pick(event.latlng));
    map.current = created;
    return () => {
      created.remove();
      map.current = null;
      marker.current = null;
    };
  }, [settings.data]);

  useEffect(() => {
    const shown = map.current;
    if (!shown) return;
    if (!placed) {
      marker.current?.remove();
      marker.current = null;
      return;
    }
    if (marker.current) marker.current.setLatLng([lat, lng]);
    else marker.current = L.circleMarker([lat, lng], { radius: 9, color: '#1f2937', weight: 2, fillColor: '#dc2626', fillOpacity: 0.9 }).addTo(shown);
    if (!shown.getBounds().contains([lat, lng])) shown.panTo([lat, lng], { animate: false });
  }, [placed, lat, lng, settings.data]);

  return (
    <div className="location-picker">
      <div ref={container} className="map picker-map" data-testid="location-picker" role="region" aria-label="Bản đồ chọn vị trí điểm tổ chức" />
      <small className="muted">Bấm vào bản đồ để đặt vĩ độ, kinh độ; hoặc gõ vào hai ô trên.</small>
    </div>
  );
}
