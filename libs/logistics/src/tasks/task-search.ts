import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Actor, Role } from '@app/auth';
import { foldedSearchPattern, type Page, queryRows } from '@app/common';
import { VENUE_FACTS } from '@app/venues';
import { TaskHit } from './dto/task-view.dto';
import { TaskStatus } from './task.enums';

/** What the task search reads, exactly as the trigram index `venue_tasks_search_idx` (migration FoldedSearch) folds it. */
const TASK_SEARCH_TEXT = `task.title || ' ' || task.responsible_unit`;

interface TaskHitRow {
  id: string;
  title: string;
  responsible_unit: string;
  status: TaskStatus;
  due_date: string | null;
  venue_id: string;
  venue_name: string;
  province_code: string;
  total: string;
}

/**
 * Tasks of an edition whose title or responsible unit matches typed words, whatever the diacritics and
 * case, with their venue named; an organizer finds only the tasks of their own province's venues.
 */
@Injectable()
export class TaskSearch {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async search(editionId: string, q: string, actor: Actor, page: { page: number; pageSize: number; offset: number }): Promise<Page<TaskHit>> {
    const parameters: unknown[] = [editionId, foldedSearchPattern(q), page.pageSize, page.offset];
    let scope = '';
    if (actor.role === Role.ProvincialOrganizer) {
      parameters.push(actor.provinceCode);
      scope = `AND venue.province_code = $5`;
    }
    const rows = await queryRows<TaskHitRow>(
      this.dataSource,
      `SELECT task.id, task.title, task.responsible_unit, task.status, task.due_date::text AS due_date,
              venue.id AS venue_id, venue.name AS venue_name, venue.province_code, count(*) OVER () AS total
         FROM venue_tasks task
         JOIN ${VENUE_FACTS} venue ON venue.id = task.venue_id
        WHERE task.edition_id = $1 AND search_fold(${TASK_SEARCH_TEXT}) LIKE search_fold($2) ${scope}
        ORDER BY task.due_date NULLS LAST, task.title, task.id
        LIMIT $3 OFFSET $4`,
      parameters,
    );
    const total = rows.length > 0 ? Number(rows[0].total) : page.offset > 0 ? await this.count(editionId, q, actor) : 0;
    return {
      items: rows.map((row) => ({
        id: row.id,
        title: row.title,
        responsibleUnit: row.responsible_unit,
        status: row.status,
        dueDate: row.due_date,
        venueId: row.venue_id,
        venueName: row.venue_name,
        provinceCode: row.province_code,
      })),
      total,
      page: page.page,
      pageSize: page.pageSize,
    };
  }

  /** The total when the page asked for lies past the last match (the window count has no row to ride on). */
  private async count(editionId: string, q: string, actor: Actor): Promise<number> {
    const organizer = actor.role === Role.ProvincialOrganizer;
    const [row] = await queryRows<{ total: string }>(
      this.dataSource,
      `SELECT count(*) AS total FROM venue_tasks task JOIN ${VENUE_FACTS} venue ON venue.id = task.venue_id
        WHERE task.edition_id = $1 AND search_fold(${TASK_SEARCH_TEXT}) LIKE search_fold($2) ${organizer ? 'AND venue.province_code = $3' : ''}`,
      organizer ? [editionId, foldedSearchPattern(q), actor.provinceCode] : [editionId, foldedSearchPattern(q)],
    );
    return Number(row.total);
  }
}
