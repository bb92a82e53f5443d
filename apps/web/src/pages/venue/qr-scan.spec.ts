import { describe, expect, it } from '@jest/globals';
import QRCode from 'qrcode';
import { PNG } from 'pngjs';
import { cameraRefusal, decodeQr, passCodeOfScan } from './qr-scan';

/** A pass's QR code as the camera's frame would hold it: the PNG the e-mail carries, as RGBA pixels. */
async function frameOf(text: string) {
  const image = PNG.sync.read(await QRCode.toBuffer(text, { errorCorrectionLevel: 'M', scale: 6, margin: 4 }));
  return { data: new Uint8ClampedArray(image.data), width: image.width, height: image.height };
}

describe('reading a pass with the camera', () => {
  it('reads the code from a frame holding its QR code, and nothing from a blank frame', async () => {
    expect(decodeQr(await frameOf('K7QM-42XD'))).toBe('K7QM-42XD');
    const blank = { data: new Uint8ClampedArray(200 * 200 * 4).fill(255), width: 200, height: 200 };
    expect(decodeQr(blank)).toBeNull();
  });

  it('takes a pass code (dash optional, any case) and ignores other QR codes', () => {
    expect(passCodeOfScan(' k7qm-42xd ')).toBe('K7QM-42XD');
    expect(passCodeOfScan('K7QM42XD')).toBe('K7QM42XD');
    expect(passCodeOfScan('https://example.org/K7QM-42XD')).toBeNull();
  });

  it('says in Vietnamese why the camera cannot be used, pointing to the typed code', () => {
    const denied = Object.assign(new Error('denied'), { name: 'NotAllowedError' });
    expect(cameraRefusal(denied)).toContain('Không được phép dùng camera');
    expect(cameraRefusal(denied)).toContain('nhập mã thẻ');
    expect(cameraRefusal(Object.assign(new Error('none'), { name: 'NotFoundError' }))).toContain('Không tìm thấy camera');
  });
});
