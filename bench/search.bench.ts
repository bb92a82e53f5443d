/**
 * bench/search: the one search box's venue query at national scale (issue 18). 50,000 venues over the
 * 34 provinces; the query the venues library sends (`search_fold(<indexed expression>) LIKE
 * search_fold('%…%')`) timed with its trigram index, and the same query with index scans turned off
 * (every row folded) as the baseline, in the same run. Last line: one JSON object.
 */
import 'reflect-metadata';

const SCALE = Number(process.argv[2] ?? 1);
const VENUES = Math.max(340, Math.round(50_000 * SCALE));
const RUNS = 20;
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ngayhoi_bench_search';
// As VenuesService sends it (VENUE_SEARCH_TEXT), so the planner can use venues_search_idx.
const SEARCH = `SELECT count(*) OVER () AS total, venue.id FROM venues venue
  WHERE venue.edition_id = $1
    AND search_fold(venue.name || ' ' || venue.commune_name || ' ' || COALESCE(venue.hamlet_name, '') || ' ' || venue.address) LIKE search_fold($2)
  ORDER BY venue.name LIMIT 20`;
const QUERIES = ['%nam cang%', '%SIN HO%', '%Mường Tè%', '%xa 42%', '%khong co dau nay%'];

async function main(): Promise<void> {
  const { recreateDatabase, createDataSource } = await import('@app/database');
  await recreateDatabase(DATABASE_URL);
  const dataSource = await createDataSource({ DATABASE_URL }).initialize();
  await dataSource.runMigrations();
  const [{ id: editionId }] = await dataSource.query(
    `INSERT INTO editions (year, theme, window_start, window_end, national_day, status) VALUES (2027, 'Đo hiệu năng', '2027-07-01', '2027-08-19', '2027-08-19', 'running') RETURNING id`,
  );
  const names = ['Bản Nậm Cang', 'Xã Sìn Hồ', 'Thị trấn Mường Tè', 'Phường Đống Đa', 'Thôn Đắk Lắk', 'Ấp Bà Điểm', 'Làng Ứng Hòa'];
  await dataSource.query(
    `INSERT INTO venues (edition_id, name, tier, province_code, commune_name, host_kind, address, latitude, longitude, region, expected_attendance, status)
     SELECT $1, 'Ngày hội ' || ($2::text[])[1 + g % 7] || ' số ' || g, 'grassroots', p.code, 'Xã ' || (g % 97), 'thon', 'Nhà văn hóa thôn ' || g,
            p.latitude, p.longitude, p.default_region, 300, 'nominated'
       FROM generate_series(1, $3::int) AS g JOIN LATERAL (SELECT * FROM provinces ORDER BY code OFFSET g % 34 LIMIT 1) p ON true`,
    [editionId, names, VENUES],
  );
  await dataSource.query(`ANALYZE venues`);

  /** Mean ms per query, for each query. */
  const time = async (indexed: boolean): Promise<Map<string, number>> => {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    const means = new Map<string, number>();
    try {
      if (!indexed) {
        await runner.query(`SET enable_bitmapscan = off`);
        await runner.query(`SET enable_indexscan = off`);
      }
      for (const q of QUERIES) {
        await runner.query(SEARCH, [editionId, q]); // warm
        const start = process.hrtime.bigint();
        for (let run = 0; run < RUNS; run += 1) await runner.query(SEARCH, [editionId, q]);
        means.set(q, Number(process.hrtime.bigint() - start) / 1e6 / RUNS);
      }
      return means;
    } finally {
      await runner.release();
    }
  };
  const mean = (values: Map<string, number>) => [...values.values()].reduce((a, b) => a + b, 0) / values.size;
  const indexed = await time(true);
  const scan = await time(false);
  const indexedMs = mean(indexed);
  const scanMs = mean(scan);
  for (const q of QUERIES) {
    const [{ total }] = (await dataSource.query(SEARCH, [editionId, q])).concat([{ total: 0 }]);
    console.log(`  ${q.padEnd(20)} ${String(total).padStart(6)} matches   index ${indexed.get(q)!.toFixed(1)} ms   every row ${scan.get(q)!.toFixed(1)} ms`);
  }
  await dataSource.destroy();
  console.log(`venues: ${VENUES}; folded search, mean of ${RUNS * QUERIES.length} queries:`);
  console.log(`  trigram index: ${indexedMs.toFixed(2)} ms   every row folded (baseline): ${scanMs.toFixed(2)} ms   ratio ${(scanMs / indexedMs).toFixed(1)}×`);
  console.log(
    JSON.stringify({
      bench: 'search',
      venues: VENUES,
      indexed_ms: Number(indexedMs.toFixed(3)),
      scan_ms: Number(scanMs.toFixed(3)),
      ratio: Number((scanMs / indexedMs).toFixed(2)),
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
