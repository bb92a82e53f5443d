/**
 * Printing a venue (issue 18): the browser's print of this page (the print stylesheet keeps the venue's
 * content and drops navigation and controls), or the API's PDF of its programme, checklist and guest
 * list — the parts the reader may read (a viewer's has no guest list).
 */
import { useMutation } from '@tanstack/react-query';
import { client, download, saveBlob } from '../../api/client';
import type { Venue } from '../../api/models';
import { FormError } from '../../components/errors';

export function PrintActions({ venue }: { venue: Venue }) {
  const pdf = useMutation({
    mutationFn: async () => {
      const { blob, filename } = await download(
        client.GET('/api/venues/{id}/sheet.pdf', { params: { path: { id: venue.id } }, parseAs: 'stream' }),
        () => undefined,
      );
      saveBlob(blob, filename);
    },
  });
  return (
    <div className="print-actions no-print">
      <button type="button" className="secondary" onClick={() => window.print()}>
        In trang này
      </button>
      <button type="button" className="secondary" onClick={() => pdf.mutate()} disabled={pdf.isPending}>
        {pdf.isPending ? 'Đang tạo PDF…' : 'Tải PDF chương trình, công việc, khách mời'}
      </button>
      <FormError error={pdf.error} />
    </div>
  );
}
