/**
 * Reading a pass's QR code with the phone's camera, in the browser. Where the browser has the Shape
 * Detection API's BarcodeDetector with QR codes (Chrome on Android and macOS) it reads the video
 * itself; elsewhere (Chromium on Linux and Windows, Firefox, Safari) each frame is drawn to a canvas
 * and read by jsQR. Either way what is read goes the typed code's way (the door's check-in, queued when
 * offline): the QR carries the code as typed, nothing else.
 */
import jsQR from 'jsqr';

/** A frame's pixels (an ImageData, or what a test builds): RGBA, row by row. */
export interface Pixels {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** The text of a QR code in the frame, or null. */
export function decodeQr(pixels: Pixels): string | null {
  return jsQR(pixels.data, pixels.width, pixels.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
}

/** The pass code a scan read, or null for anything else (a web address, another programme's QR). */
export function passCodeOfScan(text: string): string | null {
  const cleaned = text.trim().toUpperCase();
  return /^[0-9A-Z]{4}-?[0-9A-Z]{4}$/.test(cleaned) ? cleaned : null;
}

/** Why the camera cannot be used, as the organizer is told (the typed code works all the same). */
export function cameraRefusal(error: unknown): string {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError')
    return 'Không được phép dùng camera. Hãy cho phép trang này dùng camera trong cài đặt trình duyệt, hoặc nhập mã thẻ bên dưới.';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'Không tìm thấy camera trên máy này. Hãy nhập mã thẻ bên dưới.';
  if (name === 'NotReadableError') return 'Camera đang được ứng dụng khác sử dụng. Hãy đóng ứng dụng đó hoặc nhập mã thẻ bên dưới.';
  return 'Không mở được camera. Hãy nhập mã thẻ bên dưới.';
}

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

async function nativeDetector(): Promise<BarcodeDetectorLike | null> {
  const Detector = (window as unknown as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (!Detector) return null;
  try {
    return (await Detector.getSupportedFormats()).includes('qr_code') ? new Detector({ formats: ['qr_code'] }) : null;
  } catch {
    return null;
  }
}

/** Frames are read at most this often, and at most this wide (enough for a pass held up to the phone). */
const SCAN_EVERY_MS = 200;
const MAX_WIDTH = 640;

/**
 * Starts the back camera in `video` and calls `onCode` with each pass code read (the caller pauses
 * repeats). Resolves to a stop function; rejects with the camera's refusal (see cameraRefusal).
 */
export async function startScanner(video: HTMLVideoElement, onCode: (code: string) => void): Promise<() => void> {
  if (!navigator.mediaDevices?.getUserMedia) throw new DOMException('no camera API (an insecure page?)', 'NotSupportedError');
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  video.srcObject = stream;
  video.muted = true;
  video.setAttribute('playsinline', '');
  await video.play();
  const detector = await nativeDetector();
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  let stopped = false;
  let timer: number | undefined;

  const read = async (): Promise<string | null> => {
    if (video.readyState < 2 || !video.videoWidth) return null;
    if (detector) {
      const [found] = await detector.detect(video);
      return found?.rawValue ?? null;
    }
    if (!context) return null;
    const scale = Math.min(1, MAX_WIDTH / video.videoWidth);
    canvas.width = Math.round(video.videoWidth * scale);
    canvas.height = Math.round(video.videoHeight * scale);
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    return decodeQr(context.getImageData(0, 0, canvas.width, canvas.height));
  };
  const tick = async () => {
    if (stopped) return;
    try {
      const text = await read();
      const code = text === null ? null : passCodeOfScan(text);
      if (code && !stopped) onCode(code);
    } catch {
      // a frame that could not be read: the next one will be
    }
    if (!stopped) timer = window.setTimeout(() => void tick(), SCAN_EVERY_MS);
  };
  void tick();
  return () => {
    stopped = true;
    window.clearTimeout(timer);
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  };
}
