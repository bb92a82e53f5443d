// Day board: the module (each venue's state on the festival day, the live board and its streams) and the states' names.
export { DayBoardModule } from './day-board.module';
export { DAY_STATE_NAMES, DayState } from './day-state.enums';
