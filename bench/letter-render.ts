/**
 * bench/letter-render: renders N giấy mời (default 500) in one process, one after the other, and prints
 * the mean time per letter after a warm-up of 20 (fonts parsed, shaping cached). Used to profile the
 * letter (`node --cpu-prof`). Needs no services. Last line: one JSON object.
 */
import { passQrModules } from '../libs/common/src/pass-codes';
import { renderLetterPdf } from '../libs/invitations/src/letter/letter-pdf';
import type { LetterView } from '../libs/invitations/src/letter/letter-view';

const N = Number(process.argv[2] ?? 500);

const letterFor = (n: number): LetterView => ({
  issuingBody: 'Bộ Công an',
  issuingUnit: 'Ban Chỉ đạo Ngày hội toàn dân bảo vệ an ninh Tổ quốc',
  numberText: `${n}/GM-BCĐ`,
  placeAndDate: 'Hà Nội, ngày 05 tháng 7 năm 2030',
  summary: 'Dự Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2030 tại bản Nậm Cang',
  notice: null,
  recipient: `Đồng chí Đại biểu số ${n}, Thứ trưởng`,
  paragraphs: ['Thực hiện Kế hoạch tổ chức Ngày hội, Ban Chỉ đạo trân trọng kính mời đồng chí tới dự Ngày hội, cụ thể như sau:'],
  details: [
    { label: 'Thời gian', value: 'từ 07 giờ 30 đến 11 giờ 30, Thứ Hai, ngày 12 tháng 8 năm 2030' },
    { label: 'Địa điểm', value: 'Nhà văn hóa bản Nậm Cang, xã Sìn Hồ, tỉnh Lai Châu' },
    { label: 'Đơn vị tổ chức', value: 'Công an tỉnh Lai Châu; liên hệ Đại úy Lò Văn Minh, 0912 345 678' },
  ],
  closing: ['Rất mong đồng chí quan tâm, bố trí thời gian tham dự./.'],
  signerAuthority: 'TM. Ban Chỉ đạo',
  signerTitle: 'Trưởng ban',
  signerName: 'Lương Tam Quang',
  copyTo: ['- Như trên;', '- Lưu: VT.'],
  pass: { code: `K7QM-${String(n % 10000).padStart(4, '0')}`, modules: passQrModules(`K7QM-${String(n % 10000).padStart(4, '0')}`) },
});

async function main(): Promise<void> {
  let bytes = 0;
  for (let n = 1; n <= 20; n++) bytes = (await renderLetterPdf(letterFor(n))).length;
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (let n = 1; n <= N; n++) bytes = (await renderLetterPdf(letterFor(n))).length;
  const ms = Number(process.hrtime.bigint() - started) / 1e6 / N;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000 / N;
  console.log(`letters: ${N} rendered, ${ms.toFixed(2)} ms wall, ${cpuMs.toFixed(2)} ms CPU each, ${bytes} bytes`);
  console.log(JSON.stringify({ count: N, ms_per_letter: Number(ms.toFixed(2)), cpu_ms_per_letter: Number(cpuMs.toFixed(2)), pdf_bytes: bytes }));
}

void main();
