/**
 * A shared resource's codes and their Vietnamese names. Pure (no decorators, no Node imports): the
 * console imports it as `@shared/logistics/src/resources/resource.enums`.
 */

export enum ResourceKind {
  /** Đoàn/đội văn nghệ Trung ương. */
  ArtTroupe = 'art_troupe',
  PressCrew = 'press_crew',
  MobileStage = 'mobile_stage',
  EscortTeam = 'escort_team',
  Vehicle = 'vehicle',
  Other = 'other',
}

export const RESOURCE_KIND_NAMES: Record<ResourceKind, string> = {
  [ResourceKind.ArtTroupe]: 'Đoàn nghệ thuật, đội văn nghệ',
  [ResourceKind.PressCrew]: 'Tổ phóng viên, báo chí',
  [ResourceKind.MobileStage]: 'Sân khấu lưu động',
  [ResourceKind.EscortTeam]: 'Tổ dẫn đoàn, hộ tống',
  [ResourceKind.Vehicle]: 'Phương tiện, xe',
  [ResourceKind.Other]: 'Nguồn lực khác',
};
